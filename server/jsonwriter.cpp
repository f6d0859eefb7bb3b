#include "jsonwriter.h"

#include <QLocale>
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

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    ++m_depth;
    m_nonEmpty &= ~(quint64(1) << (m_depth - 1));
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    --m_depth;
    m_out += '}';
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    ++m_depth;
    m_nonEmpty &= ~(quint64(1) << (m_depth - 1));
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    --m_depth;
    m_out += ']';
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
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
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

JsonWriter &JsonWriter::value(double number)
{
    separate();
    if (!std::isfinite(number)) {
        m_out += "null";
    } else if (number == std::trunc(number) && std::fabs(number) < 9007199254740992.0) {
        // A whole double is written as an integer, as Qt does.
        m_out += QByteArray::number(qint64(number));
    } else {
        m_out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    m_out += QByteArray::number(number);
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
