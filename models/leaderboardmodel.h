#pragma once

#include "streammodel.h"

namespace podium {

// One leaderboard (metric × period, people or teams) as the wall shows it.
// A snapshot is fetched on first load, after a `reset` and on
// `leaderboard:refresh`; between them the rows follow the events:
// `activity:new` carries the mover's new totals, `rankings:update` its new
// rank, from which everyone else's follows (rankmove.h). Only what an event
// cannot tell (a team new to the board, a board cut at `limit` that a mover
// falls out of, a new period) asks for a snapshot. Every change is merged
// into the rows so that a person who climbs is MOVED (beginMoveRows), never
// removed and re-inserted: QML animates the move instead of flickering.
class LeaderboardModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString metric READ metric WRITE setMetric NOTIFY queryChanged)
    Q_PROPERTY(QString period READ period WRITE setPeriod NOTIFY queryChanged)
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY queryChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY queryChanged)
    Q_PROPERTY(QString label READ label NOTIFY labelChanged)
    Q_PROPERTY(QString unit READ unit NOTIFY labelChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        RankRole,
        PreviousRankRole,
        NameRole,
        InitialsRole,
        ColorRole,
        TeamNameRole,
        TeamColorRole,
        ValueRole,
        DeltaRole,
        FormattedRole,
    };
    Q_ENUM(Role)

    struct Row
    {
        qint64 key = 0;
        qint64 team = 0; // people: the person's team (0: none)
        int rank = 0;
        int previousRank = 0; // 0: no earlier rank known (new on the board)
        QString name;
        QString initials;
        QString color;
        QString teamName;
        QString teamColor;
        double value = 0;
        double delta = 0; // the last change of value
        QString formatted;
    };

    explicit LeaderboardModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString metric() const { return m_metric; }
    void setMetric(const QString &metric);
    QString period() const { return m_period; }
    void setPeriod(const QString &period);
    QString scope() const { return m_scope; }
    void setScope(const QString &scope);
    int limit() const { return m_limit; }
    void setLimit(int limit);
    QString label() const { return m_label; }
    QString unit() const { return m_unit; }

    // Merges a `GET /api/leaderboards/{metric}` body into the rows.
    void applySnapshot(const QJsonObject &body);
    const Row &row(int i) const { return m_rows.at(i); }
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void queryChanged();
    void labelChanged();

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override;

private:
    void queryEdited();
    int indexOf(qint64 key, int from) const;
    // Moves, inserts, updates and removes rows until they are `next` (in
    // order); previousRank and delta follow from what changed.
    void mergeRows(QList<Row> next, bool baseline);
    void applyEvent(const QString &name, const QJsonObject &data);
    void applyActivity(const QJsonObject &data);
    void applyTeamActivity(const QJsonObject &data);
    void applyRankMove(const QJsonObject &data);
    // Whether value a ranks ahead of value b; needs m_direction.
    bool better(double a, double b) const { return m_direction > 0 ? a > b : a < b; }

    QList<Row> m_rows;
    QString m_metric = QStringLiteral("revenue");
    QString m_period = QStringLiteral("month");
    QString m_scope = QStringLiteral("people");
    int m_limit = 10;
    QString m_label;
    QString m_unit;
    quint64 m_requested = 0; // generation of the last snapshot asked for
    quint64 m_applied = 0;   // generation of the last one applied
    bool m_primed = false;   // a first snapshot was applied (later newcomers are NEW)
    // The snapshot's period ("2026-11"): an event of another one refetches.
    QString m_periodKey;
    // The snapshot holds every event up to this seq.
    qint64 m_snapshotSeq = 0;
    // 1: higher is better, -1: lower, 0: not seen yet (team boards need it).
    int m_direction = 0;
    // The last activity:new of this metric: a newcomer's name and colours.
    QJsonObject m_activity;
    // Events that arrived while a snapshot was on its way: applied again on
    // top of it when they are newer than it (its `seq`).
    QList<Event> m_pending;
    bool m_fetching = false;
    bool m_refetch = false; // m_pending overflowed: the next snapshot is stale too
};

} // namespace podium
