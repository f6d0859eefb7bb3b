#include "livesessionsmodel.h"

#include "rooms.h"

#include <QJsonArray>

namespace podium {

LiveSessionsModel::LiveSessionsModel(QObject *parent) : StreamModel(parent) {}

int LiveSessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LiveSessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &s = m_rows.at(index.row());
    auto number = [&s](const char *field) { return s.contains(QLatin1String(field)) ? s.value(QLatin1String(field)).toVariant() : QVariant(); };
    switch (role) {
    case IdRole:
        return s.value("sessionId").toInteger();
    case Qt::DisplayRole:
    case NameRole:
        return s.value("userName").toString(s.value("name").toString());
    case InitialsRole:
        return s.value("initials").toString();
    case ColorRole:
        return s.value("color").toString();
    case KindRole:
        return s.value("kind").toString();
    case TitleRole:
        return s.value("title").toString();
    case WpmRole:
        return number("wpm");
    case AccuracyRole:
        return number("accuracy");
    case ScoreRole:
        return number("score");
    case ProgressRole:
        return number("progress");
    case ElapsedRole:
        return number("elapsed");
    default:
        return {};
    }
}

QHash<int, QByteArray> LiveSessionsModel::roleNames() const
{
    return {{IdRole, "sessionId"}, {NameRole, "name"},         {InitialsRole, "initials"}, {ColorRole, "color"},
            {KindRole, "kind"},    {TitleRole, "title"},       {WpmRole, "wpm"},           {AccuracyRole, "accuracy"},
            {ScoreRole, "score"},  {ProgressRole, "progress"}, {ElapsedRole, "elapsed"}};
}

QStringList LiveSessionsModel::rooms() const
{
    QStringList list {rooms::tvDisplay()};
    for (const QJsonObject &s : m_rows)
        list.append(rooms::session(s.value("sessionId").toInteger()));
    return list;
}

int LiveSessionsModel::indexOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).value("sessionId").toInteger() == id)
            return i;
    }
    return -1;
}

void LiveSessionsModel::handleEvent(const Event &e)
{
    const QJsonObject data = e.data(); // parsed once: data() decodes on each call
    const qint64 id = data.value("sessionId").toInteger();
    const int at = indexOf(id);
    if (e.name == QLatin1String("session:started")) {
        if (at >= 0 || m_rows.size() >= kCapacity)
            return;
        const int row = int(m_rows.size());
        beginInsertRows(QModelIndex(), row, row);
        m_rows.append(data);
        endInsertRows();
        if (stream())
            stream()->join(rooms::session(id));
    } else if (e.name == QLatin1String("progress:update")) {
        if (at < 0)
            return;
        m_rows[at] = data;
        emit dataChanged(index(at), index(at));
    } else if (e.name == QLatin1String("session:ended")) {
        if (at < 0)
            return;
        beginRemoveRows(QModelIndex(), at, at);
        m_rows.removeAt(at);
        endRemoveRows();
    }
}

void LiveSessionsModel::fetchSnapshot()
{
    stream()->fetch(QStringLiteral("/api/sessions"), {}, this, [this](int status, const QJsonObject &body) {
        if (status == 200)
            applySnapshot(body);
    });
}

void LiveSessionsModel::applySnapshot(const QJsonObject &body)
{
    beginResetModel();
    m_rows.clear();
    for (const QJsonValue &v : body.value("sessions").toArray()) {
        if (m_rows.size() < kCapacity)
            m_rows.append(v.toObject());
    }
    endResetModel();
    joinRooms();
    emit refreshed();
}

} // namespace podium
