#include "tickermodel.h"

#include <QJsonArray>

namespace podium {

TickerModel::TickerModel(QObject *parent) : StreamModel(parent)
{
    connect(&m_expiry, &QTimer::timeout, this, [this] { expire(QDateTime::currentDateTimeUtc()); });
    m_expiry.start(15000);
    for (auto sig : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, sig, this, &TickerModel::textChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &TickerModel::textChanged);
}

int TickerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TickerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return r.id;
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case ExpiresAtRole:
        return r.expiresAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> TickerModel::roleNames() const
{
    return {{IdRole, "announcementId"}, {TextRole, "text"}, {ExpiresAtRole, "expiresAt"}};
}

QString TickerModel::text() const
{
    QStringList parts;
    for (const Row &r : m_rows)
        parts.append(r.text);
    return parts.join(QStringLiteral("     \u2022     "));
}

void TickerModel::handleEvent(const Event &e)
{
    if (e.name != QLatin1String("announcement"))
        return;
    const QJsonObject data = e.data(); // parsed once: data() decodes on each call
    if (data.value("kind").toString() == QLatin1String("flash"))
        emit flash(data.value("text").toString(), data.value("sound").toBool());
    else
        apply(data);
}

void TickerModel::fetchSnapshot()
{
    stream()->fetch(QStringLiteral("/api/announcements"), {}, this, [this](int status, const QJsonObject &body) {
        if (status == 200)
            applySnapshot(body);
    });
}

void TickerModel::applySnapshot(const QJsonObject &body)
{
    beginResetModel();
    m_rows.clear();
    // The list is newest first; flashes were moments, not lines to keep.
    for (const QJsonValue &v : body.value("announcements").toArray()) {
        const QJsonObject a = v.toObject();
        if (a.value("kind").toString() == QLatin1String("flash") || m_rows.size() >= kCapacity)
            continue;
        m_rows.append({a.value("id").toInteger(), a.value("text").toString(),
                       QDateTime::fromString(a.value("expiresAt").toString(), Qt::ISODateWithMs)});
    }
    endResetModel();
    emit refreshed();
}

void TickerModel::apply(const QJsonObject &a)
{
    const qint64 id = a.value("id").toInteger();
    for (const Row &r : std::as_const(m_rows)) {
        if (id > 0 && r.id == id)
            return;
    }
    beginInsertRows(QModelIndex(), 0, 0);
    m_rows.prepend({id, a.value("text").toString(),
                    QDateTime::fromString(a.value("expiresAt").toString(), Qt::ISODateWithMs)});
    endInsertRows();
    if (m_rows.size() > kCapacity) {
        beginRemoveRows(QModelIndex(), kCapacity, int(m_rows.size()) - 1);
        m_rows.erase(m_rows.begin() + kCapacity, m_rows.end());
        endRemoveRows();
    }
}

void TickerModel::expire(const QDateTime &now)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const QDateTime &until = m_rows.at(i).expiresAt;
        if (until.isValid() && until <= now) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
}

} // namespace podium
