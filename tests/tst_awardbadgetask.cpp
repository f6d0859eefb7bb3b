// AwardBadgeTask against a real server: a badge awarded with its reason, and
// the server's refusals of an unknown badge and of a second award.
#include "admintaskfixture.h"
#include "awardbadgetask.h"

using namespace podium;
using namespace podium::testing;

class TestAwardBadgeTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
        m_ann = m_admin->addPerson("Ann");
        int status = 0;
        m_admin->server.request("POST", "/api/badges", {{"key", "helper"}, {"name", "Helper"}, {"rarity", "rare"}},
                                &status);
        QVERIFY(status == 200 || status == 201);
    }
    void cleanup() { m_admin.reset(); }

    void awardsOnceOnly()
    {
        auto task = m_admin->task<AwardBadgeTask>();
        task->setProperty("personId", m_ann);
        task->setProperty("badge", "helper");
        task->setProperty("reason", "Onboarded three people");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        const QJsonArray badges
                = m_admin->server.request("GET", QStringLiteral("/api/people/%1").arg(m_ann)).value("badges").toArray();
        QCOMPARE(badges.size(), 1);
        QCOMPARE(badges.first().toObject().value("key").toString(), QString("helper"));

        // A second time: the server says she has it.
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished(2));
        QCOMPARE(rec.states(), aRunThat(true) + aRunThat(false));
        QCOMPARE(task->error(), QString("field 'badge': Ann already has 'helper'"));
    }

    void anUnknownBadge()
    {
        auto task = m_admin->task<AwardBadgeTask>();
        task->setProperty("personId", m_ann);
        task->setProperty("badge", "nope");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'badge': unknown badge 'nope'"));
    }

private:
    std::unique_ptr<AdminServer> m_admin;
    qint64 m_ann = 0;
};

QTEST_MAIN(TestAwardBadgeTask)
#include "tst_awardbadgetask.moc"
