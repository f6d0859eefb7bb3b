#include "teamtrendmodel.h"

#include "rooms.h"

#include <QJsonArray>

#include <algorithm>
#include <utility>

namespace podium {

TeamTrendModel::TeamTrendModel(QObject *parent) : StreamModel(parent) {}

int TeamTrendModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TeamTrendModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return r.id;
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case ColorRole:
        return r.color;
    case ValueRole:
        return r.value;
    case PointsRole: {
        QVariantList list;
        list.reserve(r.points.size());
        for (const QPointF &p : r.points)
            list.append(p);
        return list;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> TeamTrendModel::roleNames() const
{
    return {{IdRole, "teamId"}, {NameRole, "name"}, {ColorRole, "color"}, {ValueRole, "value"}, {PointsRole, "points"}};
}

void TeamTrendModel::setMetric(const QString &metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_historyAsked = false;
    m_boardSeq = 0;
    emit metricChanged();
    emit pointsChanged();
    refresh();
}

double TeamTrendModel::maxValue() const
{
    double top = 0;
    for (const Row &r : m_rows) {
        for (const QPointF &p : r.points)
            top = std::max(top, p.y());
    }
    return top;
}

double TeamTrendModel::minTime() const
{
    double t = 0;
    for (const Row &r : m_rows) {
        if (!r.points.isEmpty() && (t == 0 || r.points.first().x() < t))
            t = r.points.first().x();
    }
    return t;
}

double TeamTrendModel::maxTime() const
{
    double t = 0;
    for (const Row &r : m_rows) {
        if (!r.points.isEmpty())
            t = std::max(t, r.points.last().x());
    }
    return t;
}

int TeamTrendModel::indexOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void TeamTrendModel::handleEvent(const Event &e)
{
    if (e.name != QLatin1String("activity:new"))
        return;
    // Over a network the board may overtake the events it already holds;
    // those that come after it while it is on its way count on top of it.
    if (e.seq > 0 && e.seq <= m_boardSeq)
        return;
    if (m_fetching)
        m_pending.append(e);
    applyActivity(e);
}

void TeamTrendModel::applyActivity(const Event &e)
{
    const QJsonObject data = e.data();
    if (data.value("metric").toString() != m_metric)
        return;
    const QJsonValue team = data.value("team");
    if (team.isNull() || team.isUndefined())
        return; // on no team's total
    // The event carries the team's step: its total moves by the delta. A
    // team the rows do not hold yet (its name and colour) or a metric that
    // is not summed needs the board.
    const int at = indexOf(team.toInteger());
    if (at < 0 || !data.contains("delta")) {
        refresh();
        return;
    }
    m_rows[at].value += data.value("delta").toDouble();
    const QDateTime when = e.at.isValid() ? e.at : QDateTime::currentDateTimeUtc();
    addPoint(at, QPointF(double(when.toMSecsSinceEpoch()), m_rows.at(at).value));
    emit dataChanged(index(at), index(at));
    emit pointsChanged();
}

void TeamTrendModel::fetchSnapshot()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("period"), QStringLiteral("month"));
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("teams"));
    m_fetching = true;
    m_pending.clear();
    stream()->fetch(QStringLiteral("/api/leaderboards/%1").arg(m_metric), query, this,
                    [this](int status, const QJsonObject &body) {
                        m_fetching = false;
                        const QList<Event> pending = std::exchange(m_pending, {});
                        if (status != 200)
                            return;
                        applyBoard(body, QDateTime::currentDateTimeUtc());
                        if (body.contains("seq")) {
                            m_boardSeq = body.value("seq").toInteger();
                            for (const Event &e : pending) {
                                if (e.seq > m_boardSeq)
                                    applyActivity(e);
                            }
                        }
                        if (m_historyAsked)
                            return;
                        m_historyAsked = true;
                        QUrlQuery q;
                        const qint64 seq = body.value("seq").toInteger();
                        q.addQueryItem(QStringLiteral("since"), QString::number(std::max<qint64>(0, seq - 3000)));
                        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
                        q.addQueryItem(QStringLiteral("rooms"), rooms::activityFeed());
                        stream()->fetch(QStringLiteral("/api/events"), q, this, [this](int st, const QJsonObject &b) {
                            if (st == 200)
                                applyHistory(b);
                        });
                    });
}

void TeamTrendModel::addPoint(int row, const QPointF &p)
{
    QList<QPointF> &points = m_rows[row].points;
    points.append(p);
    if (points.size() > kMaxPoints)
        points.remove(0, points.size() - kMaxPoints);
}

void TeamTrendModel::applyBoard(const QJsonObject &body, const QDateTime &now)
{
    bool moved = false;
    for (const QJsonValue &v : body.value("entries").toArray()) {
        const QJsonObject o = v.toObject();
        const qint64 id = o.value("team").toInteger();
        const double value = o.value("value").toDouble();
        int at = indexOf(id);
        if (at < 0) {
            at = int(m_rows.size());
            beginInsertRows(QModelIndex(), at, at);
            m_rows.append({id, o.value("name").toString(), o.value("color").toString(), value, {}});
            endInsertRows();
            addPoint(at, QPointF(double(now.toMSecsSinceEpoch()), value));
            moved = true;
            continue;
        }
        Row &r = m_rows[at];
        if (r.value == value && !r.points.isEmpty())
            continue;
        r.value = value;
        addPoint(at, QPointF(double(now.toMSecsSinceEpoch()), value));
        emit dataChanged(index(at), index(at));
        moved = true;
    }
    if (moved)
        emit pointsChanged();
    emit refreshed();
}

void TeamTrendModel::applyHistory(const QJsonObject &body)
{
    // Walk the log newest → oldest from the totals we hold: before each
    // activity, its team's total was smaller by that activity's delta.
    const QJsonArray events = body.value("events").toArray();
    QHash<qint64, double> total;
    QHash<qint64, QList<QPointF>> past;
    for (const Row &r : std::as_const(m_rows)) {
        if (r.points.size() == 1) // only the snapshot point: no history yet
            total.insert(r.id, r.value);
    }
    for (qsizetype i = events.size() - 1; i >= 0; --i) {
        const QJsonObject e = events.at(i).toObject();
        const QJsonObject d = e.value("data").toObject();
        if (e.value("event").toString() != QLatin1String("activity:new") || d.value("metric").toString() != m_metric
            || !d.contains("delta"))
            continue;
        const qint64 team = d.value("team").toInteger();
        if (!total.contains(team))
            continue;
        const double x = double(QDateTime::fromString(e.value("at").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch());
        past[team].prepend(QPointF(x, total.value(team)));
        total[team] -= d.value("delta").toDouble();
        past[team].prepend(QPointF(x - 1, total.value(team)));
    }
    for (auto it = past.begin(); it != past.end(); ++it) {
        const int at = indexOf(it.key());
        QList<QPointF> points = it.value() + m_rows[at].points;
        if (points.size() > kMaxPoints)
            points.remove(0, points.size() - kMaxPoints);
        m_rows[at].points = points;
        emit dataChanged(index(at), index(at));
    }
    if (!past.isEmpty())
        emit pointsChanged();
}

} // namespace podium
