#pragma once

#include "contests/contest.h"

#include <QHash>
#include <memory>

namespace podium {

class BatchWriter;

// Contests' rows, and the activity sums their standings are built from.
class ContestRepository
{
public:
    explicit ContestRepository(BatchWriter &writer)
        : m_writer(writer)
    { }

    // Contests without their standings. A failed read sets `error`.
    void load(QHash<qint64, std::shared_ptr<Contest>> *contests, QString *error);
    qint64 nextId();
    // Inserts or updates; metric, mode and prizes are fixed once stored.
    void save(const Contest &contest);
    // Per person, the sum (`sum`) or else the best of `metric`'s activities
    // in [from, to) that are not voided (best is the highest when
    // `higherIsBetter`), in the database's order.
    QList<QPair<qint64, double>> activityTotals(const QString &metric, bool sum, bool higherIsBetter,
                                                const QDateTime &from, const QDateTime &to);

private:
    BatchWriter &m_writer;
};

} // namespace podium
