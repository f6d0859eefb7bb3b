// ContestService through a real engine on a SQLite file: its rules in domain
// values and errors, the lifecycle by a manual clock, and the events it sends.

#include "contests/contestservice.h"
#include "enginefixture.h"

#include <QJsonArray>
#include <QTest>

using namespace podium;
using podium::testing::EngineFixture;

class TestContestService : public QObject
{
    Q_OBJECT

private slots:
    void refusalsNameTheField();
    void startsNowWithoutAStart();
    void lifecycleConflicts();
    void payoutOnlyAfterTheEnd();
    void teamStandingsFoldMembers();

private:
    static ContestDraft draft(const QDateTime &start, const QDateTime &end)
    {
        ContestDraft d;
        d.name = "Lightning Round";
        d.metric = "revenue";
        d.startsAt = start;
        d.endsAt = end;
        d.prizes = QJsonArray {"$500"};
        return d;
    }
};

void TestContestService::refusalsNameTheField()
{
    EngineFixture f;
    ContestService &contests = f.engine->contests();
    const QDateTime t0 = f.clock.now();
    ContestDraft unknown = draft(t0, t0.addSecs(60));
    unknown.metric = "laps";
    QCOMPARE(contests.create(unknown).error().message, QString("field 'metric': unknown metric 'laps'"));
    const Outcome<const Contest *> backwards = contests.create(draft(t0, t0));
    QCOMPARE(backwards.error().kind, DomainError::Kind::Invalid);
    QCOMPARE(backwards.error().message, QString("field 'endsAt' must be after 'startsAt'"));
    QCOMPARE(contests.contestsById().size(), 0);
    QCOMPARE(contests.start(5).error().message, QString("contest 5 does not exist"));
}

void TestContestService::startsNowWithoutAStart()
{
    EngineFixture f;
    const QDateTime t0 = f.clock.now();
    const Outcome<const Contest *> c = f.engine->contests().create(draft(QDateTime(), t0.addSecs(60)));
    QVERIFY(c.ok());
    QCOMPARE((*c)->startsAt, t0);
    QCOMPARE((*c)->state, ContestState::Live); // a contest starting now goes live at once
    QVERIFY(f.engine->flush());
    // Created (its room and the walls'), then live (both again).
    const EventList events = f.take({"contest:update"});
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(0).room, QString("contest:%1").arg((*c)->id));
    QCOMPARE(events.at(0).data().value("state").toString(), QString("scheduled"));
    QCOMPARE(events.at(1).room, QString("tv-display"));
    QCOMPARE(events.at(3).data().value("state").toString(), QString("live"));
    QCOMPARE(events.at(3).data().value("remainingSeconds").toInt(), 60);
}

void TestContestService::lifecycleConflicts()
{
    EngineFixture f;
    ContestService &contests = f.engine->contests();
    const QDateTime t0 = f.clock.now();
    const qint64 id = (*contests.create(draft(t0.addSecs(60), t0.addSecs(120))))->id;
    QCOMPARE(contests.end(id).error().message,
             QString("contest %1 has not started; delete or start it instead").arg(id));
    QVERIFY(contests.start(id).ok());
    QCOMPARE(contests.contest(id)->state, ContestState::Live);
    QCOMPARE(contests.start(id).error().message, QString("contest %1 is live, not scheduled").arg(id));
    QCOMPARE(contests.start(id).error().kind, DomainError::Kind::Conflict);
    f.clock.advanceSecs(30);
    const Outcome<const Contest *> ended = contests.end(id);
    QVERIFY(ended.ok());
    QCOMPARE((*ended)->state, ContestState::Ended);
    QCOMPARE((*ended)->endsAt, t0.addSecs(30));
    QCOMPARE(contests.end(id).error().message, QString("contest %1 has already ended").arg(id));
}

void TestContestService::payoutOnlyAfterTheEnd()
{
    EngineFixture f;
    ContestService &contests = f.engine->contests();
    const QDateTime t0 = f.clock.now();
    const qint64 id = (*contests.create(draft(t0, t0.addSecs(60))))->id;
    QCOMPARE(contests.recordPayout(id, {{"payouts", QJsonArray {}}}).error().message,
             QString("contest %1 has not ended; payout comes after the end").arg(id));
    f.clock.advanceSecs(60);
    contests.tick();
    QCOMPARE(contests.contest(id)->state, ContestState::Ended);
    f.clock.advanceSecs(5);
    const Outcome<const Contest *> paid = contests.recordPayout(id, {{"payouts", QJsonArray {}}});
    QVERIFY(paid.ok());
    QCOMPARE((*paid)->payout.toObject().value("recordedAt").toString(), isoTime(t0.addSecs(65)));
    QVERIFY(f.engine->flush());
    f.reopen();
    QVERIFY(f.engine->contests().contest(id)->payout.isObject());
}

void TestContestService::teamStandingsFoldMembers()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada", "Red");
    const qint64 bob = f.addPerson("Bob", "Red");
    const qint64 cy = f.addPerson("Cy", "Blue");
    const QDateTime t0 = f.clock.now();
    ContestDraft teams = draft(t0, t0.addSecs(600));
    teams.teams = true;
    const qint64 id = (*f.engine->contests().create(teams))->id;
    f.clock.advanceSecs(1);
    f.record(ada, "revenue", 300);
    f.record(bob, "revenue", 200);
    f.record(cy, "revenue", 400);
    const qint64 red = f.engine->person(ada)->teamId;
    const qint64 blue = f.engine->person(cy)->teamId;
    const Contest *c = f.engine->contests().contest(id);
    QCOMPARE(c->standings.value(red), 500.0);
    QCOMPARE(c->standings.value(blue), 400.0);
    // Rebuilt from the stored activities, the same.
    f.reopen();
    c = f.engine->contests().contest(id);
    QCOMPARE(c->standings.value(red), 500.0);
    QCOMPARE(c->standings.value(blue), 400.0);
    const QJsonArray rows = f.engine->contests().json(*c).value("standings").toArray();
    QCOMPARE(rows.at(0).toObject().value("name").toString(), QString("Red"));
    QCOMPARE(rows.at(0).toObject().value("rank").toInt(), 1);
    QCOMPARE(rows.at(1).toObject().value("team").toInteger(), blue);
}

QTEST_GUILESS_MAIN(TestContestService)
#include "tst_contestservice.moc"
