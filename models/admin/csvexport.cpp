#include "csvexport.h"

#include "csv.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace podium {

CsvExport::CsvExport(QObject *parent) : QObject(parent) {}

namespace {
QString number(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return {};
    return QString::number(v.toDouble(), 'g', 15);
}
} // namespace

QString CsvExport::leaderboard(const QVariantMap &board)
{
    const bool teams = board.value("scope").toString() == QLatin1String("teams");
    QString out = csv::row({"rank", teams ? "team" : "name", "team", "value", "formatted"});
    const QVariantList entries = board.value("entries").toList();
    for (const QVariant &v : entries) {
        const QVariantMap e = v.toMap();
        const QString name = e.value("name").toString();
        out += csv::row({e.value("rank").toString(), name, e.value("teamName", name).toString(),
                         number(e.value("value")), e.value("formatted").toString()});
    }
    return out;
}

QString CsvExport::events(const QVariantList &events)
{
    QString out = csv::row({"seq", "at", "event", "room", "person", "metric", "amount", "data"});
    for (const QVariant &v : events) {
        const QVariantMap e = v.toMap();
        const QVariantMap d = e.value("data").toMap();
        const QVariant amount = d.contains("delta") ? d.value("delta") : d.value("value");
        out += csv::row({e.value("seq").toString(), e.value("at").toString(), e.value("event").toString(),
                         e.value("room").toString(), d.value("name", d.value("userName")).toString(),
                         d.value("metric").toString(), number(amount),
                         QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(d)).toJson(QJsonDocument::Compact))});
    }
    return out;
}

QString CsvExport::save(const QUrl &url, const QString &text)
{
    QSaveFile file(url.isLocalFile() ? url.toLocalFile() : url.toString());
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
    file.write(text.toUtf8());
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
    return {};
}

} // namespace podium
