#pragma once

#include "admintask.h"

#include <QJsonArray>
#include <QList>
#include <QVariantList>

namespace podium {

// Sends the checked lines of a CSV file (CsvImport's good lines): people one
// by one through POST /api/people, activities in batches through the batch
// form of POST /api/activities. Every line is tried; a refused line does not
// stop the others. The run succeeds when no line was refused, and fails
// otherwise with `report` as its error; each refused line's message, as the
// server wrote it, is in `lineErrors`. An activity whose key the server has
// seen counts as imported before, not as refused.
class ImportCsvTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString kind MEMBER m_kind NOTIFY inputChanged) // "people" or "activities"
    Q_PROPERTY(QJsonArray items MEMBER m_items NOTIFY inputChanged) // request bodies, one per line
    Q_PROPERTY(QList<int> lines MEMBER m_lines NOTIFY inputChanged) // the file's line of each item
    Q_PROPERTY(int created READ created NOTIFY resultChanged)
    Q_PROPERTY(int failed READ failed NOTIFY resultChanged)
    Q_PROPERTY(int replayed READ replayed NOTIFY resultChanged)
    // "2 imported, 1 already imported before (same key), 1 refused by the server"
    Q_PROPERTY(QString report READ report NOTIFY resultChanged)
    Q_PROPERTY(QVariantList lineErrors READ lineErrors NOTIFY resultChanged) // {line, message, text}

public:
    explicit ImportCsvTask(QObject *parent = nullptr);

    void setLines(const QString &kind, const QJsonArray &items, const QList<int> &lines);
    int created() const { return m_created; }
    int failed() const { return m_failed; }
    int replayed() const { return m_replayed; }
    QString report() const { return m_report; }
    QVariantList lineErrors() const { return m_lineErrors; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    void sendPerson(int next);
    void sendActivities(int next);
    void refuse(int item, int status, const QJsonObject &body);
    void finish();

    QString m_kind = QStringLiteral("activities");
    QJsonArray m_items;
    QList<int> m_lines;
    int m_created = 0;
    int m_failed = 0;
    int m_replayed = 0;
    QString m_report;
    QVariantList m_lineErrors;
};

} // namespace podium
