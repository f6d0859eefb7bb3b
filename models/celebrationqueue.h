#pragma once

#include "celebration.h"
#include "streammodel.h"

namespace podium {

// Achievements waiting for the full-screen overlay, first in first out. One
// plays at a time (`current`); the overlay calls finishCurrent() when its
// animation is over and the next one starts. Nothing is dropped: when a burst
// piles up, the overlay shortens each show and, past a few waiting, shows the
// next ones with the current as a roll call (upcoming(n), then
// finishCurrent(n) retires them together), so even a flood drains. The rows
// are the waiting ones, so the wall can show "3 more coming".
class CelebrationQueue : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantMap current READ current NOTIFY currentChanged)
    Q_PROPERTY(bool active READ active NOTIFY currentChanged)
    Q_PROPERTY(int pending READ pending NOTIFY countChanged)
    Q_PROPERTY(int played READ played NOTIFY currentChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        TitleRole,
        DescriptionRole,
        IconRole,
        RarityRole,
        NameRole,
        InitialsRole,
        ColorRole,
        TeamNameRole,
    };

    explicit CelebrationQueue(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QVariantMap current() const { return m_active ? m_current.toMap() : QVariantMap(); }
    bool active() const { return m_active; }
    int pending() const { return int(m_waiting.size()); }
    int played() const { return m_played; }

    void enqueue(const Celebration &c);
    // The overlay is done with `current` and with the first `alsoShown`
    // waiting ones it showed beside it: the next waiting one (if any) starts.
    Q_INVOKABLE void finishCurrent(int alsoShown = 0);
    // The first `n` waiting celebrations, oldest first (for a roll call).
    Q_INVOKABLE QVariantList upcoming(int n) const;

signals:
    void currentChanged();
    // A new celebration started (the overlay restarts its animation).
    void started(const QVariantMap &celebration);

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override {}
    QStringList rooms() const override { return {QStringLiteral("tv-display")}; }

private:
    void startNext();

    QList<Celebration> m_waiting;
    Celebration m_current;
    bool m_active = false;
    int m_played = 0;
};

} // namespace podium
