#include "event.h"

#include <QJsonDocument>

namespace podium {

QString isoTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject Event::toJson() const
{
    return QJsonObject{{"seq", seq}, {"event", name}, {"room", room}, {"data", data}, {"at", isoTime(at)}};
}

QByteArray Event::toWireFrame() const
{
    const QJsonObject frame{{"type", "event"}, {"room", room}, {"event", name},
                            {"seq", seq},      {"at", isoTime(at)}, {"data", data}};
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

Event Event::fromJson(const QJsonObject &object)
{
    Event e;
    e.seq = object.value("seq").toInteger();
    e.name = object.value("event").toString();
    e.room = object.value("room").toString();
    e.data = object.value("data").toObject();
    e.at = QDateTime::fromString(object.value("at").toString(), Qt::ISODateWithMs);
    return e;
}

} // namespace podium
