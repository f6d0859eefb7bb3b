#pragma once

#include "streammodel.h"

namespace podium {

// One leaderboard (metric × period, people or teams) as the wall shows it.
// Every relevant event asks for a fresh snapshot; the snapshot is merged into
// the rows so that a person who climbs is MOVED (beginMoveRows), never removed
// and re-inserted: QML animates the move instead of flickering.
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
};

} // namespace podium
