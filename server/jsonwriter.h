#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QString>
#include <optional>

namespace podium {

// Writes compact JSON straight into a byte array.
//
// The ingest path emits two or three events per activity; building each as a
// QJsonObject (Qt 6 stores it as CBOR with one sorted insert per field) and
// serialising it again cost half of the engine's instructions. This writer
// produces the same text QJsonDocument::Compact would for the same values —
// whole doubles print without a fraction, non-finite ones as null — with keys
// in the order written.
class JsonWriter
{
public:
    JsonWriter() { m_out.reserve(512); }

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();

    // Keys are ASCII names written by the code, never user text: no escaping.
    JsonWriter &key(const char *name);
    JsonWriter &key(const QString &name);

    JsonWriter &value(const QString &text);
    JsonWriter &value(QLatin1String text);
    JsonWriter &value(const char *text) { return value(QLatin1String(text)); }
    JsonWriter &value(double number);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &null();
    template<typename T> JsonWriter &value(const std::optional<T> &maybe) { return maybe ? value(*maybe) : null(); }
    // Already-encoded JSON (an event's data, a nested document).
    JsonWriter &raw(const QByteArray &json);

    template<typename T> JsonWriter &field(const char *name, const T &v) { return key(name).value(v); }
    template<typename T> JsonWriter &field(const QString &name, const T &v) { return key(name).value(v); }

    const QByteArray &bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

    // `text` as a JSON string literal, quotes included, appended to `out`.
    static void appendString(QByteArray &out, QStringView text);

private:
    void separate();
    void open(char bracket);
    void close(char bracket);

    QByteArray m_out;
    // One bit per open container: set once it holds an element, so the next
    // one is preceded by a comma. 64 levels are far more than any event.
    quint64 m_nonEmpty = 0;
    int m_depth = 0;
    bool m_afterKey = false;
};

} // namespace podium
