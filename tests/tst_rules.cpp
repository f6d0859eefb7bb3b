// podium::MilestoneRule — rules are data an admin edits, so validation must
// name the offending field, and evaluation must be exact: every threshold
// crossed by one activity, in order, boundaries included, nothing on the way
// down; rank entries widest first.

#include "scoring/rules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using podium::MilestoneRule;
using podium::Period;
using Kind = podium::MilestoneRule::Kind;

namespace {

QJsonObject obj(const char *json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

MilestoneRule rule(const char *json)
{
    QString error;
    const auto r = MilestoneRule::fromJson(obj(json), &error);
    if (!r)
        qFatal("rule rejected: %s: %s", json, qPrintable(error));
    return *r;
}

const char *const kRevenue =
    R"({"metric":"revenue","kind":"threshold","values":[10000,25000,50000,100000,250000,500000,1000000]})";

} // namespace

Q_DECLARE_METATYPE(std::optional<int>)
Q_DECLARE_METATYPE(podium::Period)
Q_DECLARE_METATYPE(podium::MilestoneRule::Kind)

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void kindNames();
    void rejects_data();
    void rejects();
    void accepts_data();
    void accepts();
    void badgePerValue();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void thresholdCrossed_data();
    void thresholdCrossed();
    void everyCrossed_data();
    void everyCrossed();
    void everyCrossedIsCapped();
    void valuesAndStepMerge();
    void perfectRule();
    void ranksEntered_data();
    void ranksEntered();
};

void TestRules::kindNames()
{
    const QList<QPair<Kind, QString>> kinds{{Kind::Threshold, "threshold"}, {Kind::Every, "every"},
                                            {Kind::Rank, "rank"},           {Kind::Streak, "streak"},
                                            {Kind::Level, "level"},         {Kind::Perfect, "perfect"}};
    for (const auto &k : kinds) {
        QCOMPARE(podium::ruleKindName(k.first), k.second);
        Kind parsed = Kind::Perfect;
        QVERIFY(podium::parseRuleKind(k.second, &parsed));
        QCOMPARE(parsed, k.first);
    }
    Kind untouched = Kind::Rank;
    QVERIFY(!podium::parseRuleKind("Threshold", &untouched));
    QVERIFY(!podium::parseRuleKind("", &untouched));
    QCOMPARE(untouched, Kind::Rank);
}

void TestRules::rejects_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");

    const QString metric = "field 'metric' must be a non-empty string";
    const QString kind = "field 'kind' must be one of threshold, every, rank, streak, level, perfect";
    const QString period = "field 'period' must be one of day, week, month, all";
    const QString values = "field 'values' must be an array of numbers";
    const QString step = "field 'step' must be a positive number";

    QTest::newRow("empty object") << "{}" << metric;
    QTest::newRow("metric empty") << R"({"metric":"","kind":"threshold","values":[1]})" << metric;
    QTest::newRow("metric a number") << R"({"metric":7,"kind":"threshold","values":[1]})" << metric;
    QTest::newRow("metric null") << R"({"metric":null,"kind":"threshold","values":[1]})" << metric;
    QTest::newRow("kind missing") << R"({"metric":"revenue","values":[1]})" << kind;
    QTest::newRow("kind unknown") << R"({"metric":"revenue","kind":"sometimes","values":[1]})" << kind;
    QTest::newRow("kind wrong case") << R"({"metric":"revenue","kind":"Threshold","values":[1]})" << kind;
    QTest::newRow("kind a number") << R"({"metric":"revenue","kind":1,"values":[1]})" << kind;
    QTest::newRow("period unknown") << R"({"metric":"revenue","kind":"threshold","period":"year","values":[1]})"
                                    << period;
    QTest::newRow("period empty") << R"({"metric":"revenue","kind":"threshold","period":"","values":[1]})" << period;
    QTest::newRow("period a number") << R"({"metric":"revenue","kind":"threshold","period":5,"values":[1]})"
                                     << period;
    QTest::newRow("values a string") << R"({"metric":"revenue","kind":"threshold","values":"10000"})" << values;
    QTest::newRow("values an object") << R"({"metric":"revenue","kind":"threshold","values":{"a":1}})" << values;
    QTest::newRow("values holds a string")
        << R"({"metric":"revenue","kind":"threshold","values":[10000,"25000"]})" << values;
    QTest::newRow("values holds null") << R"({"metric":"revenue","kind":"threshold","values":[10000,null]})"
                                       << values;
    QTest::newRow("values nested") << R"({"metric":"revenue","kind":"threshold","values":[[10000]]})" << values;
    QTest::newRow("threshold without values") << R"({"metric":"revenue","kind":"threshold"})"
                                              << "field 'values' must list at least one threshold";
    QTest::newRow("threshold with empty values") << R"({"metric":"revenue","kind":"threshold","values":[]})"
                                                 << "field 'values' must list at least one threshold";
    QTest::newRow("step zero") << R"({"metric":"xp","kind":"every","step":0})" << step;
    QTest::newRow("step negative") << R"({"metric":"xp","kind":"every","step":-1000})" << step;
    QTest::newRow("step a string") << R"({"metric":"xp","kind":"every","step":"1000"})" << step;
    QTest::newRow("step null") << R"({"metric":"xp","kind":"every","step":null})" << step;
    QTest::newRow("every without step") << R"({"metric":"xp","kind":"every"})"
                                        << "field 'step' is required for an every rule";
    QTest::newRow("every with values only") << R"({"metric":"xp","kind":"every","values":[1000]})"
                                            << "field 'step' is required for an every rule";
    QTest::newRow("rank without values") << R"({"metric":"revenue","kind":"rank"})"
                                         << "field 'values' must list the ranks to celebrate, e.g. [10, 5, 1]";
    QTest::newRow("rank zero") << R"({"metric":"revenue","kind":"rank","values":[10,5,0]})"
                               << "field 'values' must hold whole ranks of 1 or more";
    QTest::newRow("rank negative") << R"({"metric":"revenue","kind":"rank","values":[-1]})"
                                   << "field 'values' must hold whole ranks of 1 or more";
    QTest::newRow("rank fractional") << R"({"metric":"revenue","kind":"rank","values":[10,2.5]})"
                                     << "field 'values' must hold whole ranks of 1 or more";
    QTest::newRow("streak without values or step") << R"({"metric":"*","kind":"streak"})"
                                                   << "a streak or level rule needs 'values' or 'step'";
    QTest::newRow("level without values or step") << R"({"metric":"*","kind":"level","values":[]})"
                                                  << "a streak or level rule needs 'values' or 'step'";
    QTest::newRow("perfect without value") << R"({"metric":"accuracy","kind":"perfect"})"
                                           << "field 'values' must hold exactly the one perfect value";
    QTest::newRow("perfect with two values") << R"({"metric":"accuracy","kind":"perfect","values":[100,99]})"
                                             << "field 'values' must hold exactly the one perfect value";
    QTest::newRow("badge a number") << R"({"metric":"revenue","kind":"threshold","values":[1],"badge":5})"
                                    << "field 'badge' must be a badge key";
    QTest::newRow("badge an object") << R"({"metric":"revenue","kind":"threshold","values":[1],"badge":{}})"
                                     << "field 'badge' must be a badge key";
    const QString badges = R"(field 'badges' must map values to badge keys, e.g. {"100000": "100k-club"})";
    QTest::newRow("badges a string") << R"({"metric":"revenue","kind":"threshold","values":[1],"badges":"first-10k"})"
                                     << badges;
    QTest::newRow("badges an array") << R"({"metric":"revenue","kind":"threshold","values":[1],"badges":["a"]})"
                                     << badges;
    QTest::newRow("badges key not a number")
        << R"({"metric":"revenue","kind":"threshold","values":[1],"badges":{"ten":"first-10k"}})" << badges;
    QTest::newRow("badges value not a key")
        << R"({"metric":"revenue","kind":"threshold","values":[1],"badges":{"10000":5}})" << badges;
    QTest::newRow("title a number") << R"({"metric":"revenue","kind":"threshold","values":[1],"title":7})"
                                    << "field 'title' must be a string";
    QTest::newRow("enabled a string") << R"({"metric":"revenue","kind":"threshold","values":[1],"enabled":"yes"})"
                                      << "field 'enabled' must be true or false";
    QTest::newRow("enabled a number") << R"({"metric":"revenue","kind":"threshold","values":[1],"enabled":1})"
                                      << "field 'enabled' must be true or false";
}

void TestRules::rejects()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    QString error;
    const auto r = MilestoneRule::fromJson(obj(json.toUtf8().constData()), &error);
    QVERIFY2(!r.has_value(), qPrintable("accepted: " + json));
    QCOMPARE(error, message);
}

void TestRules::accepts_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Period>("period");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("step");
    QTest::addColumn<QString>("badge");
    QTest::addColumn<bool>("enabled");

    QTest::newRow("threshold defaults to month") << QString(kRevenue) << Kind::Threshold << Period::Month
                                                 << QList<double>{10000, 25000, 50000, 100000, 250000, 500000, 1000000}
                                                 << 0.0 << "" << true;
    QTest::newRow("values sorted and de-duplicated")
        << R"({"metric":"signups","kind":"threshold","values":[50,10,25,10,50]})" << Kind::Threshold << Period::Month
        << QList<double>{10, 25, 50} << 0.0 << "" << true;
    QTest::newRow("every defaults to all-time") << R"({"metric":"xp","kind":"every","step":1000})" << Kind::Every
                                                << Period::AllTime << QList<double>{} << 1000.0 << "" << true;
    QTest::newRow("rank defaults to month") << R"({"metric":"revenue","kind":"rank","values":[1,10,5]})"
                                            << Kind::Rank << Period::Month << QList<double>{1, 5, 10} << 0.0 << ""
                                            << true;
    QTest::newRow("streak defaults to all-time")
        << R"({"metric":"*","kind":"streak","values":[100,7,30],"badge":"on-fire"})" << Kind::Streak
        << Period::AllTime << QList<double>{7, 30, 100} << 0.0 << "on-fire" << true;
    QTest::newRow("level by step") << R"({"metric":"*","kind":"level","step":5})" << Kind::Level << Period::AllTime
                                   << QList<double>{} << 5.0 << "" << true;
    QTest::newRow("perfect defaults to day") << R"({"metric":"accuracy","kind":"perfect","values":[100]})"
                                             << Kind::Perfect << Period::Day << QList<double>{100} << 0.0 << ""
                                             << true;
    QTest::newRow("perfect value given twice is one value")
        << R"({"metric":"accuracy","kind":"perfect","values":[100,100]})" << Kind::Perfect << Period::Day
        << QList<double>{100} << 0.0 << "" << true;
    QTest::newRow("explicit period, badge null, disabled")
        << R"({"metric":"revenue","kind":"threshold","period":"week","values":[5000],"badge":null,"enabled":false})"
        << Kind::Threshold << Period::Week << QList<double>{5000} << 0.0 << "" << false;
    QTest::newRow("all-time alias") << R"({"metric":"revenue","kind":"threshold","period":"all-time","values":[1]})"
                                    << Kind::Threshold << Period::AllTime << QList<double>{1} << 0.0 << "" << true;
}

void TestRules::accepts()
{
    QFETCH(QString, json);
    QFETCH(Kind, kind);
    QFETCH(Period, period);
    QFETCH(QList<double>, values);
    QFETCH(double, step);
    QFETCH(QString, badge);
    QFETCH(bool, enabled);

    QString error = "untouched";
    const auto r = MilestoneRule::fromJson(obj(json.toUtf8().constData()), &error);
    QVERIFY2(r.has_value(), qPrintable(error));
    QCOMPARE(r->kind, kind);
    QCOMPARE(r->period, period);
    QCOMPARE(r->values, values);
    QCOMPARE(r->step, step);
    QCOMPARE(r->badge, badge);
    QCOMPARE(r->enabled, enabled);
}

void TestRules::badgePerValue()
{
    // One rule, different badges per threshold; `badge` covers the rest.
    const MilestoneRule r = rule(R"({"metric":"revenue","kind":"threshold","values":[10000,100000,1000000],)"
                                 R"("badge":"sales-star","badges":{"100000":"100k-club","1e6":"millionaire"}})");
    QCOMPARE(r.badgeFor(100000), QStringLiteral("100k-club"));
    QCOMPARE(r.badgeFor(1000000), QStringLiteral("millionaire"));
    QCOMPARE(r.badgeFor(10000), QStringLiteral("sales-star"));
    const MilestoneRule plain = rule(R"({"metric":"xp","kind":"every","step":1000})");
    QVERIFY(plain.badgeFor(1000).isEmpty());
    // The map survives a round trip through toJson().
    QString error;
    const auto back = MilestoneRule::fromJson(r.toJson(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->badgeFor(1000000), QStringLiteral("millionaire"));
    QCOMPARE(back->badgeFor(100000), QStringLiteral("100k-club"));
    QCOMPARE(back->badgeFor(10000), QStringLiteral("sales-star"));
}

void TestRules::jsonRoundTrip_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("threshold") << QString(kRevenue);
    QTest::newRow("every") << R"({"id":4,"metric":"xp","kind":"every","step":1000,"title":"XP milestone"})";
    QTest::newRow("rank") << R"({"id":9,"metric":"revenue","kind":"rank","period":"week","values":[10,5,1]})";
    QTest::newRow("streak with badge")
        << R"({"metric":"*","kind":"streak","values":[7,30,100],"badge":"week-warrior","enabled":false})";
    QTest::newRow("level with both") << R"({"metric":"*","kind":"level","values":[2,3],"step":5})";
    QTest::newRow("badges per value")
        << R"({"metric":"revenue","kind":"threshold","values":[10000,100000],"badges":{"100000":"100k-club"}})";
    QTest::newRow("perfect") << R"({"metric":"accuracy","kind":"perfect","values":[100]})";
}

void TestRules::jsonRoundTrip()
{
    QFETCH(QString, json);
    const MilestoneRule a = rule(json.toUtf8().constData());
    const QJsonObject out = a.toJson();
    QCOMPARE(out.value("kind").toString(), podium::ruleKindName(a.kind));
    QCOMPARE(out.value("period").toString(), podium::periodName(a.period));
    if (a.badge.isEmpty())
        QVERIFY(out.value("badge").isNull());
    QString error;
    const auto b = MilestoneRule::fromJson(out, &error);
    QVERIFY2(b.has_value(), qPrintable(error));
    QCOMPARE(b->id, a.id);
    QCOMPARE(b->metric, a.metric);
    QCOMPARE(b->kind, a.kind);
    QCOMPARE(b->period, a.period);
    QCOMPARE(b->values, a.values);
    QCOMPARE(b->step, a.step);
    QCOMPARE(b->badge, a.badge);
    QCOMPARE(b->badges, a.badges);
    QCOMPARE(b->title, a.title);
    QCOMPARE(b->enabled, a.enabled);
    QCOMPARE(b->toJson(), out);
}

void TestRules::thresholdCrossed_data()
{
    QTest::addColumn<double>("before");
    QTest::addColumn<double>("after");
    QTest::addColumn<QList<double>>("expected");

    using L = QList<double>;
    QTest::newRow("nothing yet") << 0.0 << 9999.99 << L{};
    QTest::newRow("exactly on the first threshold") << 0.0 << 10000.0 << L{10000};
    QTest::newRow("from just below to exactly on") << 9999.0 << 10000.0 << L{10000};
    QTest::newRow("standing on a threshold does not re-fire it") << 10000.0 << 10001.0 << L{};
    QTest::newRow("one sale crosses three, ascending") << 9000.0 << 60000.0 << L{10000, 25000, 50000};
    QTest::newRow("one sale crosses everything") << 0.0 << 2000000.0
                                                 << L{10000, 25000, 50000, 100000, 250000, 500000, 1000000};
    QTest::newRow("lands exactly on the last of several") << 24000.0 << 100000.0 << L{25000, 50000, 100000};
    QTest::newRow("beyond the top threshold") << 1000000.0 << 5000000.0 << L{};
    QTest::newRow("no change") << 30000.0 << 30000.0 << L{};
    QTest::newRow("correction down passes thresholds: nothing") << 60000.0 << 9000.0 << L{};
    QTest::newRow("correction down to exactly a threshold: nothing") << 30000.0 << 25000.0 << L{};
    QTest::newRow("from a negative total") << -500.0 << 10000.0 << L{10000};
    QTest::newRow("fractional cents short") << 24999.5 << 24999.99 << L{};
}

void TestRules::thresholdCrossed()
{
    QFETCH(double, before);
    QFETCH(double, after);
    QFETCH(QList<double>, expected);
    QCOMPARE(rule(kRevenue).crossed(before, after), expected);
}

void TestRules::everyCrossed_data()
{
    QTest::addColumn<double>("before");
    QTest::addColumn<double>("after");
    QTest::addColumn<QList<double>>("expected");

    using L = QList<double>;
    QTest::newRow("below the first step") << 0.0 << 999.0 << L{};
    QTest::newRow("exactly the first step") << 0.0 << 1000.0 << L{1000};
    QTest::newRow("one short, then exactly") << 999.0 << 1000.0 << L{1000};
    QTest::newRow("on a step, up within it") << 1000.0 << 1999.0 << L{};
    QTest::newRow("three steps at once") << 1500.0 << 4200.0 << L{2000, 3000, 4000};
    QTest::newRow("two steps landing on the second") << 2999.0 << 5000.0 << L{3000, 4000, 5000};
    QTest::newRow("going down") << 4200.0 << 1500.0 << L{};
    QTest::newRow("equal") << 3000.0 << 3000.0 << L{};
    QTest::newRow("zero is not a milestone") << -2500.0 << 500.0 << L{};
    QTest::newRow("from negative past the first step") << -2500.0 << 1000.0 << L{1000};
}

void TestRules::everyCrossed()
{
    QFETCH(double, before);
    QFETCH(double, after);
    QFETCH(QList<double>, expected);
    QCOMPARE(rule(R"({"metric":"xp","kind":"every","step":1000})").crossed(before, after), expected);
}

void TestRules::everyCrossedIsCapped()
{
    // A huge correction must not flood the wall: at most 100 steps per call,
    // the lowest ones, in order.
    const QList<double> out = rule(R"({"metric":"xp","kind":"every","step":1000})").crossed(0, 250000);
    QCOMPARE(out.size(), 100);
    QCOMPARE(out.first(), 1000.0);
    QCOMPARE(out.last(), 100000.0);
    for (int i = 1; i < out.size(); ++i)
        QCOMPARE(out.at(i) - out.at(i - 1), 1000.0);
}

void TestRules::valuesAndStepMerge()
{
    // A level rule may list early levels and then repeat: both kinds merge
    // ascending, and a value that is also a multiple fires once.
    const MilestoneRule r = rule(R"({"metric":"*","kind":"level","values":[12,5,10],"step":10})");
    QCOMPARE(r.crossed(0, 25), (QList<double>{5, 10, 12, 20}));
    QCOMPARE(r.crossed(10, 12), (QList<double>{12}));
    QCOMPARE(r.crossed(12, 19), (QList<double>{}));
    QCOMPARE(r.crossed(4, 5), (QList<double>{5}));

    const MilestoneRule streak = rule(R"({"metric":"*","kind":"streak","values":[7,30,100]})");
    QCOMPARE(streak.crossed(6, 7), (QList<double>{7}));
    QCOMPARE(streak.crossed(7, 8), (QList<double>{}));
    QCOMPARE(streak.crossed(29, 30), (QList<double>{30}));
    QCOMPARE(streak.crossed(30, 1), (QList<double>{}));
}

void TestRules::perfectRule()
{
    // A perfect rule is about one activity's value, not a total passing a
    // line: crossed() never reports it.
    const MilestoneRule r = rule(R"({"metric":"accuracy","kind":"perfect","values":[100]})");
    QCOMPARE(r.kind, Kind::Perfect);
    QCOMPARE(r.period, Period::Day);
    QCOMPARE(r.values, (QList<double>{100}));
    QCOMPARE(r.crossed(0, 100), (QList<double>{}));
    QCOMPARE(r.crossed(99.5, 100), (QList<double>{}));
}

void TestRules::ranksEntered_data()
{
    QTest::addColumn<std::optional<int>>("previous");
    QTest::addColumn<int>("now");
    QTest::addColumn<QList<double>>("expected");

    using L = QList<double>;
    const std::optional<int> off = std::nullopt;
    QTest::newRow("new on the board, outside the top 10") << off << 12 << L{};
    QTest::newRow("new on the board at 10") << off << 10 << L{10};
    QTest::newRow("new on the board straight to #1") << off << 1 << L{10, 5, 1};
    QTest::newRow("15 to 1: top 10, top 5 and #1 at once") << std::optional<int>(15) << 1 << L{10, 5, 1};
    QTest::newRow("11 to 10") << std::optional<int>(11) << 10 << L{10};
    QTest::newRow("11 to 5") << std::optional<int>(11) << 5 << L{10, 5};
    QTest::newRow("12 to 6: top 10 only") << std::optional<int>(12) << 6 << L{10};
    QTest::newRow("6 to 5") << std::optional<int>(6) << 5 << L{5};
    QTest::newRow("7 to 2") << std::optional<int>(7) << 2 << L{5};
    QTest::newRow("within the top 5: 5 to 3") << std::optional<int>(5) << 3 << L{};
    QTest::newRow("within the top 5: 4 to 2") << std::optional<int>(4) << 2 << L{};
    QTest::newRow("within the top 10: 9 to 6") << std::optional<int>(9) << 6 << L{};
    QTest::newRow("2 to 1") << std::optional<int>(2) << 1 << L{1};
    QTest::newRow("staying #1") << std::optional<int>(1) << 1 << L{};
    QTest::newRow("staying 10th") << std::optional<int>(10) << 10 << L{};
    QTest::newRow("falling 1 to 3") << std::optional<int>(1) << 3 << L{};
    QTest::newRow("falling out of the top 10") << std::optional<int>(3) << 12 << L{};
    QTest::newRow("far below, moving up but still out") << std::optional<int>(40) << 11 << L{};
}

void TestRules::ranksEntered()
{
    QFETCH(std::optional<int>, previous);
    QFETCH(int, now);
    QFETCH(QList<double>, expected);
    const MilestoneRule r = rule(R"({"metric":"revenue","kind":"rank","values":[10,5,1]})");
    QCOMPARE(r.ranksEntered(previous, now), expected);
}

QTEST_MAIN(TestRules)
#include "tst_rules.moc"
