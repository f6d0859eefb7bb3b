#pragma once

#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace podium {

// CSV text of what the console shows: a leaderboard (GET /api/leaderboards
// body) and activity-log events (GET /api/events rows), and saving it.
class CsvExport : public QObject
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit CsvExport(QObject *parent = nullptr);

    // rank,name,team,value,formatted — one line per entry.
    Q_INVOKABLE static QString leaderboard(const QVariantMap &board);
    // seq,at,event,room,person,metric,amount,data
    Q_INVOKABLE static QString events(const QVariantList &events);
    // Writes `text` (UTF-8) to a local file or path; returns an error text or "".
    Q_INVOKABLE static QString save(const QUrl &file, const QString &text);
};

} // namespace podium
