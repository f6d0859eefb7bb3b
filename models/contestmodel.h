#pragma once

#include "streammodel.h"

#include <QDateTime>
#include <QVariantList>

namespace podium {

// Contests for the wall: live ones first (soonest end first), then scheduled,
// then the latest ended ones. `remainingSeconds` counts down every second on
// its own, so the countdown moves between server updates.
class ContestModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantMap featured READ featured NOTIFY featuredChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        MetricRole,
        StateRole,
        ModeRole,
        StartsAtRole,
        EndsAtRole,
        RemainingRole,
        StandingsRole,
        PlacementsRole,
        PrizesRole,
    };

    struct Row
    {
        qint64 id = 0;
        QString name;
        QString metric;
        QString state;
        QString mode;
        QDateTime startsAt;
        QDateTime endsAt;
        int remaining = 0;
        QVariantList standings;
        QVariantList placements;
        QVariantList prizes;
    };

    explicit ContestModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QVariantMap featured() const;
    const Row &row(int i) const { return m_rows.at(i); }
    // Upserts one contest JSON (a contest:update payload or a list entry).
    void apply(const QJsonObject &contest);
    void applySnapshot(const QJsonObject &body);
    // Recomputes the countdowns against `now` (the timer passes the clock).
    void tick(const QDateTime &now);

    static constexpr int kEndedKept = 2;

signals:
    void featuredChanged();
    void contestEnded(const QVariantMap &contest);

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override;

private:
    int positionFor(const Row &row) const;
    void insertSorted(const Row &row);
    void dropOldEnded();

    QList<Row> m_rows;
    QTimer m_countdown;
    QTimer m_poll;
};

} // namespace podium
