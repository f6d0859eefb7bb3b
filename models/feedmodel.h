#pragma once

#include "streammodel.h"

namespace podium {

// The scrolling feed beside the boards: recent activity, milestones and
// achievements, newest first. It holds at most `capacity` rows, so weeks of
// events leave its memory where it started.
class FeedModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int capacity READ capacity WRITE setCapacity NOTIFY capacityChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        KindRole, // activity, milestone, achievement
        TitleRole,
        DetailRole,
        NameRole,
        InitialsRole,
        ColorRole,
        IconRole,
        RarityRole,
        AtRole,
    };

    struct Row
    {
        qint64 seq = 0;
        QString kind;
        QString title;
        QString detail;
        QString name;
        QString initials;
        QString color;
        QString icon;
        QString rarity;
        QDateTime at;
    };

    explicit FeedModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);
    const Row &row(int i) const { return m_rows.at(i); }
    // A `GET /api/events` body: the rows become that history (newest first),
    // plus whatever arrived live after it.
    void applyHistory(const QJsonObject &body);

signals:
    void capacityChanged();

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override { return {QStringLiteral("activity:feed"), QStringLiteral("tv-display")}; }

private:
    void prepend(const Row &row);
    void trim();

    QList<Row> m_rows;
    int m_capacity = 50;
    bool m_quiet = false; // rebuilding inside a model reset: no row signals
    qint64 m_historySeq = 0; // the last seq the history covered: later copies are repeats
};

} // namespace podium
