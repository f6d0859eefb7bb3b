// Milestone rules as data: every kind fires once, in order, with its badge.
#include "enginefixture.h"
#include "http/configurationjson.h"
#include "http/directoryjson.h"

#include <QJsonArray>

using namespace podium;
using podium::testing::EngineFixture;

class TestMilestones : public QObject
{
    Q_OBJECT

private slots:
    void rankEntryFiresWidestFirst();
    void rankEntryNeedsSomeoneToPass();
    void xpEveryThousand();
    void streakOfSevenAwardsBadge();
    void perfectValueOncePerDay();
    void thresholdBadgeAndCelebrationOrder();
    void editedRuleTakesEffect();
    void invalidRules_data();
    void invalidRules();
    void disabledRuleIsSilent();

private:
    static QList<double> fired(EngineFixture &f, const QString &kind)
    {
        QList<double> out;
        for (const Event &e : f.take({"milestone:reached"})) {
            if (e.data().value("ruleKind").toString() == kind)
                out << e.data().value("value").toDouble();
        }
        return out;
    }
};

void TestMilestones::rankEntryFiresWidestFirst()
{
    EngineFixture f;
    QList<qint64> people;
    for (int i = 0; i < 12; ++i) {
        people << f.addPerson(QString("Rep %1").arg(i));
        // Each newcomer enters at the bottom: Rep 10 is 11th, Rep 11 is 12th.
        f.record(people.last(), "revenue", 12000 - 1000 * i);
    }
    f.take();
    // Rep 11 (12th) jumps straight to #1: enters top 10, top 5 and #1 at once.
    f.record(people[11], "revenue", 20000);
    QCOMPARE(fired(f, "rank"), (QList<double>{10, 5, 1}));
    f.record(people[10], "revenue", 30000); // Rep 10 to #1, Rep 11 to #2
    QCOMPARE(fired(f, "rank"), (QList<double>{10, 5, 1}));
    f.record(people[11], "revenue", 20000); // Rep 11 back to #1: already had it this month
    QCOMPARE(fired(f, "rank"), QList<double>{});
}

void TestMilestones::rankEntryNeedsSomeoneToPass()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    f.record(a, "revenue", 100); // alone on the board
    QCOMPARE(fired(f, "rank"), QList<double>{});
    f.record(b, "revenue", 50); // second of two
    QCOMPARE(fired(f, "rank"), QList<double>{});
    f.record(b, "revenue", 100); // passes Ada: #1 of two
    QCOMPARE(fired(f, "rank"), QList<double>{1});
}

void TestMilestones::xpEveryThousand()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.record(a, "xp", 900);
    QCOMPARE(fired(f, "every"), QList<double>{});
    f.record(a, "xp", 2200); // 900 → 3,100 passes 1,000, 2,000 and 3,000
    QCOMPARE(fired(f, "every"), (QList<double>{1000, 2000, 3000}));
}

void TestMilestones::streakOfSevenAwardsBadge()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    for (int day = 0; day < 7; ++day) {
        f.record(a, "signups", 1);
        if (day < 6) {
            QCOMPARE(fired(f, "streak"), QList<double>{});
            f.clock.advanceSecs(86400);
        }
    }
    const EventList all = f.events;
    QCOMPARE(fired(f, "streak"), QList<double>{7});
    bool badge = false;
    for (const Event &e : all) {
        if (e.name == "achievement:celebration" && e.data().value("badge").toString() == "week-streak") {
            badge = true;
            QCOMPARE(e.data().value("title").toString(), QString("7-Day Streak!"));
        }
    }
    QVERIFY(badge);
}

void TestMilestones::perfectValueOncePerDay()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    f.record(a, "accuracy", 98.5);
    QCOMPARE(fired(f, "perfect"), QList<double>{});
    f.record(a, "accuracy", 100);
    QCOMPARE(fired(f, "perfect"), QList<double>{100});
    f.record(a, "accuracy", 100);
    QCOMPARE(fired(f, "perfect"), QList<double>{});
    f.clock.advanceSecs(86400);
    f.record(a, "accuracy", 100);
    QCOMPARE(fired(f, "perfect"), QList<double>{100});
}

void TestMilestones::thresholdBadgeAndCelebrationOrder()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 b = f.addPerson("Ben");
    f.record(b, "revenue", 5000); // Ben opens the month (alone: no rank news)
    f.take();
    f.record(a, "revenue", 10000);
    // Exactly this sequence, to exactly these rooms.
    QStringList seen;
    for (const Event &e : f.take()) {
        if (e.name == "rankings:update" || e.name == "streak:update")
            continue;
        seen << e.name + "@" + e.room + (e.data().contains("ruleKind") ? "/" + e.data().value("ruleKind").toString() : QString());
    }
    const QString user = QString("user:%1").arg(a);
    const QStringList expected{
        "activity:new@activity:feed",
        // 10K threshold, with the "Five Figures" badge
        "milestone:reached@activity:feed/threshold", "achievement:earned@" + user + "/threshold",
        "achievement:celebration@tv-display/threshold", "notification:new@" + user,
        // passes Ben on a board of two: #1 (with "Top Dog"); top 5 and
        // top 10 mean nothing on a board that small
        "milestone:reached@activity:feed/rank", "achievement:earned@" + user + "/rank",
        "achievement:celebration@tv-display/rank", "notification:new@" + user,
    };
    QCOMPARE(seen, expected);
    const Reply person = rest::getPerson(*f.engine, a);
    QStringList badges;
    for (const QJsonValue &b : person.body.value("badges").toArray())
        badges << b.toObject().value("key").toString();
    badges.sort();
    QCOMPARE(badges, (QStringList{"first-10k", "top-dog"}));
}

void TestMilestones::editedRuleTakesEffect()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const Reply created = rest::createRule(*f.engine,
                                           {{"metric", "signups"},
                                            {"kind", "threshold"},
                                            {"period", "day"},
                                            {"values", QJsonArray {3}},
                                            {"title", "{name} hit {value}!"}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.body.value("id").toInteger();
    QCOMPARE(rest::updateRule(*f.engine, id, {{"values", QJsonArray {2, 4}}}).status, 200);
    f.engine->flush();
    f.take();
    f.record(a, "signups", 4);
    QList<double> values;
    for (const Event &e : f.take({"milestone:reached"})) {
        if (e.data().value("ruleId").toInteger() == id) {
            values << e.data().value("value").toDouble();
            QVERIFY(e.data().value("title").toString().startsWith("Ada hit "));
        }
    }
    QCOMPARE(values, (QList<double>{2, 4}));
    QCOMPARE(rest::deleteRule(*f.engine, id).status, 200);
    QCOMPARE(rest::deleteRule(*f.engine, id).status, 404);
}

void TestMilestones::invalidRules_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown metric") << QJsonObject{{"metric", "karma"}, {"kind", "threshold"}, {"values", QJsonArray{1}}} << "'metric'";
    QTest::newRow("unknown kind") << QJsonObject{{"metric", "revenue"}, {"kind", "sometimes"}} << "'kind'";
    QTest::newRow("threshold without values") << QJsonObject{{"metric", "revenue"}, {"kind", "threshold"}} << "'values'";
    QTest::newRow("values not numbers") << QJsonObject{{"metric", "revenue"}, {"kind", "threshold"}, {"values", QJsonArray{"10K"}}} << "'values'";
    QTest::newRow("every without step") << QJsonObject{{"metric", "xp"}, {"kind", "every"}} << "'step'";
    QTest::newRow("negative step") << QJsonObject{{"metric", "xp"}, {"kind", "every"}, {"step", -5}} << "'step'";
    QTest::newRow("fractional rank") << QJsonObject{{"metric", "revenue"}, {"kind", "rank"}, {"values", QJsonArray{2.5}}} << "'values'";
    QTest::newRow("bad period") << QJsonObject{{"metric", "revenue"}, {"kind", "threshold"}, {"period", "year"}, {"values", QJsonArray{1}}} << "'period'";
    QTest::newRow("unknown badge") << QJsonObject{{"metric", "revenue"}, {"kind", "threshold"}, {"values", QJsonArray{1}}, {"badge", "nope"}} << "'badge'";
}

void TestMilestones::invalidRules()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);
    EngineFixture f;
    const Reply r = rest::createRule(*f.engine, input);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_request"));
    QVERIFY2(r.errorMessage().contains(field), qPrintable(r.errorMessage()));
}

void TestMilestones::disabledRuleIsSilent()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada");
    const qint64 ruleId
            = rest::listRules(*f.engine).body.value("rules").toArray().at(0).toObject().value("id").toInteger();
    QCOMPARE(rest::updateRule(*f.engine, ruleId, {{"enabled", false}}).status, 200);
    f.engine->flush();
    f.record(a, "revenue", 30000);
    QCOMPARE(fired(f, "threshold"), QList<double>{});
}

QTEST_GUILESS_MAIN(TestMilestones)
#include "tst_milestones.moc"
