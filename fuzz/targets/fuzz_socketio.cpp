// The Engine.IO / Socket.IO packet codec (server/sio/eiopacket.h) and what
// the server reads from a Socket.IO event: the room it asks for, and whether
// each kind of caller may join it (server/hub/roomaccess.h).
//
// Input: the body of a long-polling POST (packets joined by U+001E), the
// same text a WebSocket client sends one packet at a time.
//
// Invariants:
//  - decodeSio refuses binary packets and takes only types 0–4;
//  - an acknowledgement id is -1 or the ASCII digits that were sent
//    (at most 15, so it fits);
//  - a namespace starts with '/' and holds no ',';
//  - a decoded packet encodes back (encodeSio) to one that decodes the same;
//  - a room request names a room only for join and leave events; room rights
//    answer one of the documented codes, and a room that is not valid is
//    refused for everyone.
#include "fuzzcheck.h"
#include "hub/roomaccess.h"
#include "directory/identity.h"
#include "sio/eiopacket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>

using namespace podium;
using namespace podium::sio;

namespace {

QByteArray compactData(const QJsonValue &data)
{
    if (data.isArray())
        return QJsonDocument(data.toArray()).toJson(QJsonDocument::Compact);
    if (data.isObject())
        return QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact);
    return {};
}

void checkRoomRights(const QString &room)
{
    static const QStringList codes
            = {QString(), QStringLiteral("invalid_room"), QStringLiteral("forbidden"), QStringLiteral("unknown_room")};
    Identity anonymous;
    Identity admin;
    admin.kind = Identity::Kind::Admin;
    Identity display;
    display.kind = Identity::Kind::Display;
    Identity person;
    person.kind = Identity::Kind::Person;
    person.personId = 7;
    person.teamId = 3;
    for (const Identity &who : {anonymous, admin, display, person}) {
        for (bool requireViewToken : {false, true}) {
            const QString error = roomAccessError(room, who, requireViewToken);
            FUZZ_CHECK(codes.contains(error), "room access answered '%s'", qPrintable(error));
        }
    }
    // Admins may join every valid room; what they are refused is malformed.
    const QString adminError = roomAccessError(room, admin, true);
    FUZZ_CHECK(adminError.isEmpty() || adminError == QLatin1String("invalid_room")
                       || adminError == QLatin1String("unknown_room"),
               "admin refused '%s': %s", qPrintable(room), qPrintable(adminError));
}

void checkSocketIo(const QString &text)
{
    SioPacket packet;
    if (!decodeSio(text, &packet))
        return;
    const int type = int(packet.type);
    FUZZ_CHECK(type >= 0 && type <= 4, "decoded type %d", type);
    FUZZ_CHECK(packet.nsp.startsWith(QLatin1Char('/')) && !packet.nsp.contains(QLatin1Char(',')), "namespace '%s'",
               qPrintable(packet.nsp));
    FUZZ_CHECK(packet.ackId >= -1 && packet.ackId < 1000000000000000LL, "ack id %lld", packet.ackId);
    if (packet.ackId >= 0) {
        // The ack id is read from the digits after the namespace, as sent.
        const QString digits = QString::number(packet.ackId);
        FUZZ_CHECK(text.contains(digits), "ack id %lld is not in the packet", packet.ackId);
    }
    FUZZ_CHECK(packet.data.isUndefined() || packet.data.isArray() || packet.data.isObject(), "data of type %d",
               int(packet.data.type()));

    // Encode and decode again: the same packet.
    const QString again = encodeSio(packet.type, packet.nsp, compactData(packet.data), packet.ackId);
    FUZZ_CHECK(again.startsWith(QLatin1Char('4')), "encoded packet '%s'", qPrintable(again));
    SioPacket round;
    FUZZ_CHECK(decodeSio(again.mid(1), &round), "re-encoded packet does not decode: '%s'", qPrintable(again));
    FUZZ_CHECK(round.type == packet.type && round.nsp == packet.nsp && round.ackId == packet.ackId,
               "re-encoded packet differs: '%s'", qPrintable(again));
    FUZZ_CHECK(round.data.isUndefined() == packet.data.isUndefined() && round.data.type() == packet.data.type(),
               "re-encoded data differs: '%s'", qPrintable(again));

    if (packet.type != SioType::Event)
        return;
    const SioRoomRequest request = roomRequest(packet.data.toArray());
    if (request.kind == SioRoomRequest::Kind::Unknown) {
        FUZZ_CHECK(request.room.isEmpty(), "unknown event '%s' names room '%s'", qPrintable(request.name),
                   qPrintable(request.room));
        return;
    }
    FUZZ_CHECK(request.name.startsWith(QLatin1String("join")) || request.name == QLatin1String("leave"),
               "event '%s' read as a room request", qPrintable(request.name));
    if (!request.room.isEmpty())
        checkRoomRights(request.room);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString body = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList packets = splitPayload(body);
    FUZZ_CHECK(joinPayload(packets) == body, "split and join do not give the body back");
    for (const QString &packet : packets) {
        // EioSession: an empty packet makes the POST malformed; '4' carries
        // a Socket.IO packet, the other types are handled by their first
        // character alone.
        if (packet.isEmpty() || packet.at(0) != QLatin1Char(char(EioType::Message)))
            continue;
        checkSocketIo(packet.mid(1));
    }
    // Room rights of an arbitrary name, as a native client's join sends it.
    if (size <= 160)
        checkRoomRights(body);
    return 0;
}
