#pragma once

#include <QDateTime>
#include <QString>

namespace podium {

// One activity as scoring takes it, already parsed: `amount` is the delta
// of a summed metric, or the value of a best/latest one.
struct ActivityInput
{
    qint64 person = 0;
    QString metric;
    double amount = 0;
    // Idempotency key: a retry with the same key is replayed, not counted.
    QString key;
    // When it happened; invalid means now.
    QDateTime at;
    QString source;
};

} // namespace podium
