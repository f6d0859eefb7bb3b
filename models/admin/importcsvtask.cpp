#include "importcsvtask.h"

#include "adminlogging.h"

namespace podium {

namespace {
constexpr int kBatch = 1000; // the server's limit per batch
} // namespace

ImportCsvTask::ImportCsvTask(QObject *parent)
    : AdminTask(parent)
{ }

void ImportCsvTask::setLines(const QString &kind, const QJsonArray &items, const QList<int> &lines)
{
    m_kind = kind;
    m_items = items;
    m_lines = lines;
    emit inputChanged();
}

void ImportCsvTask::run()
{
    m_created = m_failed = m_replayed = 0;
    m_report.clear();
    m_lineErrors.clear();
    if (m_items.isEmpty())
        return fail(QStringLiteral("nothing to import: check the lines first"));
    if (m_kind == QLatin1String("people"))
        sendPerson(0);
    else
        sendActivities(0);
}

void ImportCsvTask::sendPerson(int next)
{
    if (next >= m_items.size())
        return finish();
    send("POST", QStringLiteral("/api/people"), m_items.at(next), [this, next](int status, const QJsonObject &body) {
        if (status == 201)
            ++m_created;
        else
            refuse(next, status, body);
        sendPerson(next + 1);
    });
}

void ImportCsvTask::sendActivities(int next)
{
    if (next >= m_items.size())
        return finish();
    const int count = qMin(kBatch, int(m_items.size()) - next);
    QJsonArray batch;
    for (int i = 0; i < count; ++i)
        batch.append(m_items.at(next + i));
    send("POST", QStringLiteral("/api/activities"), QJsonObject {{"activities", batch}},
         [this, next, count](int status, const QJsonObject &body) {
             if (status != 200 && status != 201) {
                 // The whole batch was refused: every line of it failed.
                 for (int i = 0; i < count; ++i)
                     refuse(next + i, status, body);
                 return sendActivities(next + count);
             }
             const QJsonArray results = body.value("results").toArray();
             for (int i = 0; i < count; ++i) {
                 const QJsonObject r = results.at(i).toObject();
                 const int s = r.value("status").toInt();
                 const QJsonObject b = r.value("body").toObject();
                 if (s == 201)
                     ++m_created;
                 else if (s == 200 && b.value("replayed").toBool())
                     ++m_replayed;
                 else
                     refuse(next + i, s, b);
             }
             sendActivities(next + count);
         });
}

void ImportCsvTask::refuse(int item, int status, const QJsonObject &body)
{
    ++m_failed;
    const int line = m_lines.value(item);
    const QString message = AdminApi::errorText(status, body.toVariantMap());
    m_lineErrors.append(QVariantMap {
            {"line", line}, {"message", message}, {"text", QStringLiteral("line %1: %2").arg(line).arg(message)}});
}

void ImportCsvTask::finish()
{
    m_report = QStringLiteral("%1 imported").arg(m_created);
    if (m_replayed > 0)
        m_report += QStringLiteral(", %1 already imported before (same key)").arg(m_replayed);
    if (m_failed > 0)
        m_report += QStringLiteral(", %1 refused by the server").arg(m_failed);
    qCInfo(lcAdmin) << "CSV import of" << m_kind << ":" << m_report;
    if (m_failed > 0)
        return fail(m_report);
    succeed();
}

} // namespace podium
