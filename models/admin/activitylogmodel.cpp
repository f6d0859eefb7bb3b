#include "activitylogmodel.h"

#include "adminapi.h"

#include <QJsonDocument>

namespace podium {

namespace {
constexpr int kChunk = 500; // events read per request while filling a page
}

ActivityLogModel::ActivityLogModel(QObject *parent) : QAbstractListModel(parent) {}

QVariantList ActivityLogModel::rows() const
{
    QVariantList out;
    for (const QJsonObject &e : m_events)
        out.append(e.toVariantMap());
    return out;
}

int ActivityLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant ActivityLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size())
        return {};
    const QJsonObject &e = m_events.at(index.row());
    const QJsonObject d = e.value("data").toObject();
    switch (role) {
    case SeqRole: return e.value("seq").toVariant();
    case EventRole: return e.value("event").toString();
    case RoomRole: return e.value("room").toString();
    case AtRole: return e.value("at").toString();
    case PersonRole: return d.value("name").toString(d.value("userName").toString());
    case MetricRole: return d.value("metric").toString();
    case SummaryRole: return summary(e);
    case DataRole: return d.toVariantMap();
    case ActivityRole:
        return e.value("event").toString() == QLatin1String("activity:new") ? d.value("id").toVariant() : QVariant(0);
    }
    return {};
}

QHash<int, QByteArray> ActivityLogModel::roleNames() const
{
    return {{SeqRole, "seq"},         {EventRole, "event"},     {RoomRole, "room"},
            {AtRole, "at"},           {PersonRole, "person"},   {MetricRole, "metric"},
            {SummaryRole, "summary"}, {DataRole, "eventData"}, {ActivityRole, "activity"}};
}

bool ActivityLogModel::matches(const QJsonObject &event) const
{
    const QJsonObject d = event.value("data").toObject();
    if (m_person > 0) {
        const bool mine = d.value("person").toInteger() == m_person || d.value("userId").toInteger() == m_person
            || event.value("room").toString() == QStringLiteral("user:%1").arg(m_person);
        if (!mine)
            return false;
    }
    if (!m_metric.isEmpty() && d.value("metric").toString() != m_metric)
        return false;
    if (!m_event.isEmpty() && !event.value("event").toString().contains(m_event, Qt::CaseInsensitive))
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        const QDateTime at = QDateTime::fromString(event.value("at").toString(), Qt::ISODateWithMs);
        if (m_from.isValid() && at < m_from)
            return false;
        if (m_to.isValid() && at > m_to)
            return false;
    }
    return true;
}

QString ActivityLogModel::summary(const QJsonObject &event)
{
    const QJsonObject d = event.value("data").toObject();
    const QString name = event.value("event").toString();
    const QString who = d.value("name").toString(d.value("userName").toString());
    if (name == QLatin1String("activity:new")) {
        const QString amount = d.value("formatted").toString();
        return QStringLiteral("%1 · %2 %3 (activity #%4)")
            .arg(who, d.value("label").toString(d.value("metric").toString()), amount)
            .arg(d.value("id").toInteger());
    }
    if (d.contains("title") && d.value("title").isString())
        return who.isEmpty() ? d.value("title").toString() : who + QStringLiteral(" · ") + d.value("title").toString();
    if (d.contains("text") && d.value("text").isString())
        return d.value("text").toString();
    QString json = QString::fromUtf8(QJsonDocument(d).toJson(QJsonDocument::Compact));
    if (json.size() > 160)
        json = json.left(157) + QStringLiteral("…");
    return who.isEmpty() ? json : who + QStringLiteral(" · ") + json;
}

void ActivityLogModel::reload(qint64 since)
{
    m_starts.clear();
    load(since, true);
}

void ActivityLogModel::next()
{
    if (m_hasNext && !m_loading)
        load(m_nextSince, true);
}

void ActivityLogModel::previous()
{
    if (m_starts.size() < 2 || m_loading)
        return;
    m_starts.removeLast();
    const qint64 since = m_starts.takeLast();
    load(since, true);
}

void ActivityLogModel::latest()
{
    if (!m_api)
        return;
    m_api->send("GET", QStringLiteral("/api/health"), QJsonValue(), [this](int status, const QJsonObject &body) {
        if (status != 200)
            return;
        const qint64 last = body.value("seq").toInteger();
        reload(qMax<qint64>(0, last - m_pageSize));
    });
}

void ActivityLogModel::load(qint64 since, bool)
{
    if (!m_api)
        return;
    ++m_generation;
    m_starts.append(since);
    m_filling.clear();
    m_loading = true;
    emit loadingChanged();
    fetch(since);
}

void ActivityLogModel::fetch(qint64 cursor)
{
    const int generation = m_generation;
    const QString path = QStringLiteral("/api/events?since=%1&limit=%2").arg(cursor).arg(kChunk);
    m_api->send("GET", path, QJsonValue(), [this, generation, cursor](int status, const QJsonObject &body) {
        if (generation != m_generation)
            return;
        if (status != 200) {
            m_loading = false;
            m_error = AdminApi::errorText(status, body.toVariantMap());
            emit loadingChanged();
            return;
        }
        const QJsonArray events = body.value("events").toArray();
        qint64 consumed = cursor;
        bool full = false;
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            consumed = e.value("seq").toInteger();
            if (matches(e))
                m_filling.append(e);
            if (m_filling.size() >= m_pageSize) {
                full = true;
                break;
            }
        }
        const bool logEnded = events.size() < kChunk && !full;
        if (!full && !logEnded) {
            fetch(consumed); // keep reading: the page is not full yet
            return;
        }
        beginResetModel();
        m_events = m_filling;
        m_filling.clear();
        endResetModel();
        // A full page may be followed by more; a short one ended the log.
        m_hasNext = full;
        m_nextSince = consumed;
        m_loading = false;
        m_error.clear();
        emit loadingChanged();
        emit pageChanged();
    });
}

} // namespace podium
