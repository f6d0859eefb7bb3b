// The engine's core contract: ranks, events and seq, idempotency,
// corrections, group commit and restart.
#include "enginefixture.h"
#include "http/configurationjson.h"
#include "http/contestsjson.h"
#include "http/directoryjson.h"
#include "http/eventsjson.h"
#include "http/leaderboardjson.h"
#include "http/socialjson.h"
#include "restcalls.h"

#include <QJsonArray>
#include <QThread>
#include <QUrlQuery>
#include <cstdlib>

using namespace podium;
using podium::testing::EngineFixture;

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseHasDefaults();
    void competitionRanking_data();
    void competitionRanking();
    void rankChangeCarriesPreviousAndNewRank();
    void severalThresholdsFireOnceInOrder();
    void milestonesNeverRefireAfterCorrection();
    void idempotentRetryCountsOnce();
    void keyReuseWithDifferentPayloadConflicts();
    void invalidActivities_data();
    void invalidActivities();
    void seqIsGapFreeAndMonotonic();
    void eventsReleasedOnlyAfterCommit();
    void voidingRecomputesRanks();
    void stateSurvivesRestart();
    void teamLeaderboardSumsMembers();
    void deactivatedPeopleLeaveTheBoards();
    void eventsQueryPages();
    void readerSeesOnlyReadableRooms();
    void roomListsShareOneStatement();
    void statementCacheIsBounded();
    void pastBoardsAreBounded();
    void broadcastPassesDataVerbatim();
    void xpLevelsAndTiers();
    void streakAcrossMidnightAndBreak();
    void periodBoundaryInConfiguredZone();
    void badgeAwardedOnce();
    void runDeliversReplyAfterCommit();
    void asyncDurabilityReleasesAfterSync();
    void isoTimeMatchesQt_data();
    void isoTimeMatchesQt();
    void renameOntoTakenNameConflicts();
    void failedWriteUndoesOnlyItsRequest();
    void settingsOutOfRange_data();
    void settingsOutOfRange();
    void storedBadLevelStepDoesNotHang();
    void updatesKeepCreateLimits_data();
    void updatesKeepCreateLimits();
    void activityTimeRange_data();
    void activityTimeRange();
    void backDatedActivityStaysCountedAfterCorrection();
};

void TestEngine::freshDatabaseHasDefaults()
{
    EngineFixture f;
    const Reply metrics = rest::listMetrics(*f.engine);
    QStringList keys;
    for (const QJsonValue &m : metrics.body.value("metrics").toArray())
        keys << m.toObject().value("key").toString();
    QVERIFY(keys.contains("revenue"));
    QVERIFY(keys.contains("signups"));
    QVERIFY(keys.contains("xp"));
    QCOMPARE(f.engine->metric("revenue")->unit, QString("currency"));
    const QJsonArray rules = rest::listRules(*f.engine).body.value("rules").toArray();
    QVERIFY(rules.size() >= 6);
    const QJsonObject revenueRule = rules.at(0).toObject();
    QCOMPARE(revenueRule.value("metric").toString(), QString("revenue"));
    QCOMPARE(revenueRule.value("values").toArray(),
             (QJsonArray{10000, 25000, 50000, 100000, 250000, 500000, 1000000}));
    QCOMPARE(f.take().size(), 0); // seeding is not news
}

void TestEngine::competitionRanking_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<int>>("ranks");
    QTest::newRow("distinct") << QList<double>{300, 200, 100} << QList<int>{1, 2, 3};
    QTest::newRow("tie in the middle") << QList<double>{300, 200, 200, 100} << QList<int>{1, 2, 2, 4};
    QTest::newRow("tie at the top") << QList<double>{500, 500, 100} << QList<int>{1, 1, 3};
    QTest::newRow("all equal") << QList<double>{7, 7, 7} << QList<int>{1, 1, 1};
}

void TestEngine::competitionRanking()
{
    QFETCH(QList<double>, values);
    QFETCH(QList<int>, ranks);
    EngineFixture f;
    QList<qint64> ids;
    for (int i = 0; i < values.size(); ++i) {
        ids << f.addPerson(QString("Rep %1").arg(i));
        QVERIFY(f.record(ids.last(), "revenue", values.at(i)).ok());
    }
    const Reply board = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month"));
    QCOMPARE(board.status, 200);
    const QJsonArray entries = board.body.value("entries").toArray();
    QCOMPARE(entries.size(), values.size());
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        const int index = ids.indexOf(e.value("person").toInteger());
        QCOMPARE(e.value("rank").toInt(), ranks.at(index));
        QCOMPARE(e.value("value").toDouble(), values.at(index));
    }
}

void TestEngine::rankChangeCarriesPreviousAndNewRank()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    f.record(a, "revenue", 5000);
    f.record(b, "revenue", 3000);
    f.take();
    f.record(b, "revenue", 4000); // Ben 7000 overtakes Ada 5000
    const EventList updates = f.take({"rankings:update"});
    // One event for the activity; the top level speaks of the month board,
    // `periods` of every board that moved (day, week, month, all: 2 → 1).
    QCOMPARE(updates.size(), 1);
    const QJsonObject d = updates.first().data();
    QCOMPARE(updates.first().room, QString("leaderboard:revenue"));
    QCOMPARE(d.value("person").toInteger(), b);
    QCOMPARE(d.value("period").toString(), QString("month"));
    QCOMPARE(d.value("previousRank").toInt(), 2);
    QCOMPARE(d.value("newRank").toInt(), 1);
    QCOMPARE(d.value("value").toDouble(), 7000.0);
    const QJsonObject periods = d.value("periods").toObject();
    QCOMPARE(periods.keys(), (QStringList{"all", "day", "month", "week"}));
    for (const QString &period : periods.keys()) {
        QCOMPARE(periods.value(period).toObject().value("previousRank").toInt(), 2);
        QCOMPARE(periods.value(period).toObject().value("newRank").toInt(), 1);
    }
    QCOMPARE(periods.value("week").toObject().value("periodKey").toString(), QString("2026-W47"));
}

void TestEngine::severalThresholdsFireOnceInOrder()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.record(a, "revenue", 9000);
    f.take();
    // 9,000 → 60,000 crosses 10K, 25K and 50K at once.
    const Reply r = f.record(a, "revenue", 51000);
    QCOMPARE(r.status, 201);
    const EventList reached = f.take({"milestone:reached"});
    QList<double> thresholds;
    for (const Event &e : reached) {
        if (e.data().value("metric").toString() == "revenue" && e.data().value("ruleKind").toString() == "threshold")
            thresholds << e.data().value("value").toDouble();
    }
    QCOMPARE(thresholds, (QList<double>{10000, 25000, 50000}));
    // The reply lists the same events with their seqs, ascending.
    const QJsonArray events = r.body.value("events").toArray();
    qint64 last = 0;
    for (const QJsonValue &v : events) {
        QVERIFY(v.toObject().value("seq").toInteger() > last);
        last = v.toObject().value("seq").toInteger();
    }
    QCOMPARE(events.first().toObject().value("event").toString(), QString("activity:new"));
    // Crossing again the same month fires nothing.
    f.record(a, "revenue", 1000);
    QCOMPARE(f.take({"milestone:reached"}).size(), 0);
}

void TestEngine::milestonesNeverRefireAfterCorrection()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    auto thresholds = [&f] {
        QList<double> out;
        for (const Event &e : f.take({"milestone:reached"})) {
            if (e.data().value("ruleKind").toString() == "threshold")
                out << e.data().value("value").toDouble();
        }
        return out;
    };
    f.record(a, "revenue", 12000);
    QCOMPARE(thresholds(), QList<double>{10000});
    f.record(a, "revenue", -5000); // correction by negative delta
    f.record(a, "revenue", 5000);  // back over 10K
    QCOMPARE(thresholds(), QList<double>{});
    // A new month is a new period: 10K fires again there, once.
    f.clock.set(QDateTime(QDate(2026, 12, 2), QTime(12, 0), Qt::UTC));
    f.record(a, "revenue", 11000);
    QCOMPARE(thresholds(), QList<double>{10000});
    f.record(a, "revenue", 1000);
    QCOMPARE(thresholds(), QList<double>{});
}

void TestEngine::idempotentRetryCountsOnce()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const Reply first = f.record(a, "revenue", 26000, "idem-1");
    QCOMPARE(first.status, 201);
    const Reply retry = f.record(a, "revenue", 26000, "idem-1");
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.body.value("replayed").toBool(), true);
    QCOMPARE(retry.body.value("id"), first.body.value("id"));
    QCOMPARE(retry.body.value("seq"), first.body.value("seq"));
    QCOMPARE(retry.body.value("events"), first.body.value("events"));
    const QJsonArray entries
            = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=all")).body.value("entries").toArray();
    QCOMPARE(entries.first().toObject().value("value").toDouble(), 26000.0);
}

void TestEngine::keyReuseWithDifferentPayloadConflicts()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    QCOMPARE(f.record(a, "revenue", 100, "k").status, 201);
    const Reply r = f.record(a, "revenue", 200, "k");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QVERIFY(r.errorMessage().contains("'key'"));
}

void TestEngine::invalidActivities_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("missing person") << QJsonObject{{"metric", "revenue"}, {"delta", 1}} << 400 << "invalid_request" << "'person'";
    QTest::newRow("person as string") << QJsonObject{{"person", "1"}, {"metric", "revenue"}, {"delta", 1}} << 400 << "invalid_request" << "'person'";
    QTest::newRow("unknown person") << QJsonObject{{"person", 999}, {"metric", "revenue"}, {"delta", 1}} << 404 << "unknown_person" << "'person'";
    QTest::newRow("unknown metric") << QJsonObject{{"person", 1}, {"metric", "karma"}, {"delta", 1}} << 404 << "unknown_metric" << "'metric'";
    QTest::newRow("delta as string") << QJsonObject{{"person", 1}, {"metric", "revenue"}, {"delta", "10"}} << 400 << "invalid_request" << "'delta'";
    QTest::newRow("value on a sum metric") << QJsonObject{{"person", 1}, {"metric", "revenue"}, {"value", 10}} << 400 << "invalid_request" << "'delta'";
    QTest::newRow("delta on a best metric") << QJsonObject{{"person", 1}, {"metric", "score"}, {"delta", 10}} << 400 << "invalid_request" << "'value'";
    QTest::newRow("empty key") << QJsonObject{{"person", 1}, {"metric", "revenue"}, {"delta", 1}, {"key", ""}} << 400 << "invalid_request" << "'key'";
    QTest::newRow("bad time") << QJsonObject{{"person", 1}, {"metric", "revenue"}, {"delta", 1}, {"at", "yesterday"}} << 400 << "invalid_request" << "'at'";
    QTest::newRow("future time") << QJsonObject{{"person", 1}, {"metric", "revenue"}, {"delta", 1}, {"at", "2027-01-01T00:00:00Z"}} << 400 << "invalid_request" << "'at'";
}

void TestEngine::invalidActivities()
{
    QFETCH(QJsonObject, input);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    EngineFixture f;
    f.addPerson("Ada");
    const qint64 seqBefore = f.engine->lastSeq();
    const Reply r = testing::recordActivity(*f.engine, input);
    f.engine->flush();
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QVERIFY2(r.errorMessage().contains(field), qPrintable(r.errorMessage()));
    QCOMPARE(f.engine->lastSeq(), seqBefore); // nothing was written
}

void TestEngine::seqIsGapFreeAndMonotonic()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    for (int i = 0; i < 20; ++i)
        testing::recordActivity(*f.engine,
                                {{"person", i % 2 ? a : b}, {"metric", "revenue"}, {"delta", 1500 * (i + 1)}});
    testing::recordActivity(*f.engine, {{"person", 42}, {"metric", "revenue"}, {"delta", 1}}); // rejected: no seq used
    f.engine->flush();
    const EventList all = f.take();
    QVERIFY(all.size() > 40);
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i).seq, all.first().seq + i);
    const EventList stored = f.engine->eventsSince(0, 100000);
    QCOMPARE(stored.size(), int(all.last().seq));
    for (int i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).seq, qint64(i + 1));
}

void TestEngine::eventsReleasedOnlyAfterCommit()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    QSignalSpy committed(f.engine.get(), &Engine::eventsCommitted);
    testing::recordActivity(*f.engine, {{"person", a}, {"metric", "revenue"}, {"delta", 100}});
    QCOMPARE(committed.count(), 0);
    // The polling API does not show the open batch either.
    QCOMPARE(rest::events(*f.engine, 0, 100).body.value("events").toArray().size(), 0);
    f.engine->flush();
    QCOMPARE(committed.count(), 1);
    QVERIFY(rest::events(*f.engine, 0, 100).body.value("events").toArray().size() > 0);
}

void TestEngine::voidingRecomputesRanks()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    f.record(a, "revenue", 5000);
    const qint64 big = f.record(b, "revenue", 8000).body.value("id").toInteger();
    f.take();
    const Reply voided = testing::voidActivity(*f.engine, big);
    f.engine->flush();
    QCOMPARE(voided.status, 200);
    QCOMPARE(voided.body.value("voided").toBool(), true);
    const QJsonArray entries
            = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month")).body.value("entries").toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).toObject().value("person").toInteger(), a);
    QCOMPARE(entries.at(0).toObject().value("rank").toInt(), 1);
    const EventList events = f.take({"rankings:update", "leaderboard:refresh"});
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().name, QString("leaderboard:refresh"));
    QCOMPARE(testing::voidActivity(*f.engine, big).status, 409);
    QCOMPARE(testing::voidActivity(*f.engine, 424242).status, 404);
}

void TestEngine::stateSurvivesRestart()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "Storm Chasers");
    f.record(a, "revenue", 30000, "r-1");
    const qint64 seq = f.engine->lastSeq();
    f.take();
    f.reopen();
    QCOMPARE(f.engine->lastSeq(), seq);
    const QJsonArray entries
            = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month")).body.value("entries").toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).toObject().value("value").toDouble(), 30000.0);
    QCOMPARE(entries.at(0).toObject().value("teamName").toString(), QString("Storm Chasers"));
    // The idempotency key and fired milestones survive too.
    QCOMPARE(f.record(a, "revenue", 30000, "r-1").status, 200);
    f.record(a, "revenue", 100);
    QCOMPARE(f.take({"milestone:reached"}).size(), 0);
    QCOMPARE(f.take().size(), 0);
}

void TestEngine::teamLeaderboardSumsMembers()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "North");
    const qint64 b = f.addPerson("Ben", "North");
    const qint64 c = f.addPerson("Cy", "South");
    f.record(a, "revenue", 1000);
    f.record(b, "revenue", 2000);
    f.record(c, "revenue", 2500);
    const QJsonArray entries = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month&scope=teams"))
                                       .body.value("entries")
                                       .toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).toObject().value("name").toString(), QString("North"));
    QCOMPARE(entries.at(0).toObject().value("value").toDouble(), 3000.0);
    QCOMPARE(entries.at(0).toObject().value("members").toInt(), 2);
    QCOMPARE(entries.at(1).toObject().value("rank").toInt(), 2);
}

void TestEngine::deactivatedPeopleLeaveTheBoards()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    const qint64 c = f.addPerson("Cy");
    f.record(a, "revenue", 900);
    f.record(b, "revenue", 500);
    f.record(c, "revenue", 100);
    auto ranks = [&f] {
        QList<QPair<qint64, int>> out;
        for (const QJsonValue &v :
             rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month")).body.value("entries").toArray())
            out << qMakePair(v.toObject().value("person").toInteger(), v.toObject().value("rank").toInt());
        return out;
    };
    f.take();
    QCOMPARE(rest::updatePerson(*f.engine, a, {{"active", false}}).status, 200);
    f.engine->flush();
    QCOMPARE(ranks(), (QList<QPair<qint64, int>>{{b, 1}, {c, 2}}));
    QCOMPARE(f.take({"leaderboard:refresh"}).size(),
             rest::listMetrics(*f.engine).body.value("metrics").toArray().size());
    QCOMPARE(f.record(a, "revenue", 5).status, 409); // no activity while deactivated
    QCOMPARE(rest::updatePerson(*f.engine, a, {{"active", true}}).status, 200);
    f.engine->flush();
    QCOMPARE(ranks(), (QList<QPair<qint64, int>>{{a, 1}, {b, 2}, {c, 3}})); // totals kept
}

void TestEngine::eventsQueryPages()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    for (int i = 0; i < 5; ++i)
        f.record(a, "signups", 1);
    const Reply page1 = rest::events(*f.engine, 0, 3);
    const QJsonArray e1 = page1.body.value("events").toArray();
    QCOMPARE(e1.size(), 3);
    QCOMPARE(e1.at(0).toObject().value("seq").toInteger(), 1);
    const Reply page2 = rest::events(*f.engine, e1.last().toObject().value("seq").toInteger(), 3);
    QCOMPARE(page2.body.value("events").toArray().at(0).toObject().value("seq").toInteger(), 4);
    const Reply feedOnly = rest::events(*f.engine, 0, 100, {"activity:feed"});
    for (const QJsonValue &v : feedOnly.body.value("events").toArray())
        QCOMPARE(v.toObject().value("room").toString(), QString("activity:feed"));
    QCOMPARE(rest::events(*f.engine, -1, 10).status, 400);
    QCOMPARE(rest::events(*f.engine, 0, 0).status, 400);
    QCOMPARE(rest::events(*f.engine, 0, 1001).status, 400);
}

// Without `rooms`, a reader gets a full page of what it may read however
// many events in between it may not.
void TestEngine::readerSeesOnlyReadableRooms()
{
    EngineFixture f;
    for (int i = 0; i < 30; ++i) {
        // No room (refused by the room rule), then private ones.
        rest::broadcast(*f.engine, QStringLiteral("lobby"), "x", {});
        rest::broadcast(*f.engine, QStringLiteral("contest:x%1").arg(i), "x", {});
        rest::broadcast(*f.engine, QStringLiteral("user:%1").arg(i + 1), "x", {});
        rest::broadcast(*f.engine, QStringLiteral("admin"), "x", {});
    }
    rest::broadcast(*f.engine, QStringLiteral("tv-display"), "first", {});
    rest::broadcast(*f.engine, QStringLiteral("team:3"), "x", {});
    rest::broadcast(*f.engine, QStringLiteral("activity:feed"), "second", {});
    f.engine->flush();

    const rest::EventReader anonymous;
    const Reply page = rest::events(*f.engine, 0, 2, {}, anonymous);
    QCOMPARE(page.status, 200);
    const QJsonArray events = page.body.value("events").toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).toObject().value("event").toString(), QStringLiteral("first"));
    QCOMPARE(events.at(1).toObject().value("event").toString(), QStringLiteral("second"));

    rest::EventReader person;
    person.who.kind = Identity::Kind::Person;
    person.who.personId = 7;
    person.who.teamId = 3;
    QStringList rooms;
    for (const QJsonValue &v : rest::events(*f.engine, 0, 1000, {}, person).body.value("events").toArray())
        rooms << v.toObject().value("room").toString();
    QCOMPARE(rooms, (QStringList {"user:7", "tv-display", "team:3", "activity:feed"}));

    rest::EventReader admin;
    admin.who.kind = Identity::Kind::Admin;
    QCOMPARE(rest::events(*f.engine, 0, 1000, {}, admin).body.value("events").toArray().size(), 123);
    QCOMPARE(rest::events(*f.engine, 0, 10, {"admin"}, anonymous).errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(rest::events(*f.engine, 0, 10, {"admin"}, admin).body.value("events").toArray().size(), 10);
}

// Every room list, of any length, goes through the same statement; more
// rooms than one statement binds are read in slices and merged.
void TestEngine::roomListsShareOneStatement()
{
    EngineFixture f;
    QStringList rooms;
    for (int i = 1; i <= 200; ++i) {
        rooms << QStringLiteral("contest:%1").arg(i);
        rest::broadcast(*f.engine, rooms.last(), "x", {{"i", i}});
    }
    f.engine->flush();
    f.engine->eventsSince(0, 10, rooms.mid(0, 1));
    const int statements = f.engine->store().preparedStatements();
    for (int n = 1; n <= rooms.size(); ++n) {
        const EventList list = f.engine->eventsSince(0, 1000, rooms.mid(0, n));
        QCOMPARE(list.size(), n);
    }
    QCOMPARE(f.engine->store().preparedStatements(), statements);

    // 200 rooms in 7 slices: the first 50 by seq, in order, none twice.
    QStringList shuffled = rooms;
    std::reverse(shuffled.begin(), shuffled.end());
    const EventList first = f.engine->eventsSince(0, 50, shuffled);
    QCOMPARE(first.size(), 50);
    for (int i = 0; i < first.size(); ++i)
        QCOMPARE(first.at(i).room, rooms.at(i));
    QCOMPARE(f.engine->eventsSince(first.last().seq, 1000, shuffled).size(), 150);
}

void TestEngine::statementCacheIsBounded()
{
    EngineFixture f;
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(f.engine->store().scalar(QStringLiteral("SELECT %1").arg(i)).toInt(), i);
    QCOMPARE(f.engine->store().preparedStatements(), Store::kMaxPreparedStatements);
    // The engine's own statements come back as needed.
    const qint64 a = f.addPerson("Ada");
    QCOMPARE(f.record(a, "revenue", 5).status, 201);
    QCOMPARE(rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=all")).body.value("entries").toArray().size(),
             1);
}

// GET /api/leaderboards/{m}?period=day&at=DATE for many dates: the boards of
// past periods are a small cache; an evicted board is rebuilt the same.
void TestEngine::pastBoardsAreBounded()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Bo");
    const QDateTime past = f.clock.now().addDays(-3);
    for (const auto &[person, amount] : {std::pair {a, 5.0}, {b, 9.0}}) {
        const Reply r = testing::recordActivity(
                *f.engine, {{"person", person}, {"metric", "revenue"}, {"delta", amount}, {"at", isoTime(past)}});
        QCOMPARE(r.status, 201);
    }
    f.engine->flush();
    auto dayBoard = [&](const QDateTime &at) {
        QUrlQuery q;
        q.addQueryItem("period", "day");
        q.addQueryItem("at", isoTime(at));
        QList<QPair<qint64, double>> out;
        for (const QJsonValue &v : rest::leaderboard(*f.engine, "revenue", q).body.value("entries").toArray())
            out.append({v.toObject().value("person").toInteger(), v.toObject().value("value").toDouble()});
        return out;
    };
    const QList<QPair<qint64, double>> expected {{b, 9.0}, {a, 5.0}};
    QCOMPARE(dayBoard(past), expected);
    const int current = f.engine->scoring().cachedBoards();
    for (int d = 1; d <= 1000; ++d)
        QVERIFY(dayBoard(f.clock.now().addDays(-10 - d)).isEmpty());
    QVERIFY2(f.engine->scoring().cachedBoards() <= current + ScoringService::kMaxPastBoards,
             qPrintable(QString::number(f.engine->scoring().cachedBoards())));
    QCOMPARE(dayBoard(past), expected);
    // Today's boards are kept: an activity now still ranks against them.
    QCOMPARE(f.record(a, "revenue", 10).status, 201);
    QCOMPARE(dayBoard(f.clock.now()), (QList<QPair<qint64, double>> {{a, 10.0}}));
}

void TestEngine::broadcastPassesDataVerbatim()
{
    EngineFixture f;
    const QJsonObject data{{"squad", QJsonArray{1, 2, 3}}, {"nested", QJsonObject{{"wallet", 12.5}}}, {"flag", true}};
    const Reply r = rest::broadcast(*f.engine, "team:7", "squad_update", data);
    f.engine->flush();
    QCOMPARE(r.status, 202);
    const EventList events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().seq, r.body.value("seq").toInteger());
    QCOMPARE(events.first().room, QString("team:7"));
    QCOMPARE(events.first().name, QString("squad_update"));
    QCOMPARE(events.first().data(), data);
    QCOMPARE(rest::broadcast(*f.engine, "bad room!", "x", {}).status, 400);
    QCOMPARE(rest::broadcast(*f.engine, "tv-display", "", {}).status, 400);
}

void TestEngine::xpLevelsAndTiers()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.take();
    f.record(a, "xp", 5000); // level 10 (4,500) → silver tier (10+)
    const EventList events = f.take({"xp:gained", "level:up", "tier:up"});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).name, QString("xp:gained"));
    QCOMPARE(events.at(0).data().value("newTotal").toDouble(), 5000.0);
    QCOMPARE(events.at(1).name, QString("level:up"));
    QCOMPARE(events.at(1).data().value("previousLevel").toInt(), 1);
    QCOMPARE(events.at(1).data().value("newLevel").toInt(), 10);
    QCOMPARE(events.at(2).name, QString("tier:up"));
    QCOMPARE(events.at(2).data().value("newTier").toString(), QString("silver"));
    const Reply person = rest::getPerson(*f.engine, a);
    QCOMPARE(person.body.value("level").toInt(), 10);
    QCOMPARE(person.body.value("tier").toString(), QString("silver"));
}

void TestEngine::streakAcrossMidnightAndBreak()
{
    // Europe/Berlin: 23:30 UTC on the 18th is already the 19th locally.
    EngineFixture f(QDateTime(QDate(2026, 11, 18), QTime(22, 30), Qt::UTC), "Europe/Berlin");
    const qint64 a = f.addPerson("Ada");
    QList<int> streaks;
    auto streakNow = [&] {
        const EventList e = f.take({"streak:update"});
        return e.isEmpty() ? -1 : e.last().data().value("currentStreak").toInt();
    };
    f.record(a, "signups", 1); // local 23:30 on the 18th: day 1
    streaks << streakNow();
    f.clock.advanceSecs(3600); // local 00:30 on the 19th: day 2
    f.record(a, "signups", 1);
    streaks << streakNow();
    f.clock.advanceSecs(3600); // same local day: no change
    f.record(a, "signups", 1);
    streaks << streakNow();
    f.clock.advanceSecs(2 * 86400); // skipped the 20th: broken, back to 1
    f.record(a, "signups", 1);
    const EventList broken = f.take({"streak:update"});
    QCOMPARE(streaks, (QList<int>{1, 2, -1}));
    QCOMPARE(broken.size(), 1);
    QCOMPARE(broken.first().data().value("currentStreak").toInt(), 1);
    QCOMPARE(broken.first().data().value("broken").toBool(), true);
    QCOMPARE(broken.first().data().value("previousStreak").toInt(), 2);
}

void TestEngine::periodBoundaryInConfiguredZone()
{
    // 2026-11-30 23:30 in New York is 2026-12-01 04:30 UTC: November locally.
    EngineFixture f(QDateTime(QDate(2026, 12, 1), QTime(4, 30), Qt::UTC), "America/New_York");
    const qint64 a = f.addPerson("Ada");
    const Reply r = f.record(a, "revenue", 500);
    QCOMPARE(r.status, 201);
    const Reply nov = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month"));
    QCOMPARE(nov.body.value("periodKey").toString(), QString("2026-11"));
    QCOMPARE(nov.body.value("entries").toArray().size(), 1);
    f.clock.advanceSecs(3600); // 00:30 local on Dec 1st: a new, empty month
    const Reply dec = rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=month"));
    QCOMPARE(dec.body.value("periodKey").toString(), QString("2026-12"));
    QCOMPARE(dec.body.value("entries").toArray().size(), 0);
}

void TestEngine::badgeAwardedOnce()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.take();
    QCOMPARE(testing::awardBadge(*f.engine, a, "top-dog", "Manager's pick").status, 201);
    f.engine->flush();
    const EventList events = f.take({"achievement:earned", "achievement:celebration", "notification:new"});
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).room, QString("user:%1").arg(a));
    QCOMPARE(events.at(1).room, QString("tv-display"));
    QCOMPARE(events.at(1).data().value("rarity").toString(), QString("rare"));
    QCOMPARE(testing::awardBadge(*f.engine, a, "top-dog", "again").status, 409);
    QCOMPARE(testing::awardBadge(*f.engine, a, "no-such-badge", "").status, 400);
}

void TestEngine::runDeliversReplyAfterCommit()
{
    EngineFixture f;
    QSignalSpy committed(f.engine.get(), &Engine::eventsCommitted);
    Reply got;
    int eventsAtReply = -1;
    QObject context;
    f.engine->run(
            [](Engine &e) {
                return rest::createPerson(e, {{"name", "Ada"}});
            },
            &context,
            [&](const Reply &r) {
                got = r;
                eventsAtReply = committed.count();
            });
    f.engine->run([](Engine &e) { return rest::broadcast(e, "tv-display", "hello", {}); }, &context,
                  [](const Reply &) {});
    QTRY_COMPARE(got.status, 201);
    QCOMPARE(eventsAtReply, 1); // the batch (with the broadcast) had committed before the reply
}

void TestEngine::asyncDurabilityReleasesAfterSync()
{
    QTemporaryDir dir;
    Engine engine;
    engine.setAsyncDurability(true);
    QString error;
    QVERIFY2(engine.open(dir.filePath("podium.db"), &error), qPrintable(error));
    QSignalSpy committed(&engine, &Engine::eventsCommitted);
    QList<int> statuses;
    QObject context;
    for (int i = 0; i < 3; ++i) {
        engine.run(
                [i](Engine &e) {
                    return rest::createPerson(e, {{"name", QString("Rep %1").arg(i)}});
                },
                &context, [&statuses](const Reply &r) { statuses << r.status; });
    }
    engine.run([](Engine &e) { return rest::broadcast(e, "tv-display", "hello", {}); }, &context,
               [&statuses](const Reply &r) { statuses << r.status; });
    QTRY_COMPARE(statuses, (QList<int>{201, 201, 201, 202}));
    QCOMPARE(committed.count(), 1);
    QCOMPARE(engine.committedSeq(), engine.lastSeq());
    // What was acknowledged is in the log after a reopen.
    engine.close();
    Engine again;
    QVERIFY(again.open(dir.filePath("podium.db"), &error));
    QCOMPARE(rest::listPeople(again).body.value("people").toArray().size(), 3);
    QCOMPARE(again.eventsSince(0, 10).size(), 1);
}

void TestEngine::isoTimeMatchesQt_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QTest::newRow("ms") << QDateTime(QDate(2026, 11, 21), QTime(15, 4, 5, 123), Qt::UTC);
    QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("new year") << QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 1), Qt::UTC);
    QTest::newRow("2000-03-01") << QDateTime(QDate(2000, 3, 1), QTime(12, 0), Qt::UTC);
    QTest::newRow("local zone") << QDateTime(QDate(2026, 3, 29), QTime(12, 30), QTimeZone("Europe/Berlin"));
}

void TestEngine::isoTimeMatchesQt()
{
    QFETCH(QDateTime, when);
    QCOMPARE(isoTime(when), when.toUTC().toString(Qt::ISODateWithMs));
}

void TestEngine::renameOntoTakenNameConflicts()
{
    EngineFixture f;
    const qint64 red = rest::createTeam(*f.engine, {{"name", "Red"}}).body.value("id").toInteger();
    const qint64 blue = rest::createTeam(*f.engine, {{"name", "Blue"}}).body.value("id").toInteger();
    f.engine->flush();
    for (const char *taken : {"Red", "red", " RED "}) {
        const Reply r = rest::updateTeam(*f.engine, blue, {{"name", taken}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QString("conflict"));
        QVERIFY2(r.errorMessage().startsWith("field 'name'"), qPrintable(r.errorMessage()));
    }
    QCOMPARE(rest::updateTeam(*f.engine, red, {{"name", "RED"}}).status, 200); // its own name, cased anew
    QVERIFY(f.engine->flush());
    QCOMPARE(f.engine->counters().failedBatches.load(), qint64(0));
    QCOMPARE(f.engine->team(blue)->name, QString("Blue"));
    QCOMPARE(f.engine->team(red)->name, QString("RED"));
}

// A write the database refuses (here a trigger, standing in for any
// constraint the engine does not foresee) undoes that request alone: its
// batch-mates commit, its events are never published and its seqs are
// handed to the next request.
void TestEngine::failedWriteUndoesOnlyItsRequest()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "Red");
    const qint64 red = f.engine->person(a)->teamId;
    QVERIFY(f.engine->store().exec("CREATE TRIGGER refuse_name BEFORE UPDATE ON teams WHEN NEW.name = 'Refused' "
                                   "BEGIN SELECT RAISE(ABORT, 'refused'); END"));
    f.take();
    const qint64 seqBefore = f.engine->lastSeq();
    const qint64 batchesBefore = f.engine->counters().batches.load();
    QObject context;
    QList<int> unrelated;
    QList<Reply> refused;
    for (int i = 0; i < 250; ++i) {
        if (i % 5 == 2) {
            f.engine->run(
                    [a, red](Engine &e) {
                        // Events first, then the write that fails: both go.
                        testing::recordActivity(e, {{"person", a}, {"metric", "revenue"}, {"delta", 1000000}});
                        return rest::updateTeam(e, red, {{"name", "Refused"}});
                    },
                    &context, [&refused](const Reply &r) { refused << r; });
        } else {
            f.engine->run(
                    [a](Engine &e) {
                        return testing::recordActivity(e, {{"person", a}, {"metric", "revenue"}, {"delta", 1}});
                    },
                    &context, [&unrelated](const Reply &r) { unrelated << r.status; });
        }
    }
    QTRY_COMPARE(unrelated.size() + refused.size(), 250);
    QCOMPARE(f.engine->counters().batches.load(), batchesBefore + 1); // one group commit held them all
    QCOMPARE(f.engine->counters().failedBatches.load(), qint64(0));
    QCOMPARE(unrelated, QList<int>(200, 201));
    QCOMPARE(refused.size(), 50);
    for (const Reply &r : std::as_const(refused)) {
        QCOMPARE(r.status, 503);
        QCOMPARE(r.errorCode(), QString("storage_failed"));
    }
    QCOMPARE(f.engine->team(red)->name, QString("Red"));

    // Only the unrelated writes count, in memory and in the store.
    auto allTime = [](Engine &e, qint64 person) {
        const QJsonArray entries
                = rest::leaderboard(e, "revenue", QUrlQuery("period=all")).body.value("entries").toArray();
        for (const QJsonValue &entry : entries) {
            if (entry.toObject().value("person").toInteger() == person)
                return entry.toObject().value("value").toDouble();
        }
        return -1.0;
    };
    QCOMPARE(allTime(*f.engine, a), 200.0);

    // Published and stored: gap-free, nothing of the undone requests.
    const EventList published = f.take();
    QVERIFY(!published.isEmpty());
    for (int i = 0; i < published.size(); ++i) {
        QCOMPARE(published.at(i).seq, seqBefore + 1 + i);
        QVERIFY(published.at(i).data().value("delta").toDouble() != 1000000);
    }
    QCOMPARE(f.engine->lastSeq(), published.last().seq);
    const EventList stored = f.engine->eventsSince(0, 100000);
    QCOMPARE(stored.size(), int(f.engine->lastSeq()));
    for (int i = 0; i < stored.size(); ++i)
        QCOMPARE(stored.at(i).seq, qint64(i + 1));

    f.reopen();
    QCOMPARE(allTime(*f.engine, a), 200.0);
    QCOMPARE(f.record(a, "revenue", 1).body.value("seq").toInteger(), published.last().seq + 1);
}

void TestEngine::settingsOutOfRange_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    QTest::newRow("tiny level step") << QJsonObject {{"levelStep", 1e-300}} << "'levelStep'";
    QTest::newRow("level step under 1") << QJsonObject {{"levelStep", 0.5}} << "'levelStep'";
    QTest::newRow("huge level step") << QJsonObject {{"levelStep", 1e7}} << "'levelStep'";
    QTest::newRow("level step as text") << QJsonObject {{"levelStep", "50"}} << "'levelStep'";
    QTest::newRow("rank move 0") << QJsonObject {{"significantRankMove", 0}} << "'significantRankMove'";
    QTest::newRow("rank move fraction") << QJsonObject {{"significantRankMove", 2.5}} << "'significantRankMove'";
    QTest::newRow("rank move huge") << QJsonObject {{"significantRankMove", 1e12}} << "'significantRankMove'";
    QTest::newRow("xp metric as number") << QJsonObject {{"xpMetric", 5}} << "'xpMetric'";
    QTest::newRow("tiers not a list") << QJsonObject {{"tiers", "gold"}} << "'tiers'";
    QTest::newRow("tier level 0") << QJsonObject {{"tiers", QJsonArray {QJsonObject {{"key", "a"}, {"minLevel", 0}}}}}
                                  << "'tiers'";
    QTest::newRow("tier level huge") << QJsonObject {{"tiers",
                                                      QJsonArray {QJsonObject {{"key", "a"}, {"minLevel", 1e12}}}}}
                                     << "'tiers'";
    QTest::newRow("tier key too long")
            << QJsonObject {{"tiers", QJsonArray {QJsonObject {{"key", QString(41, 'k')}, {"minLevel", 1}}}}}
            << "'tiers[].key'";
    QTest::newRow("tier name too long")
            << QJsonObject {{"tiers",
                             QJsonArray {QJsonObject {{"key", "a"}, {"name", QString(41, 'n')}, {"minLevel", 1}}}}}
            << "'tiers[].name'";
    QJsonArray many;
    for (int i = 0; i < 21; ++i)
        many.append(QJsonObject {{"key", QString("t%1").arg(i)}, {"minLevel", i + 1}});
    QTest::newRow("too many tiers") << QJsonObject {{"tiers", many}} << "'tiers'";
}

void TestEngine::settingsOutOfRange()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    EngineFixture f;
    const QJsonObject before = rest::getSettings(*f.engine).body;
    const Reply r = rest::updateSettings(*f.engine, input);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QVERIFY2(r.errorMessage().startsWith("field " + field), qPrintable(r.errorMessage()));
    f.engine->flush();
    QCOMPARE(rest::getSettings(*f.engine).body, before);
    f.reopen();
    QCOMPARE(rest::getSettings(*f.engine).body, before);
}

void TestEngine::storedBadLevelStepDoesNotHang()
{
    // What an older version let through, written into the store directly.
    ManualClock clock(QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC));
    QTemporaryDir dir;
    {
        Engine seeding(&clock);
        QString error;
        QVERIFY2(seeding.open(dir.filePath("podium.db"), &error), qPrintable(error));
        QCOMPARE(rest::createPerson(seeding, {{"name", "Ada"}}).status, 201);
        seeding.flush();
        QVERIFY(seeding.store().exec(R"(UPDATE settings SET value = '{"v":1e-300}' WHERE key = 'levelStep')"));
    }
    // On its own thread, so a spinning engine fails this test instead of hanging it.
    QThread thread;
    thread.start();
    auto *engine = new Engine(&clock);
    engine->moveToThread(&thread);
    bool opened = false;
    QMetaObject::invokeMethod(
            engine, [&] { opened = engine->open(dir.filePath("podium.db"), nullptr); }, Qt::BlockingQueuedConnection);
    QVERIFY(opened);
    QObject context;
    Reply xp;
    engine->run(
            [](Engine &e) {
                return testing::recordActivity(e, {{"person", 1}, {"metric", "xp"}, {"delta", 5000}});
            },
            &context, [&xp](const Reply &r) { xp = r; });
    Reply person;
    engine->run([](Engine &e) { return rest::getPerson(e, 1); }, &context, [&person](const Reply &r) { person = r; });
    const bool done = QTest::qWaitFor([&] { return !person.body.isEmpty(); }, 10000);
    if (!done) {
        // A spinning thread cannot be stopped: end the run rather than hang it.
        qCritical("the engine thread is still busy after 10 s");
        std::abort();
    }
    QCOMPARE(xp.status, 201);
    QCOMPARE(person.body.value("level").toInt(), 10); // the default step of 50
    double levelStep = 0;
    QMetaObject::invokeMethod(
            engine,
            [&] {
                levelStep = rest::getSettings(*engine).body.value("levelStep").toDouble();
                engine->close();
                engine->moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
    delete engine;
    thread.quit();
    QVERIFY(thread.wait(5000));
    QCOMPARE(levelStep, 50.0);
}

void TestEngine::updatesKeepCreateLimits_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    const QString longName(121, QLatin1Char('n'));
    QTest::newRow("person name 121") << "person" << QJsonObject {{"name", longName}} << "'name'";
    QTest::newRow("person name million") << "person" << QJsonObject {{"name", QString(1000000, 'n')}} << "'name'";
    QTest::newRow("person name not text") << "person" << QJsonObject {{"name", 7}} << "'name'";
    QTest::newRow("person email") << "person" << QJsonObject {{"email", QString(250, 'e') + "@x.io"}} << "'email'";
    QTest::newRow("person email no @") << "person" << QJsonObject {{"email", "ada"}} << "'email'";
    QTest::newRow("person externalId") << "person" << QJsonObject {{"externalId", QString(201, 'x')}} << "'externalId'";
    QTest::newRow("team name 81") << "team" << QJsonObject {{"name", QString(81, 't')}} << "'name'";
    QTest::newRow("rule title") << "rule" << QJsonObject {{"title", QString(121, 't')}} << "'title'";
    QTest::newRow("metric label") << "metric" << QJsonObject {{"key", "revenue"}, {"label", QString(81, 'l')}}
                                  << "'label'";
    QTest::newRow("badge name") << "badge" << QJsonObject {{"key", "top-dog"}, {"name", QString(81, 'b')}} << "'name'";
    QTest::newRow("badge description") << "badge"
                                       << QJsonObject {{"key", "top-dog"},
                                                       {"name", "Top"},
                                                       {"description", QString(281, 'd')}}
                                       << "'description'";
    QTest::newRow("badge icon") << "badge"
                                << QJsonObject {{"key", "top-dog"}, {"name", "Top"}, {"icon", QString(33, 'i')}}
                                << "'icon'";
    QTest::newRow("session title") << "session" << QJsonObject {{"person", 1}, {"title", QString(121, 's')}}
                                   << "'title'";
    QTest::newRow("session kind") << "session" << QJsonObject {{"person", 1}, {"kind", QString(41, 'k')}} << "'kind'";
    QTest::newRow("contest name") << "contest"
                                  << QJsonObject {{"name", QString(121, 'c')},
                                                  {"metric", "revenue"},
                                                  {"endsAt", "2026-12-01T00:00:00Z"}}
                                  << "'name'";
    QTest::newRow("contest prize") << "contest"
                                   << QJsonObject {{"name", "Blitz"},
                                                   {"metric", "revenue"},
                                                   {"endsAt", "2026-12-01T00:00:00Z"},
                                                   {"prizes", QJsonArray {QString(121, 'p')}}}
                                   << "'prizes'";
}

void TestEngine::updatesKeepCreateLimits()
{
    QFETCH(QString, what);
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "Red");
    const qint64 red = f.engine->person(a)->teamId;
    f.take();
    const qint64 seqBefore = f.engine->lastSeq();
    Reply r;
    if (what == "person")
        r = rest::updatePerson(*f.engine, a, input);
    else if (what == "team")
        r = rest::updateTeam(*f.engine, red, input);
    else if (what == "rule")
        r = rest::updateRule(
                *f.engine,
                rest::listRules(*f.engine).body.value("rules").toArray().first().toObject().value("id").toInteger(),
                input);
    else if (what == "metric")
        r = rest::upsertMetric(*f.engine, input);
    else if (what == "badge")
        r = rest::upsertBadge(*f.engine, input);
    else if (what == "session")
        r = rest::startSession(*f.engine, input);
    else if (what == "contest")
        r = rest::createContest(*f.engine, input);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QVERIFY2(r.errorMessage().startsWith("field " + field), qPrintable(r.errorMessage()));
    f.engine->flush();
    QCOMPARE(f.engine->lastSeq(), seqBefore);
    QCOMPARE(f.engine->person(a)->name, QString("Ada"));
    QCOMPARE(f.engine->team(red)->name, QString("Red"));
    // Up to the limit is fine, and create and update agree.
    if (what == "person" && field == "'name'" && input.value("name").isString()) {
        QCOMPARE(rest::updatePerson(*f.engine, a, {{"name", QString(120, 'n')}}).status, 200);
        QCOMPARE(rest::createPerson(*f.engine, {{"name", input.value("name")}}).status, 400);
    }
}

void TestEngine::activityTimeRange_data()
{
    QTest::addColumn<QString>("at");
    QTest::addColumn<int>("status");
    QTest::newRow("1900") << "1900-01-01T00:00:00Z" << 400;
    QTest::newRow("1969") << "1969-12-31T23:59:59Z" << 400;
    QTest::newRow("a second before 2000") << "1999-12-31T23:59:59Z" << 400;
    QTest::newRow("2000") << "2000-01-01T00:00:00Z" << 201;
    QTest::newRow("last month") << "2026-10-18T15:00:00Z" << 201;
    QTest::newRow("4 minutes ahead") << "2026-11-18T15:04:00Z" << 201;
    QTest::newRow("6 minutes ahead") << "2026-11-18T15:06:00Z" << 400;
}

void TestEngine::activityTimeRange()
{
    QFETCH(QString, at);
    QFETCH(int, status);
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.take();
    const Reply r
            = testing::recordActivity(*f.engine, {{"person", a}, {"metric", "revenue"}, {"delta", 100}, {"at", at}});
    f.engine->flush();
    QCOMPARE(r.status, status);
    if (status == 400) {
        QCOMPARE(r.errorCode(), QString("invalid_request"));
        QVERIFY2(r.errorMessage().startsWith("field 'at'"), qPrintable(r.errorMessage()));
        QVERIFY(f.take().isEmpty());
    }
    // The same rule for a correction (a negative delta).
    const Reply correction
            = testing::recordActivity(*f.engine, {{"person", a}, {"metric", "revenue"}, {"delta", -100}, {"at", at}});
    f.engine->flush();
    QCOMPARE(correction.status, status);
}

void TestEngine::backDatedActivityStaysCountedAfterCorrection()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    auto allTime = [&] {
        return rest::leaderboard(*f.engine, "revenue", QUrlQuery("period=all"))
                .body.value("entries")
                .toArray()
                .at(0)
                .toObject()
                .value("value")
                .toDouble();
    };
    QCOMPARE(testing::recordActivity(
                     *f.engine, {{"person", a}, {"metric", "revenue"}, {"delta", 300}, {"at", "2000-01-01T00:00:00Z"}})
                     .status,
             201);
    const qint64 later = f.record(a, "revenue", 50).body.value("id").toInteger();
    QCOMPARE(allTime(), 350.0);
    QCOMPARE(testing::voidActivity(*f.engine, later).status, 200);
    f.engine->flush();
    QCOMPARE(allTime(), 300.0);
    f.reopen();
    QCOMPARE(allTime(), 300.0);

    // One stored by an older version, before 1970, stays counted as well.
    QVERIFY(f.engine->store().exec(
            "INSERT INTO activities (id, person_id, metric, amount, at, idem_key, voided, source, "
            "first_seq, last_seq) VALUES (900, 1, 'revenue', 7, '1900-01-01T00:00:00.000Z', NULL, "
            "0, '', 0, 0)"));
    QVERIFY(f.engine->store().exec("UPDATE totals SET value = value + 7 WHERE metric = 'revenue' AND period = 'all'"));
    f.reopen();
    QCOMPARE(allTime(), 307.0);
    const qint64 again = f.record(a, "revenue", 5).body.value("id").toInteger();
    QCOMPARE(testing::voidActivity(*f.engine, again).status, 200);
    f.engine->flush();
    QCOMPARE(allTime(), 307.0);
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
