#pragma once

// Complete type: moc needs it for the `api` property.
#include "adminapi.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace podium {

// The activity log (GET /api/events?since=&limit=), one page at a time,
// filtered by person, metric, event name and time. The server pages by seq
// only, so filters are applied here: a page is filled by reading the log
// forward in chunks until `pageSize` events match or the log ends. Pages are
// remembered by the seq they start after, so Previous goes back exactly.
class ActivityLogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(podium::AdminApi *api MEMBER m_api NOTIFY apiChanged)
    Q_PROPERTY(int pageSize MEMBER m_pageSize NOTIFY pageSizeChanged)
    Q_PROPERTY(int person MEMBER m_person NOTIFY filterChanged)          // 0: anyone
    Q_PROPERTY(QString metric MEMBER m_metric NOTIFY filterChanged)      // empty: any
    Q_PROPERTY(QString event MEMBER m_event NOTIFY filterChanged)        // substring of the name
    Q_PROPERTY(QDateTime from MEMBER m_from NOTIFY filterChanged)        // invalid: open
    Q_PROPERTY(QDateTime to MEMBER m_to NOTIFY filterChanged)
    Q_PROPERTY(int page READ page NOTIFY pageChanged)                    // 1-based
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY pageChanged)
    Q_PROPERTY(bool hasPrevious READ hasPrevious NOTIFY pageChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY loadingChanged)
    Q_PROPERTY(int count READ count NOTIFY pageChanged)
    Q_PROPERTY(QVariantList rows READ rows NOTIFY pageChanged)

public:
    enum Role { SeqRole = Qt::UserRole, EventRole, RoomRole, AtRole, PersonRole, MetricRole, SummaryRole, DataRole,
                ActivityRole };

    explicit ActivityLogModel(QObject *parent = nullptr);

    int page() const { return int(m_starts.size()); }
    bool hasNext() const { return m_hasNext; }
    bool hasPrevious() const { return m_starts.size() > 1; }
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }
    int count() const { return int(m_events.size()); }
    QVariantList rows() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // First page from the start of the log (or after `since`).
    Q_INVOKABLE void reload(qint64 since = 0);
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    // The newest page: starts `pageSize` events before the last seq (unfiltered
    // logs) — what a manager usually wants to see first.
    Q_INVOKABLE void latest();

    // Does one event (as GET /api/events lists it) pass the filters?
    bool matches(const QJsonObject &event) const;
    // A one-line description of an event for the log table.
    static QString summary(const QJsonObject &event);

signals:
    void apiChanged();
    void pageSizeChanged();
    void filterChanged();
    void pageChanged();
    void loadingChanged();

private:
    void load(qint64 since, bool forward);
    void fetch(qint64 cursor);

    QPointer<AdminApi> m_api;
    int m_pageSize = 50;
    int m_person = 0;
    QString m_metric;
    QString m_event;
    QDateTime m_from;
    QDateTime m_to;

    QList<qint64> m_starts; // the `since` of each page shown so far
    QList<QJsonObject> m_events;
    QList<QJsonObject> m_filling;
    bool m_hasNext = false;
    qint64 m_nextSince = 0;
    bool m_loading = false;
    QString m_error;
    int m_generation = 0;
};

} // namespace podium
