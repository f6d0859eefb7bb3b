#include "jsonlistmodel.h"

#include "adminapi.h"

namespace podium {

namespace {
constexpr int kRowRole = Qt::UserRole;
constexpr int kFirstFieldRole = Qt::UserRole + 1;
} // namespace

JsonListModel::JsonListModel(QObject *parent) : QAbstractListModel(parent) {}

void JsonListModel::setApi(AdminApi *api)
{
    if (api == m_api)
        return;
    m_api = api;
    emit apiChanged();
}

void JsonListModel::setRoles(const QStringList &roles)
{
    if (roles == m_roles)
        return;
    beginResetModel();
    m_roles = roles;
    endResetModel();
    emit rolesChanged();
}

int JsonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JsonListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QVariantMap row = m_rows.at(index.row()).toMap();
    if (role == kRowRole)
        return row;
    const int field = role - kFirstFieldRole;
    if (field >= 0 && field < m_roles.size())
        return row.value(m_roles.at(field));
    return {};
}

QHash<int, QByteArray> JsonListModel::roleNames() const
{
    QHash<int, QByteArray> names{{kRowRole, "row"}};
    for (int i = 0; i < m_roles.size(); ++i)
        names.insert(kFirstFieldRole + i, m_roles.at(i).toUtf8());
    return names;
}

void JsonListModel::refresh()
{
    if (!m_api || m_path.isEmpty())
        return;
    const int generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged();
    }
    m_api->send("GET", m_path, QJsonValue(), [this, generation](int status, const QJsonObject &body) {
        if (generation != m_generation)
            return; // a newer refresh is on its way
        m_loading = false;
        emit loadingChanged();
        const QString error = status == 200 ? QString() : AdminApi::errorText(status, body.toVariantMap());
        if (error != m_error) {
            m_error = error;
            emit errorChanged();
        }
        if (status == 200)
            setRows(body.value(m_listKey).toArray().toVariantList());
        emit refreshed();
    });
}

QVariantMap JsonListModel::get(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).toMap() : QVariantMap();
}

int JsonListModel::indexOf(const QVariant &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).toMap().value(m_idKey) == id)
            return i;
    }
    return -1;
}

void JsonListModel::setRows(const QVariantList &rows)
{
    // Same ids in the same order (the usual refresh): update in place, so
    // views keep their current item and scroll position.
    bool sameIds = rows.size() == m_rows.size();
    for (int i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows.at(i).toMap().value(m_idKey) == m_rows.at(i).toMap().value(m_idKey);
    if (sameIds) {
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i) != m_rows.at(i)) {
                m_rows[i] = rows.at(i);
                emit dataChanged(index(i), index(i));
            }
        }
    } else {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        emit countChanged();
    }
    emit rowsChanged();
}

} // namespace podium
