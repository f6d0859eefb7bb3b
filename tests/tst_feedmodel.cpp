// FeedModel: newest first, one row per thing that happened (a milestone and
// its celebration are one row), capped so memory stays flat.
#include "feedmodel.h"
#include "scriptedstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace podium;

using Step = QPair<QString, QJsonObject>; // event name, data

class TestFeedModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFromEvents_data();
    void rowsFromEvents();
    void capacityKeepsMemoryFlat();
    void historyThenLive();
};

void TestFeedModel::rowsFromEvents_data()
{
    QTest::addColumn<QList<Step>>("steps");
    QTest::addColumn<QStringList>("titles");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<QStringList>("details");

    const QJsonObject sale{{"userName", "Ann Lee"}, {"metric", "revenue"}, {"label", "Revenue"}, {"formatted", "$12K"}};
    const QJsonObject mile{{"userName", "Ann Lee"}, {"title", "$10K Club"}, {"description", "Ann passed $10K"}};
    QJsonObject celebrated = mile;
    celebrated.insert("rarity", "rare");
    const QJsonObject badge{{"userName", "Bob"}, {"title", "Closer Badge Earned!"}, {"description", "Big deal"}, {"rarity", "epic"}};

    QTest::newRow("one sale") << QList<Step>{{"activity:new", sale}} << QStringList{"Ann Lee"} << QStringList{"activity"}
                              << QStringList{"+$12K revenue"};
    // "+" only for what was added, as the web wall: not for a negative
    // delta, nor for a best/latest metric's value.
    const QJsonObject refund{{"userName", "Ann Lee"}, {"label", "Revenue"}, {"delta", -500}, {"formatted", "-$500"}};
    const QJsonObject best{{"userName", "Bo"}, {"label", "WPM"}, {"value", 88}, {"formatted", "88"}};
    QTest::newRow("negative delta, best value")
        << QList<Step>{{"activity:new", refund}, {"activity:new", best}} << QStringList{"Bo", "Ann Lee"}
        << QStringList{"activity", "activity"} << QStringList{"88 wpm", "-$500 revenue"};
    QTest::newRow("milestone then its celebration: one row")
        << QList<Step>{{"activity:new", sale}, {"milestone:reached", mile}, {"achievement:celebration", celebrated}}
        << QStringList{"$10K Club", "Ann Lee"} << QStringList{"achievement", "activity"}
        << QStringList{"Ann passed $10K", "+$12K revenue"};
    QTest::newRow("badge alone") << QList<Step>{{"achievement:celebration", badge}}
                                 << QStringList{"Closer Badge Earned!"} << QStringList{"achievement"} << QStringList{"Big deal"};
    QTest::newRow("other events ignored")
        << QList<Step>{{"xp:gained", sale}, {"rankings:update", sale}, {"announcement", sale}} << QStringList{}
        << QStringList{} << QStringList{};
}

void TestFeedModel::rowsFromEvents()
{
    QFETCH(QList<Step>, steps);
    QFETCH(QStringList, titles);
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, details);

    testing::ScriptedStream stream;
    FeedModel feed;
    QAbstractItemModelTester tester(&feed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feed.setStream(&stream);
    for (const Step &s : steps)
        stream.push("activity:feed", s.first, s.second);

    QStringList gotTitles, gotKinds, gotDetails;
    for (int i = 0; i < feed.rowCount(); ++i) {
        gotTitles.append(feed.row(i).title);
        gotKinds.append(feed.row(i).kind);
        gotDetails.append(feed.row(i).detail);
    }
    QCOMPARE(gotTitles, titles);
    QCOMPARE(gotKinds, kinds);
    QCOMPARE(gotDetails, details);
}

void TestFeedModel::capacityKeepsMemoryFlat()
{
    testing::ScriptedStream stream;
    FeedModel feed;
    feed.setCapacity(10);
    QAbstractItemModelTester tester(&feed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feed.setStream(&stream);
    QSignalSpy removed(&feed, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 1000; ++i)
        stream.push("activity:feed", "activity:new",
                    {{"userName", QStringLiteral("P%1").arg(i)}, {"label", "Revenue"}, {"formatted", "$1"}});
    QCOMPARE(feed.rowCount(), 10);
    QCOMPARE(feed.row(0).title, QStringLiteral("P999"));
    QCOMPARE(feed.row(9).title, QStringLiteral("P990"));
    QCOMPARE(removed.size(), 990);
    feed.setCapacity(3);
    QCOMPARE(feed.rowCount(), 3);
}

void TestFeedModel::historyThenLive()
{
    testing::ScriptedStream stream;
    FeedModel feed;
    QAbstractItemModelTester tester(&feed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feed.setStream(&stream);
    // Three live events (seq 1..3) arrive before the history answer, which
    // covers up to seq 2: the rows are the history plus live seq 3 on top.
    for (int i = 1; i <= 3; ++i)
        stream.push("activity:feed", "activity:new", {{"userName", QStringLiteral("Live%1").arg(i)}, {"formatted", "$1"}});
    QJsonArray events;
    const QStringList names{"Old1", "Old2"};
    for (int i = 0; i < names.size(); ++i)
        events.append(QJsonObject{{"seq", i + 1}, {"event", "activity:new"}, {"room", "activity:feed"},
                                  {"data", QJsonObject{{"userName", names.at(i)}, {"formatted", "$2"}}}});
    QSignalSpy reset(&feed, &QAbstractItemModel::modelReset);
    feed.applyHistory({{"events", events}, {"lastSeq", 2}});
    QCOMPARE(reset.size(), 1);
    QStringList titles;
    for (int i = 0; i < feed.rowCount(); ++i)
        titles.append(feed.row(i).title);
    QCOMPARE(titles, (QStringList{"Live3", "Old2", "Old1"}));
}

QTEST_MAIN(TestFeedModel)
#include "tst_feedmodel.moc"
