#pragma once

#include "scoring/periods.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace podium {

class BatchWriter;

// An activity as stored.
struct StoredActivity
{
    qint64 id = 0;
    qint64 person = 0;
    QString metric;
    double amount = 0;
    QString at;
    std::optional<QString> key; // the idempotency key
    bool voided = false;
    QString source;
    qint64 firstSeq = 0; // its events: seqs firstSeq..lastSeq (0: an older row)
    qint64 lastSeq = 0;
    QString result; // the reply, as rows written before the events carried it
};

// Scoring's rows: activities, the totals of every board, and which
// milestones fired.
class ActivityRepository
{
public:
    enum class Fold { Sum, Highest, Lowest, Latest };

    explicit ActivityRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    std::optional<StoredActivity> byKey(const QString &key);
    std::optional<StoredActivity> byId(qint64 id);
    void insert(const StoredActivity &activity);
    void markVoided(qint64 id);

    // The stored totals of one board, by person.
    QList<QPair<qint64, double>> boardTotals(const QString &metric, Period period, const QString &periodKey);
    void saveTotal(const QString &metric, Period period, const QString &periodKey, qint64 person, double value);
    void deleteTotal(const QString &metric, Period period, const QString &periodKey, qint64 person);
    // A person's total of `metric` from the activities that still count, in
    // [from, to) when both are valid; nothing when no activity counts.
    std::optional<double> countedTotal(qint64 person, const QString &metric, Fold fold, const QDateTime &from,
                                       const QDateTime &to);

    // False when the milestone had fired already for this person and period:
    // "never again" is a property of the store, not of memory.
    bool insertMilestoneFired(qint64 rule, qint64 person, const QString &periodKey, double value, qint64 seq);

private:
    BatchWriter &m_writer;
};

} // namespace podium
