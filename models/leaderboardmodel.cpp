#include "leaderboardmodel.h"

#include "format.h"
#include "rankmove.h"
#include "rooms.h"

#include <QJsonArray>
#include <algorithm>
#include <utility>

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
    m_periodKey.clear();
    m_snapshotSeq = 0;
    m_direction = 0;
    m_activity = {};
    m_pending.clear();
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
    const QJsonObject data = e.data();
    if (data.value("metric").toString() != m_metric)
        return;
    if (e.name == QLatin1String("leaderboard:refresh")) {
        // A correction or a (de)activation: the protocol says refetch.
        refresh();
        return;
    }
    if (e.name != QLatin1String("activity:new") && e.name != QLatin1String("rankings:update"))
        return;
    // Over a network the snapshot may overtake the events it already holds.
    if (e.seq > 0 && e.seq <= m_snapshotSeq)
        return;
    if (m_fetching) {
        constexpr int kMaxPending = 5000;
        if (m_pending.size() < kMaxPending)
            m_pending.append(e);
        else
            m_refetch = true;
    }
    if (m_primed)
        applyEvent(e.name, data);
}

void LeaderboardModel::applyEvent(const QString &name, const QJsonObject &data)
{
    if (name == QLatin1String("activity:new"))
        applyActivity(data);
    else if (m_scope != QLatin1String("teams"))
        applyRankMove(data);
    else if (data.value("period").toString() == m_period && !m_periodKey.isEmpty()
             && data.value("periodKey").toString() != m_periodKey)
        refresh(); // a new day, week or month began: team totals start again
}

void LeaderboardModel::fetchSnapshot()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("period"), m_period);
    query.addQueryItem(QStringLiteral("scope"), m_scope);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    const quint64 generation = ++m_requested;
    const QString metric = m_metric, period = m_period, scope = m_scope;
    m_fetching = true;
    stream()->fetch(QStringLiteral("/api/leaderboards/%1").arg(m_metric), query, this,
                    [this, generation, metric, period, scope](int status, const QJsonObject &body) {
                        // Replies may overtake each other on the network, and
                        // the query may have changed meanwhile.
                        if (generation == m_requested)
                            m_fetching = false;
                        if (!m_fetching && status != 200)
                            m_pending.clear();
                        if (status != 200 || generation < m_applied || metric != m_metric || period != m_period
                            || scope != m_scope)
                            return;
                        m_applied = generation;
                        // An older reply leaves the buffer to the newest one.
                        const QList<Event> pending = m_pending;
                        if (!m_fetching)
                            m_pending.clear();
                        applySnapshot(body);
                        // What happened after the snapshot was taken.
                        const qint64 seq = body.value("seq").toInteger();
                        for (const Event &e : pending) {
                            if (body.contains("seq") && e.seq > seq)
                                applyEvent(e.name, e.data());
                        }
                        if (std::exchange(m_refetch, false))
                            refresh();
                    });
}

void LeaderboardModel::applyActivity(const QJsonObject &data)
{
    m_activity = data;
    if (m_scope == QLatin1String("teams")) {
        applyTeamActivity(data);
        return;
    }
    const QJsonValue total = data.value("totals").toObject().value(m_period);
    const int at = indexOf(data.value("person").toInteger(), 0);
    // Someone not on the rows: if they enter, rankings:update says where.
    if (!total.isDouble() || at < 0)
        return;
    QList<Row> next = m_rows;
    Row &row = next[at];
    row.value = total.toDouble();
    row.formatted = formatValue(row.value, m_unit);
    row.name = data.value("name").toString();
    row.initials = data.value("initials").toString();
    row.color = data.value("color").toString();
    mergeRows(next, false);
}

void LeaderboardModel::applyTeamActivity(const QJsonObject &data)
{
    const QJsonValue team = data.value("team");
    if (team.isNull() || team.isUndefined())
        return; // on no team's total
    // A mean of members (best/latest metrics) cannot follow from one value,
    // nor can a team the rows do not hold yet, nor ranks before the
    // direction is known.
    const int at = indexOf(team.toInteger(), 0);
    if (!data.contains("delta") || at < 0 || m_direction == 0) {
        refresh();
        return;
    }
    QList<Row> next = m_rows;
    const double before = next.at(at).value;
    next[at].value += data.value("delta").toDouble();
    next[at].formatted = formatValue(next.at(at).value, m_unit);
    // Falling behind on a board cut at `limit`: a team not shown may now be ahead.
    if (m_rows.size() >= m_limit && better(before, next.at(at).value)) {
        refresh();
        return;
    }
    for (Row &r : next) {
        r.rank = 1 + int(std::count_if(next.cbegin(), next.cend(), [&r, this](const Row &o) {
                     return better(o.value, r.value);
                 }));
    }
    std::stable_sort(next.begin(), next.end(),
                     [](const Row &a, const Row &b) { return a.rank != b.rank ? a.rank < b.rank : a.key < b.key; });
    mergeRows(next, false);
}

void LeaderboardModel::applyRankMove(const QJsonObject &data)
{
    if (data.value("period").toString() != m_period || data.value("correction").toBool())
        return; // another board; a correction comes with leaderboard:refresh
    if (!m_periodKey.isEmpty() && data.value("periodKey").toString() != m_periodKey) {
        refresh(); // a new day, week or month began: its board starts empty
        return;
    }
    const qint64 person = data.value("person").toInteger();
    RankMove move;
    move.previousRank = data.value("previousRank").toInt();
    move.newRank = data.value("newRank").toInt();
    move.value = data.value("value").toDouble();
    QList<Row> next;
    bool shown = false;
    for (Row r : std::as_const(m_rows)) {
        if (r.key == person) {
            shown = true;
            if (move.newRank <= 0)
                continue;
            r.rank = move.newRank;
            r.value = move.value;
            r.formatted = formatValue(r.value, m_unit);
        } else {
            r.rank = rankAfter(move, r.rank, r.value);
        }
        next.append(r);
    }
    // Someone from below the rows who stays below them changes only ranks.
    const auto ahead = [&](const Row &o) { return o.rank != move.newRank ? o.rank < move.newRank : o.key < person; };
    const bool enters = next.size() < m_limit || !std::all_of(next.cbegin(), next.cend(), ahead);
    if (!shown && move.newRank > 0 && enters) {
        // New to the rows: the activity:new just before says who it is.
        if (m_activity.value("person").toInteger() != person) {
            refresh();
            return;
        }
        Row r;
        r.key = person;
        r.rank = move.newRank;
        r.value = move.value;
        r.formatted = formatValue(r.value, m_unit);
        r.name = m_activity.value("name").toString();
        r.initials = m_activity.value("initials").toString();
        r.color = m_activity.value("color").toString();
        r.team = m_activity.value("team").toInteger();
        r.teamName = m_activity.value("teamName").toString();
        if (r.team) {
            const auto mate
                    = std::find_if(m_rows.cbegin(), m_rows.cend(), [&r](const Row &o) { return o.team == r.team; });
            if (mate == m_rows.cend()) {
                refresh(); // the team's colour is in no row
                return;
            }
            r.teamColor = mate->teamColor;
        }
        next.append(r);
    }
    std::stable_sort(next.begin(), next.end(),
                     [](const Row &a, const Row &b) { return a.rank != b.rank ? a.rank < b.rank : a.key < b.key; });
    // A board cut at `limit` hides who comes next: if the mover fell to the
    // end of it or off it, someone hidden may now be ahead of it.
    const bool fell = move.newRank <= 0 || (move.previousRank > 0 && move.newRank > move.previousRank);
    if (shown && fell && m_rows.size() >= m_limit && (move.newRank <= 0 || next.last().key == person)) {
        refresh();
        return;
    }
    if (next.size() > m_limit)
        next.erase(next.begin() + m_limit, next.end());
    mergeRows(next, false);
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
    m_periodKey = body.value("periodKey").toString();
    if (body.contains("seq"))
        m_snapshotSeq = body.value("seq").toInteger();
    const QString keyField = m_scope == QLatin1String("teams") ? QStringLiteral("team") : QStringLiteral("person");
    QList<Row> next;
    for (const QJsonValue &v : body.value("entries").toArray()) {
        if (next.size() >= m_limit)
            break;
        const QJsonObject o = v.toObject();
        Row r;
        r.key = o.value(keyField).toInteger();
        r.team = m_scope == QLatin1String("teams") ? 0 : o.value("team").toInteger();
        r.rank = o.value("rank").toInt();
        r.name = o.value("name").toString();
        r.initials = o.value("initials").toString();
        r.color = o.value("color").toString();
        r.teamName = o.value("teamName").toString();
        r.teamColor = o.value("teamColor").toString();
        r.value = o.value("value").toDouble();
        r.formatted = o.value("formatted").toString();
        // Two ranks in order tell which way the metric counts.
        if (!next.isEmpty() && next.last().rank < r.rank && next.last().value != r.value)
            m_direction = next.last().value > r.value ? 1 : -1;
        next.append(r);
    }
    // The board as first seen is the baseline: nobody on it is "new".
    const bool baseline = !m_primed;
    m_primed = true;
    mergeRows(next, baseline);
    emit refreshed();
}

void LeaderboardModel::mergeRows(QList<Row> nextRows, bool baseline)
{
    int i = 0;
    for (Row &next : nextRows) {
        const int at = indexOf(next.key, i);
        if (at < 0) {
            next.previousRank = baseline ? next.rank : 0;
            next.delta = 0;
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
        row.team = next.team;
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
}

} // namespace podium
