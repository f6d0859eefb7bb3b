#include "eiopacket.h"

#include <QRandomGenerator>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

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
    // ASCII digits only: QChar::isDigit() also takes other scripts' digits,
    // which toLongLong() does not read (an ack id of 0 for "٣").
    while (i < text.size() && text.at(i) >= QLatin1Char('0') && text.at(i) <= QLatin1Char('9') && i - digits < 15)
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

namespace {
// The room a join-style event names, from its first argument.
QString roomArgument(const QJsonArray &args)
{
    const QJsonValue v = args.size() > 1 ? args.at(1) : QJsonValue();
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // A whole number within qint64's range; converting a double outside
        // it (a client's 1e300) to qint64 is undefined behaviour.
        const double d = v.toDouble();
        if (d >= -0x1p63 && d < 0x1p63 && d == std::trunc(d))
            return QString::number(qint64(d));
    }
    return {};
}
} // namespace

SioRoomRequest roomRequest(const QJsonArray &args)
{
    static const QHash<QString, QString> prefixes = {
            {QStringLiteral("join:user"), QStringLiteral("user:")},
            {QStringLiteral("join:team"), QStringLiteral("team:")},
            {QStringLiteral("join:contest"), QStringLiteral("contest:")},
            {QStringLiteral("join:leaderboard"), QStringLiteral("leaderboard:")},
            {QStringLiteral("join:session"), QStringLiteral("session:")},
    };
    SioRoomRequest r;
    r.name = args.isEmpty() ? QString() : args.at(0).toString();
    if (r.name == QLatin1String("join:tv-display")) {
        r.kind = SioRoomRequest::Kind::Join;
        r.room = QStringLiteral("tv-display");
    } else if (r.name == QLatin1String("join:feed")) {
        r.kind = SioRoomRequest::Kind::Join;
        r.room = QStringLiteral("activity:feed");
    } else if (prefixes.contains(r.name)) {
        r.kind = SioRoomRequest::Kind::Join;
        const QString arg = roomArgument(args);
        r.room = arg.isEmpty() ? QString() : prefixes.value(r.name) + arg;
    } else if (r.name == QLatin1String("join") || r.name == QLatin1String("leave")) {
        r.kind = r.name == QLatin1String("leave") ? SioRoomRequest::Kind::Leave : SioRoomRequest::Kind::Join;
        r.room = roomArgument(args);
    }
    return r;
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

QString randomId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), 15)
                                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace podium::sio
