#pragma once

#include "event.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QUrlQuery>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace podium {

// The one seam every wall model reads from: a stream of committed events plus
// a way to fetch snapshots (the REST read routes). The in-process stream is fed
// by the engine; the remote one by a WebSocket to another Podium. Models never
// know which one they have.
class EventStream : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EventStream is provided by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString stateText READ stateText NOTIFY stateChanged)
    Q_PROPERTY(qint64 lastSeq READ lastSeq NOTIFY lastSeqChanged)

public:
    enum State { Offline, Connecting, Live };
    Q_ENUM(State)

    // A snapshot: HTTP-style status and the JSON body of a read route.
    using SnapshotCallback = std::function<void(int status, const QJsonObject &body)>;

    explicit EventStream(QObject *parent = nullptr);

    State state() const { return m_state; }
    QString stateText() const;
    qint64 lastSeq() const { return m_lastSeq; }

    // Fetches `path` (e.g. "/api/leaderboards/revenue") with `query`; the
    // callback runs on this object's thread, also when `context` is gone it
    // is skipped.
    virtual void fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback) = 0;
    // Rooms this wall listens to (remote streams join them; the local stream
    // already sees everything).
    void join(const QString &room);
    QSet<QString> rooms() const { return m_rooms; }

signals:
    void stateChanged();
    void lastSeqChanged();
    void event(const podium::Event &event);
    // The stream lost events it cannot replay: every model refetches.
    void reset();

protected:
    void setState(State state);
    // Emits `event` once per seq, in order; older or repeated seqs are dropped.
    void deliver(const Event &e);
    void setLastSeq(qint64 seq);
    // The server's log starts lower than ours (a new database): forget ours.
    void restartSeq(qint64 seq);
    virtual void roomAdded(const QString &room) { Q_UNUSED(room) }

private:
    State m_state = Offline;
    qint64 m_lastSeq = 0;
    QSet<QString> m_rooms;
};

} // namespace podium
