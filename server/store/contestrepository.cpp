#include "store/contestrepository.h"

#include "event.h"
#include "store/batchwriter.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace podium {

namespace {
template<typename T> QString compact(const T &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}
} // namespace

void ContestRepository::load(QHash<qint64, std::shared_ptr<Contest>> *contests, QString *error)
{
    QSqlQuery q = m_writer.store().select(
            error,
            QStringLiteral("SELECT id, name, metric, starts_at, ends_at, mode, prizes, state, placements, "
                           "payout FROM contests"));
    while (q.next()) {
        auto c = std::make_shared<Contest>();
        c->id = q.value(0).toLongLong();
        c->name = q.value(1).toString();
        c->metric = q.value(2).toString();
        c->startsAt = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
        c->endsAt = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
        c->teams = q.value(5).toString() == QLatin1String("teams");
        c->prizes = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array();
        const QString state = q.value(7).toString();
        c->state = state == QLatin1String("live") ? ContestState::Live
                : state == QLatin1String("ended") ? ContestState::Ended
                                                  : ContestState::Scheduled;
        c->placements = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array();
        c->payout = q.value(9).isNull() ? QJsonValue()
                                        : QJsonValue(QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object());
        contests->insert(c->id, c);
    }
}

qint64 ContestRepository::nextId()
{
    return m_writer.nextId(QStringLiteral("contests"));
}

void ContestRepository::save(const Contest &c)
{
    m_writer.write(
            QStringLiteral("INSERT INTO contests (id, name, metric, starts_at, ends_at, mode, prizes, state, "
                           "placements, payout) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                           "name = excluded.name, starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
                           "state = excluded.state, placements = excluded.placements, payout = excluded.payout"),
            {c.id, c.name, c.metric, isoTime(c.startsAt), isoTime(c.endsAt), c.teams ? "teams" : "individuals",
             compact(c.prizes), contestStateName(c.state), compact(c.placements),
             c.payout.isObject() ? QVariant(compact(c.payout.toObject())) : QVariant()});
}

QList<QPair<qint64, double>> ContestRepository::activityTotals(const QString &metric, bool sum, bool higherIsBetter,
                                                               const QDateTime &from, const QDateTime &to)
{
    const QString aggregate = sum ? QStringLiteral("SUM(amount)")
            : higherIsBetter      ? QStringLiteral("MAX(amount)")
                                  : QStringLiteral("MIN(amount)");
    QSqlQuery &q = m_writer.store().prepared(QStringLiteral("SELECT person_id, %1 FROM activities WHERE metric = ? "
                                                            "AND voided = 0 AND at >= ? AND at < ? GROUP BY person_id")
                                                     .arg(aggregate));
    q.bindValue(0, metric);
    q.bindValue(1, isoTime(from));
    q.bindValue(2, isoTime(to));
    QList<QPair<qint64, double>> totals;
    if (q.exec()) {
        while (q.next())
            totals.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    }
    q.finish();
    return totals;
}

} // namespace podium
