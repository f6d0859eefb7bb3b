#include "adminlogging.h"

namespace podium {
Q_LOGGING_CATEGORY(lcAdmin, "podium.admin", QtInfoMsg)
}
