#pragma once

#include "streammodel.h"

#include <QDateTime>

namespace podium {

// Announcements: "ticker" ones scroll along the bottom of the wall (newest
// first, at most `capacity`, gone when they expire); "flash" ones interrupt
// the playlist through flash().
class TickerModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString text READ text NOTIFY textChanged)

public:
    enum Role { IdRole = Qt::UserRole + 1, TextRole, ExpiresAtRole };

    struct Row
    {
        qint64 id = 0;
        QString text;
        QDateTime expiresAt;
    };

    explicit TickerModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // All ticker lines joined for one marquee.
    QString text() const;
    const Row &row(int i) const { return m_rows.at(i); }
    void apply(const QJsonObject &announcement);
    void applySnapshot(const QJsonObject &body);
    void expire(const QDateTime &now);

    static constexpr int kCapacity = 20;

signals:
    void textChanged();
    void flash(const QString &text, bool sound);

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override { return {QStringLiteral("tv-display")}; }

private:
    QList<Row> m_rows;
    QTimer m_expiry;
};

} // namespace podium
