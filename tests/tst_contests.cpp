// Contests: scheduled → live → ended by themselves, also across a restart;
// standings, placements as achievements, payout.
#include "enginefixture.h"
#include "http/contestsjson.h"
#include "http/socialjson.h"

#include <QJsonArray>

using namespace podium;
using podium::testing::EngineFixture;

class TestContests : public QObject
{
    Q_OBJECT

private slots:
    void lifecycleByTheClock();
    void endsWhilePodiumWasDown();
    void placementsBecomeAchievements();
    void teamContestRanksTeams();
    void manualStartEndAndPayout();
    void invalidContests_data();
    void invalidContests();

private:
    static QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODate); }
};

void TestContests::lifecycleByTheClock()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const QDateTime t0 = f.clock.now();
    const Reply created = rest::createContest(*f.engine,
                                              {{"name", "Lightning Round"},
                                               {"metric", "revenue"},
                                               {"startsAt", iso(t0.addSecs(60))},
                                               {"endsAt", iso(t0.addSecs(120))}});
    f.engine->flush();
    QCOMPARE(created.status, 201);
    QCOMPARE(created.body.value("state").toString(), QString("scheduled"));
    const qint64 id = created.body.value("id").toInteger();
    f.record(a, "revenue", 5000); // before the start: does not count
    f.clock.advanceSecs(60);
    f.engine->contests().tick();
    f.engine->flush();
    QCOMPARE(rest::getContest(*f.engine, id).body.value("state").toString(), QString("live"));
    f.take();
    f.record(a, "revenue", 7000);
    const EventList events = f.take({"contest:entry", "contest:update"});
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).name, QString("contest:entry"));
    QCOMPARE(events.at(0).room, QString("contest:%1").arg(id));
    QCOMPARE(events.at(1).data().value("standings").toArray().at(0).toObject().value("value").toDouble(), 7000.0);
    f.clock.advanceSecs(60);
    f.engine->contests().tick();
    f.engine->flush();
    const Reply ended = rest::getContest(*f.engine, id);
    QCOMPARE(ended.body.value("state").toString(), QString("ended"));
    QCOMPARE(ended.body.value("placements").toArray().size(), 1);
    QCOMPARE(ended.body.value("placements").toArray().at(0).toObject().value("value").toDouble(), 7000.0);
    // Activity after the end does not change the result.
    f.record(a, "revenue", 9000);
    QCOMPARE(rest::getContest(*f.engine, id)
                     .body.value("standings")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("value")
                     .toDouble(),
             7000.0);
}

void TestContests::endsWhilePodiumWasDown()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    const QDateTime t0 = f.clock.now();
    const qint64 id
            = rest::createContest(*f.engine,
                                  {{"name", "Overnight"}, {"metric", "signups"}, {"endsAt", iso(t0.addSecs(3600))}})
                      .body.value("id")
                      .toInteger();
    f.engine->flush();
    f.record(a, "signups", 3);
    f.record(b, "signups", 5);
    f.engine.reset(); // Podium stops...
    f.clock.advanceSecs(7200); // ...and the end time passes while it is down.
    f.take();
    f.reopen();
    const Reply c = rest::getContest(*f.engine, id);
    QCOMPARE(c.body.value("state").toString(), QString("ended"));
    const QJsonArray placements = c.body.value("placements").toArray();
    QCOMPARE(placements.size(), 2);
    QCOMPARE(placements.at(0).toObject().value("person").toInteger(), b);
    QCOMPARE(placements.at(0).toObject().value("place").toInt(), 1);
    QCOMPARE(placements.at(1).toObject().value("person").toInteger(), a);
    const EventList ended = f.take({"contest:ended"});
    QCOMPARE(ended.size(), 2); // to contest:{id} and to the wall
    QCOMPARE(ended.at(0).room, QString("contest:%1").arg(id));
    QCOMPARE(ended.at(1).room, QString("tv-display"));
    // Reopening again does not end it twice.
    f.reopen();
    QCOMPARE(f.take({"contest:ended"}).size(), 0);
}

void TestContests::placementsBecomeAchievements()
{
    EngineFixture f;
    QList<qint64> people;
    for (const char *name : {"Ada", "Ben", "Cy", "Dee"})
        people << f.addPerson(QString::fromLatin1(name));
    const QDateTime t0 = f.clock.now();
    const qint64 id = rest::createContest(*f.engine,
                                          {{"name", "Q4 Sales Challenge"},
                                           {"metric", "signups"},
                                           {"endsAt", iso(t0.addSecs(600))},
                                           {"prizes", QJsonArray {"$5000", "$2500", "$1000"}}})
                              .body.value("id")
                              .toInteger();
    f.engine->flush();
    // Cy 9, Ada 7, Ben 7 (tie for 2nd), Dee 1: placements 1, 2, 2.
    f.record(people[2], "signups", 9);
    f.record(people[0], "signups", 7);
    f.record(people[1], "signups", 7);
    f.record(people[3], "signups", 1);
    f.take();
    f.clock.advanceSecs(601);
    f.engine->contests().tick();
    f.engine->flush();
    const EventList celebrations = f.take({"achievement:celebration"});
    QCOMPARE(celebrations.size(), 3);
    QCOMPARE(celebrations.at(0).data().value("person").toInteger(), people[2]);
    QCOMPARE(celebrations.at(0).data().value("placement").toInt(), 1);
    QCOMPARE(celebrations.at(0).data().value("prize").toString(), QString("$5000"));
    QCOMPARE(celebrations.at(0).data().value("achievementType").toString(), QString("contest"));
    QCOMPARE(celebrations.at(1).data().value("placement").toInt(), 2);
    QCOMPARE(celebrations.at(2).data().value("placement").toInt(), 2);
    QCOMPARE(celebrations.at(2).data().value("prize").toString(), QString("$2500"));
    const QJsonArray notifications
            = rest::listNotifications(*f.engine, people[2], true, 10).body.value("notifications").toArray();
    QVERIFY(!notifications.isEmpty());
    QCOMPARE(notifications.at(0).toObject().value("kind").toString(), QString("contest"));
    Q_UNUSED(id);
}

void TestContests::teamContestRanksTeams()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "North");
    const qint64 b = f.addPerson("Ben", "North");
    const qint64 c = f.addPerson("Cy", "South");
    const qint64 id = rest::createContest(*f.engine,
                                          {{"name", "Team Cup"},
                                           {"metric", "revenue"},
                                           {"mode", "teams"},
                                           {"endsAt", iso(f.clock.now().addSecs(60))}})
                              .body.value("id")
                              .toInteger();
    f.engine->flush();
    f.record(a, "revenue", 4000);
    f.record(b, "revenue", 4000);
    f.record(c, "revenue", 7000);
    const QJsonArray standings = rest::getContest(*f.engine, id).body.value("standings").toArray();
    QCOMPARE(standings.size(), 2);
    QCOMPARE(standings.at(0).toObject().value("name").toString(), QString("North"));
    QCOMPARE(standings.at(0).toObject().value("value").toDouble(), 8000.0);
}

void TestContests::manualStartEndAndPayout()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const QDateTime t0 = f.clock.now();
    const qint64 id = rest::createContest(*f.engine,
                                          {{"name", "Later"},
                                           {"metric", "revenue"},
                                           {"startsAt", iso(t0.addSecs(3600))},
                                           {"endsAt", iso(t0.addSecs(7200))}})
                              .body.value("id")
                              .toInteger();
    QCOMPARE(rest::recordPayout(*f.engine, id, {{"payouts", QJsonArray {}}}).status, 409);
    QCOMPARE(rest::endContest(*f.engine, id).status, 409);
    QCOMPARE(rest::startContest(*f.engine, id).body.value("state").toString(), QString("live"));
    QCOMPARE(rest::startContest(*f.engine, id).status, 409);
    f.engine->flush();
    f.record(a, "revenue", 100);
    QCOMPARE(rest::endContest(*f.engine, id).body.value("state").toString(), QString("ended"));
    QCOMPARE(rest::endContest(*f.engine, id).status, 409);
    QCOMPARE(rest::recordPayout(*f.engine, id, {{"payouts", "cash"}}).status, 400);
    const Reply paid = rest::recordPayout(*f.engine, id,
                                          {{"payouts", QJsonArray {QJsonObject {{"place", 1}, {"amount", 500}}}}});
    f.engine->flush();
    QCOMPARE(paid.status, 200);
    QCOMPARE(paid.body.value("payout").toObject().value("payouts").toArray().size(), 1);
    f.reopen();
    QCOMPARE(rest::getContest(*f.engine, id).body.value("payout").toObject().value("payouts").toArray().size(), 1);
    QCOMPARE(rest::getContest(*f.engine, 4242).status, 404);
}

void TestContests::invalidContests_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    const QString end = "2026-11-19T00:00:00Z";
    QTest::newRow("no name") << QJsonObject{{"metric", "revenue"}, {"endsAt", end}} << "'name'";
    QTest::newRow("unknown metric") << QJsonObject{{"name", "x"}, {"metric", "karma"}, {"endsAt", end}} << "'metric'";
    QTest::newRow("no end") << QJsonObject{{"name", "x"}, {"metric", "revenue"}} << "'endsAt'";
    QTest::newRow("end before start") << QJsonObject{{"name", "x"}, {"metric", "revenue"}, {"startsAt", end}, {"endsAt", "2026-11-18T00:00:00Z"}} << "'endsAt'";
    QTest::newRow("bad mode") << QJsonObject{{"name", "x"}, {"metric", "revenue"}, {"endsAt", end}, {"mode", "duo"}} << "'mode'";
    QTest::newRow("bad prizes") << QJsonObject{{"name", "x"}, {"metric", "revenue"}, {"endsAt", end}, {"prizes", "cash"}} << "'prizes'";
}

void TestContests::invalidContests()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    EngineFixture f;
    const Reply r = rest::createContest(*f.engine, input);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.errorMessage().contains(field), qPrintable(r.errorMessage()));
}

QTEST_GUILESS_MAIN(TestContests)
#include "tst_contests.moc"
