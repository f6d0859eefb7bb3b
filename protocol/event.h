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
    // The payload as compact JSON: written once by the engine, stored in the
    // log and spliced into every wire frame and reply, never re-encoded.
    QByteArray dataJson;

    // The payload as an object, for the models and tests that read fields:
    // parsed from dataJson on each call unless the event was made from an
    // object. (Parsing on demand keeps the shared, immutable Event safe to
    // read from several threads.)
    QJsonObject data() const;
    // Sets both forms from an object.
    void setData(const QJsonObject &object);

    // The JSON object clients and the REST log see:
    // {"seq","event","room","data","at"}.
    QJsonObject toJson() const;
    // The same, encoded, without building an object.
    QByteArray toJsonBytes() const;
    // The native wire frame: {"type":"event","room","event","seq","at","data"}.
    QByteArray toWireFrame() const;
    static Event fromJson(const QJsonObject &object);

private:
    QJsonObject m_object; // set only when the event was made from an object
};

using EventList = QList<Event>;

QString isoTime(const QDateTime &when);

} // namespace podium

Q_DECLARE_METATYPE(podium::Event)
Q_DECLARE_METATYPE(podium::EventList)
