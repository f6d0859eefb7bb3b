#pragma once

#include <QLoggingCategory>

namespace podium {
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
}
