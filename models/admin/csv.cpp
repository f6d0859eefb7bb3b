#include "csv.h"

namespace podium::csv {

QList<Record> parse(const QString &text, int *unclosedQuoteLine)
{
    QList<Record> out;
    Record current;
    QString cell;
    bool quoted = false;
    bool cellWasQuoted = false;
    bool any = false; // the record has content (blank lines are skipped)
    int line = 1;
    int recordLine = 1;
    auto endCell = [&] {
        current.fields.append(cellWasQuoted ? cell : cell.trimmed());
        cell.clear();
        cellWasQuoted = false;
    };
    auto endRecord = [&] {
        endCell();
        if (any) {
            current.line = recordLine;
            out.append(current);
        }
        current = Record();
        any = false;
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    cell.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                cell.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"') && cell.trimmed().isEmpty()) {
            quoted = true;
            cellWasQuoted = true;
            cell.clear();
            any = true;
        } else if (c == QLatin1Char(',')) {
            endCell();
            any = true;
        } else if (c == QLatin1Char('\r')) {
            // part of \r\n
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            ++line;
            recordLine = line;
        } else {
            cell.append(c);
            if (!c.isSpace())
                any = true;
        }
    }
    if (unclosedQuoteLine)
        *unclosedQuoteLine = quoted ? recordLine : 0;
    endRecord();
    return out;
}

QString field(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.at(0))) {
        bool number = false;
        v.toDouble(&number);
        if (!number)
            v.prepend(QLatin1Char('\''));
    }
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n'))
        || v.contains(QLatin1Char('\r')) || v != v.trimmed()) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v;
}

QString row(const QStringList &values)
{
    QStringList out;
    out.reserve(values.size());
    for (const QString &v : values)
        out.append(field(v));
    return out.join(QLatin1Char(',')) + QLatin1Char('\n');
}

} // namespace podium::csv
