#include "csvimport.h"

#include "adminapi.h"
#include "csv.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>

namespace podium {

namespace {

struct Header
{
    QStringList columns;
    QHash<QString, int> index;
    int amount = -1;
    QString amountName;
};

// Reads the header line. Column names are case-insensitive; `amount` also
// answers to `delta` and `value`.
bool readHeader(const csv::Record &record, const QStringList &allowed, const QStringList &required, Header *header,
                QList<CsvIssue> *errors)
{
    for (const QString &raw : record.fields) {
        const QString name = raw.trimmed();
        QString canonical;
        for (const QString &a : allowed) {
            if (a.compare(name, Qt::CaseInsensitive) == 0)
                canonical = a;
        }
        if (canonical.isEmpty() && allowed.contains(QStringLiteral("amount"))
            && (name.compare(QLatin1String("delta"), Qt::CaseInsensitive) == 0
                || name.compare(QLatin1String("value"), Qt::CaseInsensitive) == 0)) {
            canonical = QStringLiteral("amount");
        }
        if (canonical.isEmpty()) {
            errors->append({record.line, QStringLiteral("unknown column '%1' (expected %2)").arg(name, allowed.join(QStringLiteral(", ")))});
            return false;
        }
        if (header->index.contains(canonical)) {
            errors->append({record.line, QStringLiteral("column '%1' appears twice").arg(name)});
            return false;
        }
        if (canonical == QLatin1String("amount"))
            header->amountName = name.toLower();
        header->index.insert(canonical, int(header->columns.size()));
        header->columns.append(canonical == QLatin1String("amount") ? header->amountName : canonical);
    }
    for (const QString &r : required) {
        if (!header->index.contains(r)) {
            errors->append({record.line, QStringLiteral("the header needs a '%1' column").arg(r)});
            return false;
        }
    }
    return true;
}

QString cell(const csv::Record &r, const Header &h, const QString &column)
{
    const int i = h.index.value(column, -1);
    return i >= 0 && i < r.fields.size() ? r.fields.at(i).trimmed() : QString();
}

QVariantMap previewRow(const csv::Record &r, const QString &error)
{
    return {{"line", r.line}, {"ok", error.isEmpty()}, {"cells", r.fields}, {"message", error}};
}

// The start of every parse: records, the header and its errors.
bool begin(const QString &text, const QStringList &allowed, const QStringList &required, CsvParse *out,
           Header *header, QList<csv::Record> *records)
{
    int unclosed = 0;
    *records = csv::parse(text, &unclosed);
    if (records->isEmpty()) {
        out->errors.append({1, QStringLiteral("the file is empty (expected a header line: %1)").arg(allowed.join(QLatin1Char(',')))});
        return false;
    }
    if (!readHeader(records->first(), allowed, required, header, &out->errors))
        return false;
    out->columns = header->columns;
    records->removeFirst();
    if (unclosed > 0) {
        const int line = unclosed;
        out->errors.append({line, QStringLiteral("a quoted field is not closed")});
        // The record that swallowed the rest of the file is not imported.
        while (!records->isEmpty() && records->last().line >= line)
            records->removeLast();
    }
    return true;
}

QString columnCountError(const csv::Record &r, const Header &h)
{
    if (r.fields.size() == h.columns.size())
        return {};
    return QStringLiteral("expected %1 columns (%2), got %3")
        .arg(h.columns.size())
        .arg(h.columns.join(QLatin1Char(',')))
        .arg(r.fields.size());
}

void reject(CsvParse *out, const csv::Record &r, const QString &message)
{
    out->errors.append({r.line, message});
    out->preview.append(previewRow(r, message));
}

void accept(CsvParse *out, const csv::Record &r, const QJsonObject &item)
{
    out->items.append(item);
    out->itemLines.append(r.line);
    out->preview.append(previewRow(r, QString()));
}

} // namespace

CsvDirectory CsvDirectory::fromJson(const QJsonArray &people, const QJsonArray &metrics)
{
    CsvDirectory d;
    for (const QJsonValue &v : people) {
        const QJsonObject p = v.toObject();
        d.people.append({p.value("id").toInteger(), p.value("name").toString(), p.value("externalId").toString(),
                         p.value("email").toString()});
    }
    for (const QJsonValue &v : metrics) {
        const QJsonObject m = v.toObject();
        d.metrics.insert(m.value("key").toString(), m.value("aggregation").toString());
    }
    return d;
}

CsvParse CsvImport::parsePeople(const QString &text, const CsvDirectory &directory)
{
    static const QStringList allowed{"name", "team", "color", "email", "externalId"};
    static const QRegularExpression colorPattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    CsvParse out;
    Header h;
    QList<csv::Record> records;
    if (!begin(text, allowed, {"name", "team"}, &out, &h, &records))
        return out;

    QHash<QString, int> seen; // "name:ann" / "email:…" / "externalId:…" → first line
    for (const csv::Record &r : records) {
        if (const QString e = columnCountError(r, h); !e.isEmpty()) {
            reject(&out, r, e);
            continue;
        }
        const QString name = cell(r, h, "name");
        const QString team = cell(r, h, "team");
        const QString color = cell(r, h, "color");
        const QString email = cell(r, h, "email");
        const QString externalId = cell(r, h, "externalId");
        QString error;
        if (name.isEmpty())
            error = QStringLiteral("'name' is empty");
        else if (team.isEmpty())
            error = QStringLiteral("'team' is empty");
        else if (!color.isEmpty() && !colorPattern.match(color).hasMatch())
            error = QStringLiteral("'color' must look like #RRGGBB, got '%1'").arg(color);
        else if (!email.isEmpty() && !email.contains(QLatin1Char('@')))
            error = QStringLiteral("'email' is not an e-mail address: '%1'").arg(email);
        const QList<QPair<QString, QString>> keys{{"externalId", externalId}, {"email", email}, {"name", name}};
        for (const auto &[field, value] : keys) {
            if (!error.isEmpty() || value.isEmpty())
                continue;
            const QString k = field + QLatin1Char(':') + value.toLower();
            if (seen.contains(k)) {
                error = QStringLiteral("duplicate %1 '%2' (first on line %3)").arg(field, value).arg(seen.value(k));
                continue;
            }
            for (const CsvDirectory::Person &p : directory.people) {
                const QString existing = field == QLatin1String("externalId") ? p.externalId
                    : field == QLatin1String("email")                        ? p.email
                                                                              : p.name;
                if (existing.compare(value, Qt::CaseInsensitive) == 0) {
                    error = QStringLiteral("%1 '%2' already belongs to %3 (id %4)").arg(field, value, p.name).arg(p.id);
                    break;
                }
            }
        }
        if (!error.isEmpty()) {
            reject(&out, r, error);
            continue;
        }
        for (const auto &[field, value] : keys) {
            if (!value.isEmpty())
                seen.insert(field + QLatin1Char(':') + value.toLower(), r.line);
        }
        QJsonObject item{{"name", name}, {"team", team}};
        if (!color.isEmpty())
            item.insert("color", color.toUpper());
        if (!email.isEmpty())
            item.insert("email", email);
        if (!externalId.isEmpty())
            item.insert("externalId", externalId);
        accept(&out, r, item);
    }
    return out;
}

CsvParse CsvImport::parseActivities(const QString &text, const CsvDirectory &directory)
{
    static const QStringList allowed{"person", "metric", "amount", "at", "key", "source"};
    CsvParse out;
    Header h;
    QList<csv::Record> records;
    if (!begin(text, allowed, {"person", "metric", "amount"}, &out, &h, &records))
        return out;

    QHash<QString, int> keys; // idempotency key → first line
    for (const csv::Record &r : records) {
        if (const QString e = columnCountError(r, h); !e.isEmpty()) {
            reject(&out, r, e);
            continue;
        }
        const QString who = cell(r, h, "person");
        const QString metric = cell(r, h, "metric");
        const QString amountText = cell(r, h, "amount");
        const QString atText = cell(r, h, "at");
        const QString key = cell(r, h, "key");
        const QString source = cell(r, h, "source");

        // The person: an id, then an externalId or e-mail, then a unique name.
        QList<const CsvDirectory::Person *> found;
        bool isNumber = false;
        const qint64 id = who.toLongLong(&isNumber);
        for (const CsvDirectory::Person &p : directory.people) {
            if (isNumber && p.id == id)
                found = {&p};
        }
        if (found.isEmpty()) {
            for (const CsvDirectory::Person &p : directory.people) {
                if ((!p.externalId.isEmpty() && p.externalId == who)
                    || (!p.email.isEmpty() && p.email.compare(who, Qt::CaseInsensitive) == 0))
                    found.append(&p);
            }
        }
        if (found.isEmpty()) {
            for (const CsvDirectory::Person &p : directory.people) {
                if (p.name.compare(who, Qt::CaseInsensitive) == 0)
                    found.append(&p);
            }
        }

        QString error;
        double amount = 0;
        QDateTime at;
        if (who.isEmpty()) {
            error = QStringLiteral("'person' is empty");
        } else if (found.isEmpty()) {
            error = QStringLiteral("unknown person '%1'").arg(who);
        } else if (found.size() > 1) {
            QStringList ids;
            for (const auto *p : found)
                ids.append(QString::number(p->id));
            error = QStringLiteral("person '%1' is ambiguous (ids %2): use the id or externalId").arg(who, ids.join(QStringLiteral(", ")));
        } else if (metric.isEmpty()) {
            error = QStringLiteral("'metric' is empty");
        } else if (!directory.metrics.contains(metric)) {
            error = QStringLiteral("unknown metric '%1'").arg(metric);
        } else if (amountText.isEmpty()) {
            error = QStringLiteral("'%1' is empty").arg(h.amountName);
        } else {
            bool ok = false;
            amount = amountText.toDouble(&ok);
            if (!ok || !qIsFinite(amount))
                error = QStringLiteral("'%1' is not a number: '%2'").arg(h.amountName, amountText);
        }
        if (error.isEmpty() && !atText.isEmpty()) {
            at = QDateTime::fromString(atText, Qt::ISODateWithMs);
            if (!at.isValid())
                error = QStringLiteral("'at' is not an ISO 8601 time: '%1'").arg(atText);
        }
        if (error.isEmpty() && !key.isEmpty() && keys.contains(key))
            error = QStringLiteral("duplicate key '%1' (first on line %2)").arg(key).arg(keys.value(key));
        if (!error.isEmpty()) {
            reject(&out, r, error);
            continue;
        }
        if (!key.isEmpty())
            keys.insert(key, r.line);
        const bool adds = directory.metrics.value(metric) == QLatin1String("sum");
        QJsonObject item{{"person", found.first()->id}, {"metric", metric}, {adds ? "delta" : "value", amount},
                         {"source", source.isEmpty() ? QStringLiteral("csv") : source}};
        if (at.isValid())
            item.insert("at", at.toUTC().toString(Qt::ISODateWithMs));
        if (!key.isEmpty())
            item.insert("key", key);
        accept(&out, r, item);
    }
    return out;
}

CsvImport::CsvImport(QObject *parent)
    : QObject(parent)
{
    connect(&m_import, &AdminTask::finished, this, &CsvImport::imported);
}

void CsvImport::setKind(const QString &kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    emit kindChanged();
    clear();
}

QVariantList CsvImport::errors() const
{
    QVariantList out;
    for (const CsvIssue &e : m_parse.errors)
        out.append(QVariantMap{{"line", e.line}, {"message", e.message}, {"text", e.text()}});
    return out;
}

void CsvImport::clear()
{
    m_parse = CsvParse();
    m_report.clear();
    m_commitErrors.clear();
    emit parsed();
    emit reportChanged();
}

void CsvImport::parseWith(const QString &text, const CsvDirectory &directory)
{
    m_parse = m_kind == QLatin1String("people") ? parsePeople(text, directory) : parseActivities(text, directory);
    m_report.clear();
    m_commitErrors.clear();
    emit parsed();
    emit reportChanged();
}

void CsvImport::load(const QString &text)
{
    if (!m_api)
        return;
    setBusy(true);
    // People and metrics as the server has them now: lines are checked
    // against the real directory, not a stale copy.
    m_api->send("GET", QStringLiteral("/api/people"), QJsonValue(), [this, text](int s1, const QJsonObject &people) {
        m_api->send("GET", QStringLiteral("/api/metrics"), QJsonValue(), [this, text, s1, people](int s2, const QJsonObject &metrics) {
            setBusy(false);
            if (s1 != 200 || s2 != 200) {
                m_report = QStringLiteral("could not read people and metrics: %1")
                               .arg(AdminApi::errorText(s1 != 200 ? s1 : s2, (s1 != 200 ? people : metrics).toVariantMap()));
                emit reportChanged();
                return;
            }
            parseWith(text, CsvDirectory::fromJson(people.value("people").toArray(), metrics.value("metrics").toArray()));
        });
    });
}

bool CsvImport::loadFile(const QUrl &url)
{
    QFile file(url.isLocalFile() ? url.toLocalFile() : url.toString());
    if (!file.open(QIODevice::ReadOnly)) {
        m_report = QStringLiteral("cannot open %1: %2").arg(file.fileName(), file.errorString());
        emit reportChanged();
        return false;
    }
    load(QString::fromUtf8(file.readAll()));
    return true;
}

void CsvImport::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void CsvImport::commit()
{
    if (!m_api || m_busy || m_parse.items.isEmpty())
        return;
    setBusy(true);
    m_commitErrors.clear();
    m_import.setApi(m_api);
    m_import.setLines(m_kind, m_parse.items, m_parse.itemLines);
    m_import.start();
}

void CsvImport::imported()
{
    setBusy(false);
    m_report = m_import.report();
    m_commitErrors = m_import.lineErrors();
    emit reportChanged();
    emit committed(m_import.created(), m_import.failed());
}

} // namespace podium
