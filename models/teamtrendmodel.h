#pragma once

#include "streammodel.h"

#include <QPointF>

namespace podium {

// Team totals of one summed metric over time, for the wall's chart: one row
// per team with its points (x = ms since the epoch, y = total). It starts
// from the team board plus the recent activity log (walked backwards from the
// current totals), then adds a point whenever a team's total moves: by the
// `delta` of each `activity:new`, with no snapshot (one comes only on first
// load, after a `reset` and for a team new to the chart). Each team
// keeps at most `maxPoints`, so the chart's memory stays flat.
class TeamTrendModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString metric READ metric WRITE setMetric NOTIFY metricChanged)
    Q_PROPERTY(double maxValue READ maxValue NOTIFY pointsChanged)
    Q_PROPERTY(double minTime READ minTime NOTIFY pointsChanged)
    Q_PROPERTY(double maxTime READ maxTime NOTIFY pointsChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, ColorRole, ValueRole, PointsRole };
    Q_ENUM(Role)

    struct Row
    {
        qint64 id = 0;
        QString name;
        QString color;
        double value = 0;
        QList<QPointF> points;
    };

    explicit TeamTrendModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString metric() const { return m_metric; }
    void setMetric(const QString &metric);
    double maxValue() const;
    double minTime() const;
    double maxTime() const;
    const Row &row(int i) const { return m_rows.at(i); }

    // A team board body: adds a point at `now` for every team whose total moved.
    void applyBoard(const QJsonObject &body, const QDateTime &now);
    // A `GET /api/events` body: prepends history for teams with no past yet.
    void applyHistory(const QJsonObject &body);

    static constexpr int kMaxPoints = 240;

signals:
    void metricChanged();
    void pointsChanged();

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override { return {QStringLiteral("activity:feed")}; }

private:
    int indexOf(qint64 id) const;
    void applyActivity(const Event &e);
    void addPoint(int row, const QPointF &p);

    QList<Row> m_rows;
    QString m_metric = QStringLiteral("revenue");
    bool m_historyAsked = false;
    qint64 m_boardSeq = 0; // the board holds every event up to this seq
    bool m_fetching = false;
    QList<Event> m_pending; // events that came while the board was on its way
};

} // namespace podium
