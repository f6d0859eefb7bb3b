#pragma once

// Complete type: moc needs it for the `api` property.
#include "adminapi.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace podium {

// A list from one REST collection (`GET path` → `{listKey: [ {...}, ... ]}`)
// as an item model: people, contests, connections, tokens, rules, badges.
// Views keep their rows (selection, scroll position) across refreshes
// because rows are matched by `id` and updated in place where possible.
// Roles are the names in `roles` plus `row` (the whole object).
class JsonListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(podium::AdminApi *api READ api WRITE setApi NOTIFY apiChanged)
    Q_PROPERTY(QString path MEMBER m_path NOTIFY pathChanged)
    Q_PROPERTY(QString listKey MEMBER m_listKey NOTIFY listKeyChanged)
    Q_PROPERTY(QStringList roles READ roles WRITE setRoles NOTIFY rolesChanged)
    Q_PROPERTY(QString idKey MEMBER m_idKey NOTIFY idKeyChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QVariantList rows READ rows NOTIFY rowsChanged)

public:
    explicit JsonListModel(QObject *parent = nullptr);

    AdminApi *api() const { return m_api; }
    void setApi(AdminApi *api);
    QStringList roles() const { return m_roles; }
    void setRoles(const QStringList &roles);
    int count() const { return int(m_rows.size()); }
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }
    QVariantList rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void refresh();
    Q_INVOKABLE QVariantMap get(int row) const;
    Q_INVOKABLE int indexOf(const QVariant &id) const;
    // Replaces the rows (also used by tests and by callers that fetched themselves).
    Q_INVOKABLE void setRows(const QVariantList &rows);

signals:
    void apiChanged();
    void pathChanged();
    void listKeyChanged();
    void rolesChanged();
    void idKeyChanged();
    void countChanged();
    void loadingChanged();
    void errorChanged();
    void rowsChanged();
    void refreshed();

private:
    QPointer<AdminApi> m_api;
    QString m_path;
    QString m_listKey;
    QString m_idKey = QStringLiteral("id");
    QStringList m_roles;
    QVariantList m_rows;
    bool m_loading = false;
    QString m_error;
    int m_generation = 0;
};

} // namespace podium
