#include "leaderboardmodel.h"

#include "rooms.h"

#include <QJsonArray>

namespace podium {

LeaderboardModel::LeaderboardModel(QObject *parent) : StreamModel(parent) {}

int LeaderboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return r.key;
    case RankRole:
        return r.rank;
    case PreviousRankRole:
        return r.previousRank;
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case InitialsRole:
        return r.initials;
    case ColorRole:
        return r.color;
    case TeamNameRole:
        return r.teamName;
    case TeamColorRole:
        return r.teamColor;
    case ValueRole:
        return r.value;
    case DeltaRole:
        return r.delta;
    case FormattedRole:
        return r.formatted;
    default:
        return {};
    }
}

QHash<int, QByteArray> LeaderboardModel::roleNames() const
{
    return {{KeyRole, "key"},           {RankRole, "rank"},         {PreviousRankRole, "previousRank"},
            {NameRole, "name"},         {InitialsRole, "initials"}, {ColorRole, "color"},
            {TeamNameRole, "teamName"}, {TeamColorRole, "teamColor"}, {ValueRole, "value"},
            {DeltaRole, "delta"},       {FormattedRole, "formatted"}};
}

QVariantMap LeaderboardModel::get(int i) const
{
    QVariantMap map;
    if (i < 0 || i >= m_rows.size())
        return map;
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(i), it.key()));
    return map;
}

void LeaderboardModel::setMetric(const QString &metric)
{
    if (m_metric == metric)
        return;
    m_metric = metric;
    queryEdited();
}

void LeaderboardModel::setPeriod(const QString &period)
{
    if (m_period == period)
        return;
    m_period = period;
    queryEdited();
}

void LeaderboardModel::setScope(const QString &scope)
{
    if (m_scope == scope)
        return;
    m_scope = scope;
    queryEdited();
}

void LeaderboardModel::setLimit(int limit)
{
    if (m_limit == limit || limit < 1)
        return;
    m_limit = limit;
    queryEdited();
}

void LeaderboardModel::queryEdited()
{
    // Another board: the old rows mean nothing for it.
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_primed = false;
    joinRooms();
    emit queryChanged();
    refresh();
}

QStringList LeaderboardModel::rooms() const
{
    return {rooms::leaderboard(m_metric), rooms::activityFeed()};
}

void LeaderboardModel::handleEvent(const Event &e)
{
    const QString metric = e.data().value("metric").toString();
    if (metric != m_metric)
        return;
    // Values change without a rank change (activity:new), ranks change
    // (rankings:update), corrections rebuild (leaderboard:refresh): in every
    // case the snapshot is the truth, fetched once per burst.
    if (e.name == QLatin1String("activity:new") || e.name == QLatin1String("rankings:update")
        || e.name == QLatin1String("leaderboard:refresh"))
        refresh();
}

void LeaderboardModel::fetchSnapshot()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("period"), m_period);
    query.addQueryItem(QStringLiteral("scope"), m_scope);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    const quint64 generation = ++m_requested;
    const QString metric = m_metric, period = m_period, scope = m_scope;
    stream()->fetch(QStringLiteral("/api/leaderboards/%1").arg(m_metric), query, this,
                    [this, generation, metric, period, scope](int status, const QJsonObject &body) {
                        // Replies may overtake each other on the network, and
                        // the query may have changed meanwhile.
                        if (status != 200 || generation < m_applied || metric != m_metric || period != m_period
                            || scope != m_scope)
                            return;
                        m_applied = generation;
                        applySnapshot(body);
                    });
}

int LeaderboardModel::indexOf(qint64 key, int from) const
{
    for (int i = from; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

void LeaderboardModel::applySnapshot(const QJsonObject &body)
{
    const QString label = body.value("label").toString();
    const QString unit = body.value("unit").toString();
    if (label != m_label || unit != m_unit) {
        m_label = label;
        m_unit = unit;
        emit labelChanged();
    }
    const QString keyField = m_scope == QLatin1String("teams") ? QStringLiteral("team") : QStringLiteral("person");
    const QJsonArray entries = body.value("entries").toArray();
    // The board as first seen is the baseline: nobody on it is "new".
    const bool baseline = !m_primed;
    m_primed = true;
    int i = 0;
    for (const QJsonValue &v : entries) {
        if (i >= m_limit)
            break;
        const QJsonObject o = v.toObject();
        Row next;
        next.key = o.value(keyField).toInteger();
        next.rank = o.value("rank").toInt();
        next.name = o.value("name").toString();
        next.initials = o.value("initials").toString();
        next.color = o.value("color").toString();
        next.teamName = o.value("teamName").toString();
        next.teamColor = o.value("teamColor").toString();
        next.value = o.value("value").toDouble();
        next.formatted = o.value("formatted").toString();

        const int at = indexOf(next.key, i);
        if (at < 0) {
            if (baseline)
                next.previousRank = next.rank;
            beginInsertRows(QModelIndex(), i, i);
            m_rows.insert(i, next);
            endInsertRows();
            ++i;
            continue;
        }
        if (at != i) {
            beginMoveRows(QModelIndex(), at, at, QModelIndex(), i);
            m_rows.move(at, i);
            endMoveRows();
        }
        Row &row = m_rows[i];
        // Keep the last real change so arrows and deltas stay on screen until
        // the next one, not just for one snapshot.
        next.previousRank = row.rank != next.rank ? row.rank : row.previousRank;
        next.delta = row.value != next.value ? next.value - row.value : row.delta;
        const bool changed = row.rank != next.rank || row.previousRank != next.previousRank || row.name != next.name
                             || row.initials != next.initials || row.color != next.color
                             || row.teamName != next.teamName || row.teamColor != next.teamColor
                             || row.value != next.value || row.delta != next.delta || row.formatted != next.formatted;
        if (changed) {
            row = next;
            emit dataChanged(index(i), index(i));
        }
        ++i;
    }
    if (i < m_rows.size()) {
        beginRemoveRows(QModelIndex(), i, int(m_rows.size()) - 1);
        m_rows.erase(m_rows.begin() + i, m_rows.end());
        endRemoveRows();
    }
    emit refreshed();
}

} // namespace podium
