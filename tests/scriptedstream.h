#pragma once

// An EventStream the model tests drive by hand: push() delivers events exactly
// as a real stream would (seq-ordered, duplicates dropped) and fetch() answers
// from canned bodies by path. The real streams are tested on their own.
#include "eventstream.h"

#include <QHash>
#include <QTimer>

namespace podium::testing {

class ScriptedStream : public EventStream
{
public:
    ScriptedStream() { setState(Live); }

    void push(const QString &room, const QString &name, const QJsonObject &data)
    {
        Event e;
        e.seq = ++m_seq;
        e.at = QDateTime::currentDateTimeUtc();
        e.room = room;
        e.name = name;
        e.setData(data);
        deliver(e);
    }
    void replay(const Event &e) { deliver(e); }
    void emitReset() { emit reset(); }

    void fetch(const QString &path, const QUrlQuery &, QObject *context, SnapshotCallback callback) override
    {
        ++fetches;
        const QJsonObject body = bodies.value(path);
        const int status = bodies.contains(path) ? 200 : 404;
        QTimer::singleShot(0, context, [callback, status, body] { callback(status, body); });
    }

    QHash<QString, QJsonObject> bodies;
    int fetches = 0;

private:
    qint64 m_seq = 0;
};

} // namespace podium::testing
