#pragma once

#include "http/reply.h"

#include <QJsonValue>
#include <QString>
#include <optional>

namespace podium {

// A text field of a stored object, with its limit: the one check that both
// creating and updating the object go through, so a PATCH cannot store what
// a POST refuses.
struct TextField
{
    const char *name;
    int maxLength;
    bool required = true; // must hold something after trimming

    // Reads `value` into `out` (trimmed); an error naming the field otherwise.
    // An absent or null value is "" for a field that is not required.
    std::optional<Reply> read(const QJsonValue &value, QString *out) const
    {
        if (!required && (value.isUndefined() || value.isNull())) {
            *out = QString();
            return std::nullopt;
        }
        // An optional field of the wrong type keeps the message it always had.
        if (!required && !value.isString())
            return Reply::badRequest(QStringLiteral("field '%1' must be a string").arg(QLatin1String(name)));
        const QString text = value.toString().trimmed();
        if (!value.isString() || (required && text.isEmpty()) || text.size() > maxLength)
            return Reply::badRequest(
                    QStringLiteral("field '%1' must be a %2string of at most %3 characters")
                            .arg(QLatin1String(name), required ? QStringLiteral("non-empty ") : QString())
                            .arg(maxLength));
        *out = text;
        return std::nullopt;
    }
};

namespace fields {
inline constexpr TextField personName {"name", 120};
inline constexpr TextField teamName {"name", 80};
inline constexpr TextField email {"email", 254, false};
inline constexpr TextField externalId {"externalId", 200, false};
inline constexpr TextField metricLabel {"label", 80};
inline constexpr TextField badgeName {"name", 80};
inline constexpr TextField badgeDescription {"description", 280, false};
inline constexpr TextField badgeIcon {"icon", 32, false};
inline constexpr TextField ruleTitle {"title", 120, false};
inline constexpr TextField contestName {"name", 120};
inline constexpr TextField prize {"prizes[]", 120, false};
inline constexpr TextField sessionTitle {"title", 120, false};
inline constexpr TextField sessionKind {"kind", 40, false};
inline constexpr TextField tierName {"tiers[].name", 40, false};
inline constexpr TextField tierKey {"tiers[].key", 40};
inline constexpr TextField activitySource {"source", 120, false};
inline constexpr TextField tokenLabel {"label", 120, false};
inline constexpr TextField badgeReason {"reason", 280, false};
} // namespace fields

} // namespace podium
