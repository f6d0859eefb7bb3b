#include "feedmodel.h"

#include <QJsonArray>

namespace podium {

FeedModel::FeedModel(QObject *parent) : StreamModel(parent) {}

int FeedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FeedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case SeqRole:
        return r.seq;
    case KindRole:
        return r.kind;
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case DetailRole:
        return r.detail;
    case NameRole:
        return r.name;
    case InitialsRole:
        return r.initials;
    case ColorRole:
        return r.color;
    case IconRole:
        return r.icon;
    case RarityRole:
        return r.rarity;
    case AtRole:
        return r.at;
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedModel::roleNames() const
{
    return {{SeqRole, "seq"},       {KindRole, "kind"},         {TitleRole, "title"}, {DetailRole, "detail"},
            {NameRole, "name"},     {InitialsRole, "initials"}, {ColorRole, "color"}, {IconRole, "icon"},
            {RarityRole, "rarity"}, {AtRole, "at"}};
}

void FeedModel::setCapacity(int capacity)
{
    if (capacity < 1 || capacity == m_capacity)
        return;
    m_capacity = capacity;
    trim();
    emit capacityChanged();
}

void FeedModel::handleEvent(const Event &e)
{
    // A history may already hold an event that a resume replays afterwards.
    if (!m_quiet && e.seq > 0 && e.seq <= m_historySeq)
        return;
    const QJsonObject d = e.data();
    Row row;
    row.seq = e.seq;
    row.at = e.at;
    row.name = d.value("userName").toString(d.value("name").toString());
    row.initials = d.value("initials").toString();
    row.color = d.value("color").toString();
    if (e.name == QLatin1String("activity:new")) {
        row.kind = QStringLiteral("activity");
        row.title = row.name;
        const QString label = d.value("label").toString(d.value("metric").toString());
        // A best/latest metric reports the value itself, and a negative
        // delta is already signed: neither is "+" (as on the web wall).
        const bool added = d.contains("delta") ? d.value("delta").toDouble() >= 0 : !d.contains("value");
        row.detail = QStringLiteral("%1%2 %3")
                             .arg(added ? QStringLiteral("+") : QString(), d.value("formatted").toString(), label.toLower());
    } else if (e.name == QLatin1String("milestone:reached") || e.name == QLatin1String("achievement:celebration")) {
        const bool achievement = e.name == QLatin1String("achievement:celebration");
        row.kind = achievement ? QStringLiteral("achievement") : QStringLiteral("milestone");
        row.title = d.value("title").toString();
        row.detail = d.value("description").toString();
        row.icon = d.value("icon").toString();
        row.rarity = d.value("rarity").toString(QStringLiteral("common"));
        // A milestone is announced twice (to the feed, then to the wall as a
        // celebration): the second one upgrades the first row, it adds none.
        if (achievement && !m_rows.isEmpty() && m_rows.first().kind == QLatin1String("milestone")
            && m_rows.first().title == row.title && m_rows.first().name == row.name) {
            m_rows.first() = row;
            if (!m_quiet)
                emit dataChanged(index(0), index(0));
            return;
        }
    } else {
        return;
    }
    prepend(row);
}

void FeedModel::prepend(const Row &row)
{
    if (m_quiet) {
        m_rows.prepend(row);
        return;
    }
    beginInsertRows(QModelIndex(), 0, 0);
    m_rows.prepend(row);
    endInsertRows();
    trim();
}

void FeedModel::trim()
{
    if (m_rows.size() <= m_capacity)
        return;
    if (!m_quiet)
        beginRemoveRows(QModelIndex(), m_capacity, int(m_rows.size()) - 1);
    m_rows.erase(m_rows.begin() + m_capacity, m_rows.end());
    if (!m_quiet)
        endRemoveRows();
}

void FeedModel::fetchSnapshot()
{
    // A wall that starts (or lost its stream) shows the recent past at once
    // instead of an empty column: the last few hundred events of its rooms.
    stream()->fetch(QStringLiteral("/api/health"), {}, this, [this](int status, const QJsonObject &health) {
        if (status != 200 || !stream())
            return;
        const qint64 seq = health.value("seq").toInteger();
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("since"), QString::number(std::max<qint64>(0, seq - 500)));
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
        query.addQueryItem(QStringLiteral("rooms"), rooms().join(QLatin1Char(',')));
        stream()->fetch(QStringLiteral("/api/events"), query, this, [this](int st, const QJsonObject &body) {
            if (st == 200)
                applyHistory(body);
        });
    });
}

void FeedModel::applyHistory(const QJsonObject &body)
{
    const QJsonArray events = body.value("events").toArray();
    qint64 last = body.value("lastSeq").toInteger();
    for (const QJsonValue &v : events)
        last = std::max(last, v.toObject().value("seq").toInteger());
    QList<Row> newer; // arrived live after the history's end: keep on top
    for (const Row &r : std::as_const(m_rows)) {
        if (r.seq > last)
            newer.append(r);
    }
    beginResetModel();
    m_quiet = true;
    m_rows.clear();
    for (const QJsonValue &v : events) {
        handleEvent(Event::fromJson(v.toObject()));
        if (m_rows.size() > 2 * m_capacity)
            m_rows.erase(m_rows.begin() + m_capacity, m_rows.end());
    }
    m_rows = newer + m_rows;
    m_historySeq = std::max(m_historySeq, last);
    trim();
    m_quiet = false;
    endResetModel();
    emit refreshed();
}

} // namespace podium
