#include "admintask.h"

#include "adminlogging.h"

namespace podium {

AdminTask::AdminTask(QObject *parent)
    : QObject(parent)
{ }

void AdminTask::setApi(AdminApi *api)
{
    if (api == m_api)
        return;
    m_api = api;
    emit apiChanged();
}

bool AdminTask::start()
{
    if (m_state == State::Running)
        return false;
    if (!m_error.isEmpty()) {
        m_error.clear();
        emit errorChanged();
    }
    setState(State::Running);
    if (!m_api) {
        fail(QStringLiteral("the console has no server to talk to"));
        return true;
    }
    run();
    return true;
}

void AdminTask::succeed()
{
    setState(State::Succeeded);
    emit finished(true);
}

void AdminTask::fail(const QString &message)
{
    qCInfo(lcAdmin) << metaObject()->className() << "failed:" << message;
    m_error = message;
    emit errorChanged();
    setState(State::Failed);
    emit finished(false);
}

void AdminTask::failWith(int status, const QJsonObject &body)
{
    fail(AdminApi::errorText(status, body.toVariantMap()));
}

void AdminTask::send(const QByteArray &method, const QString &path, const QJsonValue &body, AdminApi::Callback then)
{
    if (!m_api) {
        fail(QStringLiteral("the console has no server to talk to"));
        return;
    }
    QPointer<AdminTask> self(this);
    m_api->send(method, path, body, [self, then](int status, const QJsonObject &reply) {
        if (self)
            then(status, reply);
    });
}

void AdminTask::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit resultChanged();
    emit stateChanged(state);
}

} // namespace podium
