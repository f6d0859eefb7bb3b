#pragma once

#include "event.h"
#include "scoring/periods.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace podium {

class JsonWriter;

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

// Where an activity left its person on one period board.
struct Standing
{
    Period period = Period::AllTime;
    double total = 0;
    int rank = 0;
};

// What recording an activity did, or what a replay of its key finds.
struct RecordedActivity
{
    qint64 id = 0;
    qint64 seq = 0; // of its activity:new event
    qint64 person = 0;
    QString metric;
    bool summed = true; // the metric adds deltas (else it keeps values)
    double amount = 0;
    QString at; // as the events carry it
    QString key;
    QList<Standing> standings; // in the order of the metric's periods
    EventList events; // every event it caused, in seq order
    bool replayed = false;
    // A replay of an activity recorded before events carried its result:
    // the reply that was stored then.
    QJsonObject storedReply;
};

// `"totals":{period: total…},"ranks":{period: rank…}`, as activity:new and
// the reply to POST /api/activities both carry them.
void writeStandings(JsonWriter &out, const QList<Standing> &standings);

} // namespace podium
