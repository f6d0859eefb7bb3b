#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "podium.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "podium.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "podium.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHub, "podium.hub", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "podium.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSio, "podium.sio", QtInfoMsg)
