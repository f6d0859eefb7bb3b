#pragma once

#include "streammodel.h"

namespace podium {

// The "live now" strip: sessions in progress (typing, practice…) with their
// latest figures, patched in place as progress streams in.
class LiveSessionsModel : public StreamModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        InitialsRole,
        ColorRole,
        KindRole,
        TitleRole,
        WpmRole,
        AccuracyRole,
        ScoreRole,
        ProgressRole,
        ElapsedRole,
    };

    explicit LiveSessionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 sessionId(int row) const { return m_rows.at(row).value("sessionId").toInteger(); }
    void applySnapshot(const QJsonObject &body);

    static constexpr int kCapacity = 24;

protected:
    void handleEvent(const Event &e) override;
    void fetchSnapshot() override;
    QStringList rooms() const override;

private:
    int indexOf(qint64 id) const;

    QList<QJsonObject> m_rows; // the session JSON as the server last sent it
};

} // namespace podium
