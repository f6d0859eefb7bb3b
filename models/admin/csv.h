#pragma once

#include <QString>
#include <QStringList>
#include <QList>

namespace podium::csv {

// One record of a CSV text and the line it starts on (1-based).
struct Record
{
    int line = 0;
    QStringList fields;
};

// RFC 4180 records: comma-separated, fields may be quoted ("a ""b"", c"),
// quoted fields may hold commas and newlines; \r\n or \n end a record.
// Blank lines are skipped. A quote left open runs to the end of the text; the
// line its record starts on goes to `unclosedQuoteLine` (else 0).
QList<Record> parse(const QString &text, int *unclosedQuoteLine = nullptr);

// One field, quoted when it needs to be. Cells that a spreadsheet would run
// as a formula (=, +, -, @ first) are prefixed with ' unless they are numbers.
QString field(const QString &value);
QString row(const QStringList &values);

} // namespace podium::csv
