#pragma once

// Complete type: moc needs it for the `api` property.
#include "adminapi.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace podium {

// One console operation that may take several REST calls (look a team up,
// create it, then save the person), run by C++ so that pages only bind to
// it. A task is reusable: start() moves it to Running, and it ends in
// Succeeded or Failed, emitting finished(). An input the console can refuse
// itself fails without a request, after Running like any other failure, so
// every start() shows the same sequence of states. `error` is the server's
// message (AdminApi::errorText) or the console's own about a refused input,
// and is empty unless the state is Failed. start() while Running does
// nothing and returns false.
class AdminTask : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AdminTask is the base of the console's operations, e.g. SavePersonTask")
    Q_PROPERTY(podium::AdminApi *api READ api WRITE setApi NOTIFY apiChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    enum class State { Idle, Running, Succeeded, Failed };
    Q_ENUM(State)

    explicit AdminTask(QObject *parent = nullptr);

    AdminApi *api() const { return m_api; }
    void setApi(AdminApi *api);
    State state() const { return m_state; }
    bool running() const { return m_state == State::Running; }
    QString error() const { return m_error; }

    Q_INVOKABLE bool start();

signals:
    void apiChanged();
    void stateChanged(podium::AdminTask::State state);
    void errorChanged();
    void finished(bool succeeded);
    // A subclass's results (the NOTIFY of their properties): they change
    // only with the state.
    void resultChanged();

protected:
    // The operation itself, called once the task is Running. It ends by
    // calling succeed() or fail(), now or from a reply.
    virtual void run() = 0;

    void succeed();
    void fail(const QString &message);
    // Fails with the message of a refused call's body.
    void failWith(int status, const QJsonObject &body);
    // One REST call whose reply reaches `then` only while this task lives.
    void send(const QByteArray &method, const QString &path, const QJsonValue &body, AdminApi::Callback then);
    static bool ok(int status) { return status >= 200 && status < 300; }

private:
    void setState(State state);

    QPointer<AdminApi> m_api;
    State m_state = State::Idle;
    QString m_error;
};

} // namespace podium
