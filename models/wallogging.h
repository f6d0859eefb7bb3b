#pragma once

#include <QLoggingCategory>

// The wall's own subsystems (the server's live in server/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcStream)
Q_DECLARE_LOGGING_CATEGORY(lcWall)
