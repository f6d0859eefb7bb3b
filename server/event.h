#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace podium {

// One entry of the global event stream. `seq` is gap-free and monotonic and is
// written in the same transaction as the state change that produced it.
struct Event
{
    qint64 seq = 0;
    QDateTime at;
    QString room;
    QString name;
    QJsonObject data;
    // `data` serialised once (compact) by the engine: stored in the log and
    // spliced into the wire frame, never re-encoded per client.
    QByteArray dataJson;

    // The JSON object clients and the REST log see:
    // {"seq","event","room","data","at"}.
    QJsonObject toJson() const;
    // The native wire frame: {"type":"event","room","event","seq","at","data"}.
    QByteArray toWireFrame() const;
    static Event fromJson(const QJsonObject &object);
};

using EventList = QList<Event>;

QString isoTime(const QDateTime &when);

} // namespace podium

Q_DECLARE_METATYPE(podium::Event)
Q_DECLARE_METATYPE(podium::EventList)
