#pragma once

// Shared set-up for the console's task tests (tst_*task.cpp): a real Podium
// server in this process on a real socket (HubServer), the console's REST
// client pointed at it with the admin token, and a recorder of the states a
// task goes through.
#include "adminapi.h"
#include "admintask.h"
#include "hubfixture.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>

namespace podium::testing {

using State = AdminTask::State;

struct AdminServer
{
    AdminServer()
    {
        api.setBaseUrl(QUrl(server.base()));
        api.setToken(kAdminToken);
    }

    // A task on this server's client.
    template<typename Task> std::unique_ptr<Task> task()
    {
        auto t = std::make_unique<Task>();
        t->setApi(&api);
        return t;
    }

    // A person in `team`, created through REST; 0 if refused.
    qint64 addPerson(const QString &name, const QString &team = QStringLiteral("Red"))
    {
        return server.request("POST", "/api/people", {{"name", name}, {"team", team}}).value("id").toInteger();
    }
    // A revenue contest that started a minute ago and ends tomorrow.
    qint64 addLiveContest(const QString &name)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return server
                .request("POST", "/api/contests",
                         {{"name", name},
                          {"metric", "revenue"},
                          {"startsAt", now.addSecs(-60).toString(Qt::ISODate)},
                          {"endsAt", now.addDays(1).toString(Qt::ISODate)}})
                .value("id")
                .toInteger();
    }

    HubServer server;
    AdminApi api;
};

// Every state a task entered, in order, from the stateChanged signal, and
// whether `finished` came once per run with the right argument.
class StateRecorder
{
public:
    explicit StateRecorder(AdminTask *task)
        : m_states(task, &AdminTask::stateChanged)
        , m_finished(task, &AdminTask::finished)
    { }

    QList<State> states() const
    {
        QList<State> out;
        for (const QList<QVariant> &args : m_states)
            out.append(args.at(0).value<State>());
        return out;
    }
    // Waits for the task's next finished() (up to 10 s).
    bool waitFinished(int runs = 1)
    {
        return QTest::qWaitFor([&] { return m_finished.size() >= runs; }, 10000);
    }
    QList<bool> finishes() const
    {
        QList<bool> out;
        for (const QList<QVariant> &args : m_finished)
            out.append(args.at(0).toBool());
        return out;
    }

private:
    QSignalSpy m_states;
    QSignalSpy m_finished;
};

inline QList<State> aRunThat(bool succeeded)
{
    return {State::Running, succeeded ? State::Succeeded : State::Failed};
}

} // namespace podium::testing
