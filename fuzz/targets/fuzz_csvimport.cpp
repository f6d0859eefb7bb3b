// The admin console's CSV import (models/admin/csv.h, csvimport.h): a file
// someone was sent and opens in the console.
//
// Input: byte 0 picks people or activities; the rest is the file (UTF-8).
//
// Invariants:
//  - records start on ascending lines within the text;
//  - a record written back with csv::row() parses to the same fields (a cell
//    a spreadsheet would run as a formula comes back with its ' prefix);
//  - every data line is in the preview exactly once, as an item or an error;
//  - each item is a request body the server takes: people have a name and
//    a team, activities a known person and metric and a finite amount.
#include "csv.h"
#include "csvimport.h"
#include "fuzzcheck.h"

#include <QJsonValue>
#include <cmath>
#include <cstdint>

using namespace podium;

namespace {

const CsvDirectory &directory()
{
    static const CsvDirectory d = [] {
        CsvDirectory d;
        d.people = {{1, QStringLiteral("Ada Lovelace"), QStringLiteral("crm-1"), QStringLiteral("ada@example.org")},
                    {2, QStringLiteral("Alan Turing"), QString(), QStringLiteral("alan@example.org")},
                    {3, QStringLiteral("Ann"), QStringLiteral("crm-3"), QString()},
                    {4, QStringLiteral("ann"), QString(), QString()}};
        d.metrics = {{QStringLiteral("revenue"), QStringLiteral("sum")},
                     {QStringLiteral("wpm"), QStringLiteral("best")},
                     {QStringLiteral("nps"), QStringLiteral("latest")}};
        return d;
    }();
    return d;
}

void checkRecords(const QString &text)
{
    int unclosed = -1;
    const QList<csv::Record> records = csv::parse(text, &unclosed);
    const int lines = int(text.count(QLatin1Char('\n'))) + 1;
    FUZZ_CHECK(unclosed >= 0 && unclosed <= lines, "unclosed quote on line %d of %d", unclosed, lines);
    int previous = 0;
    for (const csv::Record &r : records) {
        FUZZ_CHECK(r.line > previous && r.line <= lines, "record on line %d after %d (of %d)", r.line, previous, lines);
        previous = r.line;
        FUZZ_CHECK(!r.fields.isEmpty(), "record without fields on line %d", r.line);
        if (r.fields.size() == 1 && r.fields.first().trimmed().isEmpty())
            continue; // a lone empty cell writes as a blank line, which is skipped
        if (unclosed > 0 && r.line >= unclosed)
            continue; // the record that ran to the end of the text
        const QString written = csv::row(r.fields);
        int again = -1;
        const QList<csv::Record> back = csv::parse(written, &again);
        FUZZ_CHECK(again == 0, "a written row leaves a quote open");
        FUZZ_CHECK(back.size() == 1, "a written row parses to %lld records", qint64(back.size()));
        FUZZ_CHECK(back.first().fields.size() == r.fields.size(), "a written row has %lld fields, not %lld",
                   qint64(back.first().fields.size()), qint64(r.fields.size()));
        for (qsizetype i = 0; i < r.fields.size(); ++i) {
            const QString &f = r.fields.at(i);
            const QString &g = back.first().fields.at(i);
            FUZZ_CHECK(g == f || g == QLatin1Char('\'') + f, "field %lld of line %d comes back changed", qint64(i),
                       r.line);
        }
    }
}

void checkParse(const CsvParse &p, bool people)
{
    FUZZ_CHECK(p.items.size() == p.itemLines.size(), "%lld items, %lld item lines", qint64(p.items.size()),
               qint64(p.itemLines.size()));
    FUZZ_CHECK(p.preview.size() <= p.items.size() + p.errors.size(), "preview of %lld rows for %lld+%lld",
               qint64(p.preview.size()), qint64(p.items.size()), qint64(p.errors.size()));
    qint64 okRows = 0;
    int previous = 0;
    for (const QVariant &row : p.preview) {
        const QVariantMap m = row.toMap();
        const int line = m.value(QStringLiteral("line")).toInt();
        FUZZ_CHECK(line > previous, "preview line %d after %d", line, previous);
        previous = line;
        okRows += m.value(QStringLiteral("ok")).toBool();
    }
    FUZZ_CHECK(okRows == p.items.size(), "%lld good preview rows, %lld items", okRows, qint64(p.items.size()));
    for (const CsvIssue &e : p.errors)
        FUZZ_CHECK(e.line >= 1 && !e.message.isEmpty(), "error on line %d: '%s'", e.line, qPrintable(e.message));
    for (const QJsonValue &v : p.items) {
        const QJsonObject item = v.toObject();
        if (people) {
            FUZZ_CHECK(!item.value("name").toString().isEmpty() && !item.value("team").toString().isEmpty(),
                       "person without name or team");
            continue;
        }
        const qint64 person = item.value("person").toInteger();
        FUZZ_CHECK(person >= 1 && person <= 4, "activity for person %lld", person);
        FUZZ_CHECK(directory().metrics.contains(item.value("metric").toString()), "activity of unknown metric");
        const QJsonValue amount = item.contains("delta") ? item.value("delta") : item.value("value");
        FUZZ_CHECK(amount.isDouble() && std::isfinite(amount.toDouble()), "activity without a finite amount");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    const bool people = data[0] & 1;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    checkRecords(text);
    checkParse(people ? CsvImport::parsePeople(text, directory()) : CsvImport::parseActivities(text, directory()),
               people);
    return 0;
}
