#pragma once

// Complete type: moc needs it for the `api` property.
#include "adminapi.h"
#include "importcsvtask.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace podium {

// What an import checks lines against: the people and metrics the server has.
struct CsvDirectory
{
    struct Person
    {
        qint64 id = 0;
        QString name;
        QString externalId;
        QString email;
    };
    QList<Person> people;
    QHash<QString, QString> metrics; // key → aggregation (sum, best, latest)

    static CsvDirectory fromJson(const QJsonArray &people, const QJsonArray &metrics);
};

struct CsvIssue
{
    int line = 0;
    QString message; // without the "line N: " prefix
    QString text() const { return QStringLiteral("line %1: %2").arg(line).arg(message); }
};

// A parsed file: the request bodies of its good lines (with their line
// numbers), the errors of its bad ones, and every data line for the preview.
struct CsvParse
{
    QStringList columns;
    QJsonArray items;
    QList<int> itemLines;
    QList<CsvIssue> errors;
    QVariantList preview; // {line, ok, cells, message}
};

// CSV import of people or activities: parse → preview with a per-line error
// report → nothing is sent until commit(), which hands the good lines to an
// ImportCsvTask (people one by one through POST /api/people, activities
// through the batch form of POST /api/activities).
//
// People:     name,team[,color][,email][,externalId]   (header line first)
// Activities: person,metric,amount[,at][,key][,source] (header line first)
// `person` is an id, an externalId, an e-mail or a unique name; `amount` is
// sent as `delta` or `value` depending on how the metric folds activity in
// (`delta`/`value` are accepted as column names too).
class CsvImport : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(podium::AdminApi *api MEMBER m_api NOTIFY apiChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY kindChanged) // "people" or "activities"
    Q_PROPERTY(QStringList columns READ columns NOTIFY parsed)
    Q_PROPERTY(QVariantList preview READ preview NOTIFY parsed)
    Q_PROPERTY(QVariantList errors READ errors NOTIFY parsed)
    Q_PROPERTY(int validCount READ validCount NOTIFY parsed)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY parsed)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString report READ report NOTIFY reportChanged)
    Q_PROPERTY(QVariantList commitErrors READ commitErrors NOTIFY reportChanged)

public:
    explicit CsvImport(QObject *parent = nullptr);

    QString kind() const { return m_kind; }
    void setKind(const QString &kind);
    QStringList columns() const { return m_parse.columns; }
    QVariantList preview() const { return m_parse.preview; }
    QVariantList errors() const;
    int validCount() const { return int(m_parse.items.size()); }
    int errorCount() const { return int(m_parse.errors.size()); }
    bool busy() const { return m_busy; }
    QString report() const { return m_report; }
    QVariantList commitErrors() const { return m_commitErrors; }

    // Fetches people and metrics from the server, then parses `text`.
    Q_INVOKABLE void load(const QString &text);
    Q_INVOKABLE bool loadFile(const QUrl &file);
    // Parses against a directory the caller already has (tests, offline).
    void parseWith(const QString &text, const CsvDirectory &directory);
    // Sends the good lines. Does nothing while there is nothing valid.
    Q_INVOKABLE void commit();
    Q_INVOKABLE void clear();

    static CsvParse parsePeople(const QString &text, const CsvDirectory &directory);
    static CsvParse parseActivities(const QString &text, const CsvDirectory &directory);

signals:
    void apiChanged();
    void kindChanged();
    void parsed();
    void busyChanged();
    void reportChanged();
    void committed(int created, int failed);

private:
    void setBusy(bool busy);
    void imported();

    QPointer<AdminApi> m_api;
    QString m_kind = QStringLiteral("activities");
    CsvParse m_parse;
    bool m_busy = false;
    QString m_report;
    QVariantList m_commitErrors;
    ImportCsvTask m_import;
};

} // namespace podium
