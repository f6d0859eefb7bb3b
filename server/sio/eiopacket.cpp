#include "eiopacket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace podium::sio {

QStringList splitPayload(const QString &payload)
{
    return payload.split(kRecordSeparator);
}

QString joinPayload(const QStringList &packets)
{
    return packets.join(kRecordSeparator);
}

bool decodeSio(const QString &text, SioPacket *out)
{
    if (text.isEmpty() || text.at(0) < QLatin1Char('0') || text.at(0) > QLatin1Char('6'))
        return false;
    out->type = SioType(text.at(0).unicode() - '0');
    if (out->type == SioType::BinaryEvent || out->type == SioType::BinaryAck)
        return false;
    qsizetype i = 1;
    if (i < text.size() && text.at(i) == QLatin1Char('/')) {
        const qsizetype comma = text.indexOf(QLatin1Char(','), i);
        const qsizetype end = comma < 0 ? text.size() : comma;
        out->nsp = text.mid(i, end - i);
        i = comma < 0 ? text.size() : comma + 1;
    }
    const qsizetype digits = i;
    while (i < text.size() && text.at(i).isDigit() && i - digits < 15)
        ++i;
    if (i > digits)
        out->ackId = QStringView(text).mid(digits, i - digits).toLongLong();
    const QStringView rest = QStringView(text).mid(i);
    if (rest.isEmpty())
        return true;
    // QJsonDocument parses only objects and arrays at the top level; a
    // Socket.IO payload is always one of those (connect/error: object,
    // event/ack: array).
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(rest.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError)
        return false;
    out->data = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    return true;
}

QString encodeSio(SioType type, const QString &nsp, const QByteArray &json, qint64 ackId)
{
    QString s;
    s.reserve(8 + nsp.size() + json.size());
    s += QLatin1Char('4');
    s += QChar(QLatin1Char('0' + int(type)));
    // The default namespace is implicit: "40", not "40/,".
    if (nsp != QLatin1String("/")) {
        s += nsp;
        s += QLatin1Char(',');
    }
    if (ackId >= 0)
        s += QString::number(ackId);
    s += QString::fromUtf8(json);
    return s;
}

QString encodeEvent(const QString &nsp, const QString &name, const QByteArray &dataJson)
{
    // The name goes through the JSON encoder (it is user-chosen in free
    // broadcasts); the data is the engine's compact serialisation, as it is.
    QByteArray nameJson = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    nameJson.chop(1); // ["name"  — the data follows
    QByteArray json;
    json.reserve(nameJson.size() + dataJson.size() + 2);
    json += nameJson;
    json += ',';
    json += dataJson.isEmpty() ? QByteArray("{}") : dataJson;
    json += ']';
    return encodeSio(SioType::Event, nsp, json);
}

} // namespace podium::sio
