#include "contestmodel.h"

#include "rooms.h"

#include <QJsonArray>

namespace podium {

namespace {

int stateOrder(const QString &state)
{
    if (state == QLatin1String("live"))
        return 0;
    if (state == QLatin1String("scheduled"))
        return 1;
    return 2;
}

// Live: soonest end first. Scheduled: soonest start first. Ended: latest first.
bool before(const ContestModel::Row &a, const ContestModel::Row &b)
{
    const int sa = stateOrder(a.state), sb = stateOrder(b.state);
    if (sa != sb)
        return sa < sb;
    if (sa == 0 && a.endsAt != b.endsAt)
        return a.endsAt < b.endsAt;
    if (sa == 1 && a.startsAt != b.startsAt)
        return a.startsAt < b.startsAt;
    if (sa == 2 && a.endsAt != b.endsAt)
        return a.endsAt > b.endsAt;
    return a.id < b.id;
}

} // namespace

ContestModel::ContestModel(QObject *parent) : StreamModel(parent)
{
    connect(&m_countdown, &QTimer::timeout, this, [this] { tick(QDateTime::currentDateTimeUtc()); });
    m_countdown.start(1000);
    // A remote wall hears of a contest's updates only in its room, which it
    // can join only once it knows the contest: look for new ones now and then.
    connect(&m_poll, &QTimer::timeout, this, &ContestModel::refresh);
    m_poll.start(30000);
}

int ContestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ContestModel::data(const QModelIndex &index, int role) const
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
    case MetricRole:
        return r.metric;
    case StateRole:
        return r.state;
    case ModeRole:
        return r.mode;
    case StartsAtRole:
        return r.startsAt;
    case EndsAtRole:
        return r.endsAt;
    case RemainingRole:
        return r.remaining;
    case StandingsRole:
        return r.standings;
    case PlacementsRole:
        return r.placements;
    case PrizesRole:
        return r.prizes;
    default:
        return {};
    }
}

QHash<int, QByteArray> ContestModel::roleNames() const
{
    return {{IdRole, "contestId"},          {NameRole, "name"},         {MetricRole, "metric"},
            {StateRole, "state"},           {ModeRole, "mode"},         {StartsAtRole, "startsAt"},
            {EndsAtRole, "endsAt"},         {RemainingRole, "remainingSeconds"},
            {StandingsRole, "standings"},   {PlacementsRole, "placements"}, {PrizesRole, "prizes"}};
}

QVariantMap ContestModel::featured() const
{
    if (m_rows.isEmpty())
        return {};
    QVariantMap map;
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(0), it.key()));
    return map;
}

QStringList ContestModel::rooms() const
{
    QStringList list {rooms::tvDisplay()};
    for (const Row &r : m_rows)
        list.append(rooms::contest(r.id));
    return list;
}

void ContestModel::handleEvent(const Event &e)
{
    if (e.name == QLatin1String("contest:update") || e.name == QLatin1String("contest:ended")) {
        const QJsonObject data = e.data(); // parsed once: data() decodes on each call
        apply(data);
        if (e.name == QLatin1String("contest:ended"))
            emit contestEnded(data.toVariantMap());
    }
}

void ContestModel::fetchSnapshot()
{
    stream()->fetch(QStringLiteral("/api/contests"), {}, this, [this](int status, const QJsonObject &body) {
        if (status == 200)
            applySnapshot(body);
    });
}

void ContestModel::applySnapshot(const QJsonObject &body)
{
    const QJsonArray list = body.value("contests").toArray();
    QSet<qint64> seen;
    for (const QJsonValue &v : list) {
        seen.insert(v.toObject().value("id").toInteger());
        apply(v.toObject());
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!seen.contains(m_rows.at(i).id)) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    emit featuredChanged();
    emit refreshed();
}

void ContestModel::apply(const QJsonObject &c)
{
    Row row;
    row.id = c.value("id").toInteger(c.value("contestId").toInteger());
    if (row.id <= 0)
        return;
    row.name = c.value("name").toString();
    row.metric = c.value("metric").toString();
    row.state = c.value("state").toString();
    row.mode = c.value("mode").toString();
    row.startsAt = QDateTime::fromString(c.value("startsAt").toString(), Qt::ISODateWithMs);
    row.endsAt = QDateTime::fromString(c.value("endsAt").toString(), Qt::ISODateWithMs);
    row.remaining = c.value("remainingSeconds").toInt();
    row.standings = c.value("standings").toArray().toVariantList();
    row.placements = c.value("placements").toArray().toVariantList();
    row.prizes = c.value("prizes").toArray().toVariantList();

    int at = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == row.id)
            at = i;
    }
    if (at >= 0) {
        // Same place in the order: update in place, so views do not blink.
        const Row old = m_rows.takeAt(at);
        const int pos = positionFor(row);
        m_rows.insert(at, pos == at ? row : old);
        if (pos == at) {
            emit dataChanged(index(at), index(at));
        } else {
            beginRemoveRows(QModelIndex(), at, at);
            m_rows.removeAt(at);
            endRemoveRows();
            insertSorted(row);
        }
    } else {
        insertSorted(row);
        if (stream())
            stream()->join(rooms::contest(row.id));
    }
    dropOldEnded();
    emit featuredChanged();
}

int ContestModel::positionFor(const Row &row) const
{
    int i = 0;
    while (i < m_rows.size() && before(m_rows.at(i), row))
        ++i;
    return i;
}

void ContestModel::insertSorted(const Row &row)
{
    const int at = positionFor(row);
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, row);
    endInsertRows();
}

void ContestModel::dropOldEnded()
{
    int ended = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).state != QLatin1String("ended"))
            continue;
        if (++ended > kEndedKept) {
            beginRemoveRows(QModelIndex(), i, int(m_rows.size()) - 1);
            m_rows.erase(m_rows.begin() + i, m_rows.end());
            endRemoveRows();
            return;
        }
    }
}

void ContestModel::tick(const QDateTime &now)
{
    bool any = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (r.state != QLatin1String("live") || !r.endsAt.isValid())
            continue;
        const int remaining = int(std::max<qint64>(0, now.secsTo(r.endsAt)));
        if (remaining != r.remaining) {
            r.remaining = remaining;
            emit dataChanged(index(i), index(i), {RemainingRole});
            any = true;
        }
    }
    if (any)
        emit featuredChanged();
}

} // namespace podium
