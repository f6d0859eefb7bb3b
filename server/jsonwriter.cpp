#include "jsonwriter.h"

#include <QLocale>
#include <charconv>
#include <cmath>

namespace podium {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth == 0)
        return;
    const quint64 bit = quint64(1) << (m_depth - 1);
    if (m_nonEmpty & bit)
        m_out += ',';
    m_nonEmpty |= bit;
}

void JsonWriter::open(char bracket)
{
    separate();
    m_out += bracket;
    ++m_depth;
    m_nonEmpty &= ~(quint64(1) << (m_depth - 1));
}

void JsonWriter::close(char bracket)
{
    --m_depth;
    m_out += bracket;
}

JsonWriter &JsonWriter::beginObject()
{
    open('{');
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    close('}');
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    open('[');
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    close(']');
    return *this;
}

JsonWriter &JsonWriter::key(const char *name)
{
    separate();
    m_out += '"';
    m_out += name;
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::key(const QString &name)
{
    separate();
    appendString(m_out, name);
    m_out += ':';
    m_afterKey = true;
    return *this;
}

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    // Encodes UTF-16 to escaped UTF-8 in one pass into room reserved up
    // front (at most 6 bytes per code unit: "\u001f"), then trims.
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + 2 + 6 * text.size());
    char *p = out.data() + start;
    *p++ = '"';
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80) {
            char escape = 0;
            switch (c) {
            case '"':
                escape = '"';
                break;
            case '\\':
                escape = '\\';
                break;
            case '\b':
                escape = 'b';
                break;
            case '\f':
                escape = 'f';
                break;
            case '\n':
                escape = 'n';
                break;
            case '\r':
                escape = 'r';
                break;
            case '\t':
                escape = 't';
                break;
            default:
                break;
            }
            if (escape) {
                *p++ = '\\';
                *p++ = escape;
            } else if (c < 0x20) {
                *p++ = '\\';
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[c >> 4];
                *p++ = hex[c & 0xf];
            } else {
                *p++ = char(c);
            }
        } else if (c < 0x800) {
            *p++ = char(0xc0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(text[i + 1].unicode())) {
            const char32_t u = QChar::surrogateToUcs4(c, text[++i].unicode());
            *p++ = char(0xf0 | (u >> 18));
            *p++ = char(0x80 | ((u >> 12) & 0x3f));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        } else {
            // A lone surrogate is not text: write U+FFFD as Qt's encoder does.
            const char32_t u = QChar::isSurrogate(c) ? 0xfffd : c;
            *p++ = char(0xe0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3f));
            *p++ = char(0x80 | (u & 0x3f));
        }
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

JsonWriter &JsonWriter::value(const QString &text)
{
    separate();
    appendString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(QLatin1String text)
{
    separate();
    appendString(m_out, QString(text));
    return *this;
}

namespace {
// Integers are most of what events carry (ids, seqs, ranks, whole totals):
// written in place, without the temporary QByteArray::number allocates.
void appendInteger(QByteArray &out, qint64 number)
{
    char digits[24];
    const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, end.ptr - digits);
}
} // namespace

JsonWriter &JsonWriter::value(double number)
{
    separate();
    if (!std::isfinite(number)) {
        m_out += "null";
    } else if (number == std::trunc(number) && std::fabs(number) < 9007199254740992.0) {
        // A whole double is written as an integer, as Qt does.
        appendInteger(m_out, qint64(number));
    } else {
        m_out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    appendInteger(m_out, number);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out += "null";
    return *this;
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    separate();
    m_out += json;
    return *this;
}

} // namespace podium
