#include "store/activityrepository.h"

#include "event.h"
#include "store/batchwriter.h"
#include "store/store.h"

#include <QSqlQuery>

namespace podium {

namespace {
const QString &activityColumns()
{
    static const QString columns = QStringLiteral(
            "id, person_id, metric, amount, at, idem_key, voided, source, first_seq, last_seq, result");
    return columns;
}

std::optional<StoredActivity> readOne(QSqlQuery &q)
{
    std::optional<StoredActivity> found;
    if (q.exec() && q.next()) {
        StoredActivity a;
        a.id = q.value(0).toLongLong();
        a.person = q.value(1).toLongLong();
        a.metric = q.value(2).toString();
        a.amount = q.value(3).toDouble();
        a.at = q.value(4).toString();
        if (!q.value(5).isNull())
            a.key = q.value(5).toString();
        a.voided = q.value(6).toInt() != 0;
        a.source = q.value(7).toString();
        a.firstSeq = q.value(8).toLongLong();
        a.lastSeq = q.value(9).toLongLong();
        a.result = q.value(10).toString();
        found = a;
    }
    q.finish();
    return found;
}
} // namespace

std::optional<StoredActivity> ActivityRepository::byKey(const QString &key)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT %1 FROM activities WHERE idem_key = ?").arg(activityColumns()));
    q.bindValue(0, key);
    return readOne(q);
}

std::optional<StoredActivity> ActivityRepository::byId(qint64 id)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT %1 FROM activities WHERE id = ?").arg(activityColumns()));
    q.bindValue(0, id);
    return readOne(q);
}

void ActivityRepository::insert(const StoredActivity &a)
{
    m_writer.write(QStringLiteral("INSERT INTO activities (id, person_id, metric, amount, at, idem_key, voided, "
                                  "source, first_seq, last_seq) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"),
                   {a.id, a.person, a.metric, a.amount, a.at, a.key ? QVariant(*a.key) : QVariant(), a.source,
                    a.firstSeq, a.lastSeq});
}

void ActivityRepository::markVoided(qint64 id)
{
    m_writer.write(QStringLiteral("UPDATE activities SET voided = 1 WHERE id = ?"), {id});
}

QList<QPair<qint64, double>> ActivityRepository::boardTotals(const QString &metric, Period period,
                                                             const QString &periodKey)
{
    QSqlQuery &q = m_writer.store().prepared(
            QStringLiteral("SELECT person_id, value FROM totals WHERE metric = ? AND period = ? AND period_key = ?"));
    q.bindValue(0, metric);
    q.bindValue(1, periodName(period));
    q.bindValue(2, periodKey);
    QList<QPair<qint64, double>> totals;
    if (q.exec()) {
        while (q.next())
            totals.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    }
    q.finish();
    return totals;
}

void ActivityRepository::saveTotal(const QString &metric, Period period, const QString &periodKey, qint64 person,
                                   double value)
{
    m_writer.write(QStringLiteral("INSERT INTO totals (metric, period, period_key, person_id, value) VALUES (?, ?, ?, "
                                  "?, ?) ON CONFLICT (metric, period, period_key, person_id) DO UPDATE SET value = "
                                  "excluded.value"),
                   {metric, periodName(period), periodKey, person, value});
}

void ActivityRepository::deleteTotal(const QString &metric, Period period, const QString &periodKey, qint64 person)
{
    m_writer.write(
            QStringLiteral("DELETE FROM totals WHERE metric = ? AND period = ? AND period_key = ? AND person_id = ?"),
            {metric, periodName(period), periodKey, person});
}

std::optional<double> ActivityRepository::countedTotal(qint64 person, const QString &metric, Fold fold,
                                                       const QDateTime &from, const QDateTime &to)
{
    const bool bounded = from.isValid() && to.isValid();
    const QString within = bounded ? QStringLiteral(" AND at >= ? AND at < ?") : QString();
    QString sql;
    if (fold == Fold::Latest) {
        sql = QStringLiteral("SELECT amount, 1 FROM activities WHERE person_id = ? AND metric = ? AND voided = 0%1 "
                             "ORDER BY at DESC, id DESC LIMIT 1")
                      .arg(within);
    } else {
        const QString aggregate = fold == Fold::Sum ? QStringLiteral("SUM(amount)")
                : fold == Fold::Highest             ? QStringLiteral("MAX(amount)")
                                                    : QStringLiteral("MIN(amount)");
        sql = QStringLiteral("SELECT %1, COUNT(*) FROM activities WHERE person_id = ? AND metric = ? AND voided = 0%2")
                      .arg(aggregate, within);
    }
    QSqlQuery &q = m_writer.store().prepared(sql);
    q.bindValue(0, person);
    q.bindValue(1, metric);
    if (bounded) {
        q.bindValue(2, isoTime(from));
        q.bindValue(3, isoTime(to));
    }
    std::optional<double> value;
    if (q.exec() && q.next() && q.value(1).toInt() > 0)
        value = q.value(0).toDouble();
    q.finish();
    return value;
}

bool ActivityRepository::insertMilestoneFired(qint64 rule, qint64 person, const QString &periodKey, double value,
                                              qint64 seq)
{
    return m_writer.writeAffected(QStringLiteral("INSERT INTO milestones_fired (rule_id, person_id, period_key, value, "
                                                 "seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (rule_id, person_id, "
                                                 "period_key, value) DO NOTHING"),
                                  {rule, person, periodKey, value, seq})
            > 0;
}

} // namespace podium
