#include "wallogging.h"

Q_LOGGING_CATEGORY(lcStream, "podium.stream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWall, "podium.wall", QtInfoMsg)
