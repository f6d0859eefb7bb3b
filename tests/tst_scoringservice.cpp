// ScoringService through a real engine on a SQLite file: what one activity
// answers in domain values, its refusals, replays by key, the boards it
// keeps (and rebuilds from stored totals), streaks and badges as stored.

#include "enginefixture.h"
#include "scoring/scoringservice.h"

#include <QJsonArray>
#include <QTest>

using namespace podium;
using podium::testing::EngineFixture;

class TestScoringService : public QObject
{
    Q_OBJECT

private slots:
    void recordAnswersTotalsAndRanks();
    void refusalsAreDomainErrors();
    void aKeyIsCountedOnce();
    void boardsRebuildFromStoredTotals();
    void streakAndBadgesAsStored();
    void celebrateReachesWallAndPerson();

private:
    static std::optional<Standing> standing(const RecordedActivity &a, Period period)
    {
        for (const Standing &s : a.standings) {
            if (s.period == period)
                return s;
        }
        return std::nullopt;
    }
    static ActivityInput activity(qint64 person, const QString &metric, double amount, const QString &key = {})
    {
        ActivityInput in;
        in.person = person;
        in.metric = metric;
        in.amount = amount;
        in.key = key;
        return in;
    }
};

void TestScoringService::recordAnswersTotalsAndRanks()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    const qint64 bob = f.addPerson("Bob");
    ScoringService &scoring = f.engine->scoring();
    QVERIFY(scoring.record(activity(ada, "revenue", 500)).ok());
    const Outcome<RecordedActivity> second = scoring.record(activity(bob, "revenue", 900));
    QVERIFY(second.ok());
    QCOMPARE(second->person, bob);
    QCOMPARE(second->metric, QString("revenue"));
    QVERIFY(second->summed);
    QCOMPARE(second->amount, 900.0);
    QCOMPARE(second->standings.size(), 4); // day, week, month, all time
    QCOMPARE(standing(*second, Period::Month)->total, 900.0);
    QCOMPARE(standing(*second, Period::Month)->rank, 1);
    QCOMPARE(second->events.first().name, QString("activity:new"));
    QCOMPARE(second->events.first().seq, second->seq);
    QVERIFY(f.engine->flush());
    const Board &month
            = scoring.board("revenue", Period::Month, f.engine->calendar().key(Period::Month, f.clock.now()));
    QCOMPARE(month.rank(bob), 1);
    QCOMPARE(month.rank(ada), 2);
    QCOMPARE(month.value(ada), 500.0);
}

void TestScoringService::refusalsAreDomainErrors()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    const Outcome<RecordedActivity> unknownMetric = f.engine->scoring().record(activity(ada, "laps", 1));
    QVERIFY(!unknownMetric.ok());
    QCOMPARE(unknownMetric.error().kind, DomainError::Kind::NotFound);
    QCOMPARE(unknownMetric.error().code, QString("unknown_metric"));
    QCOMPARE(unknownMetric.error().message, QString("field 'metric': unknown metric 'laps'"));
    const Outcome<RecordedActivity> nobody = f.engine->scoring().record(activity(99, "revenue", 1));
    QVERIFY(!nobody.ok());
    QCOMPARE(nobody.error().code, QString("unknown_person"));
    QCOMPARE(nobody.error().message, QString("field 'person': person 99 does not exist"));
    QVERIFY(f.engine->flush());
    QCOMPARE(f.take({"activity:new"}).size(), 0);
}

void TestScoringService::aKeyIsCountedOnce()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    ScoringService &scoring = f.engine->scoring();
    const Outcome<RecordedActivity> first = scoring.record(activity(ada, "revenue", 250, "crm-1"));
    QVERIFY(first.ok());
    QVERIFY(f.engine->flush());
    const Outcome<RecordedActivity> again = scoring.record(activity(ada, "revenue", 250, "crm-1"));
    QVERIFY(again.ok());
    QVERIFY(!first->replayed);
    QCOMPARE(again->replayed, true);
    QCOMPARE(again->id, first->id);
    QCOMPARE(again->seq, first->seq);
    QCOMPARE(again->events.size(), first->events.size());
    QCOMPARE(standing(*again, Period::AllTime)->total, 250.0);
    QCOMPARE(standing(*again, Period::AllTime)->rank, 1);
    const Outcome<RecordedActivity> other = scoring.record(activity(ada, "revenue", 300, "crm-1"));
    QCOMPARE(other.error().kind, DomainError::Kind::Conflict);
    QCOMPARE(other.error().message, QString("field 'key': 'crm-1' was already used for a different activity"));
}

void TestScoringService::boardsRebuildFromStoredTotals()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    const qint64 bob = f.addPerson("Bob");
    f.record(ada, "signups", 3);
    f.record(bob, "signups", 5);
    f.record(ada, "signups", 4);
    ScoringService &scoring = f.engine->scoring();
    const QString week = f.engine->calendar().key(Period::Week, f.clock.now());
    QCOMPARE(scoring.board("signups", Period::Week, week).rank(ada), 1);
    scoring.forgetBoards("signups");
    const Board &rebuilt = scoring.board("signups", Period::Week, week);
    QCOMPARE(rebuilt.value(ada), 7.0);
    QCOMPARE(rebuilt.value(bob), 5.0);
    QCOMPARE(rebuilt.rank(bob), 2);
    f.reopen();
    QCOMPARE(f.engine->scoring().board("signups", Period::Week, week).value(ada), 7.0);
}

void TestScoringService::streakAndBadgesAsStored()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    QVERIFY(!f.engine->scoring().storedStreak(ada));
    for (int day = 0; day < 7; ++day) {
        f.record(ada, "signups", 1);
        f.clock.advanceSecs(24 * 3600);
    }
    const std::optional<Streak> streak = f.engine->scoring().storedStreak(ada);
    QVERIFY(streak);
    QCOMPARE(streak->current, 7);
    QCOMPARE(streak->best, 7);
    QCOMPARE(streak->last, QDate(2026, 11, 24));
    QCOMPARE(streak->started, QDate(2026, 11, 18));
    // The seeded streak rule awards "On Fire" at seven days.
    const QList<BadgeAward> badges = f.engine->scoring().badgeAwards(ada);
    QCOMPARE(badges.size(), 1);
    QCOMPARE(badges.first().badge, QString("week-streak"));
}

void TestScoringService::celebrateReachesWallAndPerson()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada", "Red");
    f.take();
    f.engine->scoring().celebrate(*f.engine->person(ada),
                                  {{"title", "Hat trick"}, {"rarity", "rare"}, {"achievementType", "custom"}});
    QVERIFY(f.engine->flush());
    const EventList events = f.take({"achievement:celebration"});
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().room, QString("tv-display"));
    QCOMPARE(events.first().data().value("title").toString(), QString("Hat trick"));
    QCOMPARE(events.first().data().value("userId").toInteger(), ada);
    QCOMPARE(events.first().data().value("userName").toString(), QString("Ada"));
}

QTEST_GUILESS_MAIN(TestScoringService)
#include "tst_scoringservice.moc"
