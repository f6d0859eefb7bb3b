// LiveSessionsModel: sessions appear on start, update in place on progress,
// leave on end; a remote stream is told to join each session's room.
#include "livesessionsmodel.h"
#include "scriptedstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace podium;

using Step = QPair<QString, QJsonObject>;

class TestLiveSessionsModel : public QObject
{
    Q_OBJECT

private slots:
    void sequences_data();
    void sequences();
    void progressPatchesInPlace();
};

void TestLiveSessionsModel::sequences_data()
{
    QTest::addColumn<QList<Step>>("steps");
    QTest::addColumn<QList<qint64>>("expected");
    const auto s = [](qint64 id) { return QJsonObject{{"sessionId", id}, {"userName", QStringLiteral("P%1").arg(id)}}; };

    QTest::newRow("start") << QList<Step>{{"session:started", s(1)}} << QList<qint64>{1};
    QTest::newRow("two then one ends")
        << QList<Step>{{"session:started", s(1)}, {"session:started", s(2)}, {"session:ended", s(1)}} << QList<qint64>{2};
    QTest::newRow("progress for unknown ignored") << QList<Step>{{"progress:update", s(7)}} << QList<qint64>{};
    QTest::newRow("start twice is one row")
        << QList<Step>{{"session:started", s(1)}, {"session:started", s(1)}} << QList<qint64>{1};
}

void TestLiveSessionsModel::sequences()
{
    QFETCH(QList<Step>, steps);
    QFETCH(QList<qint64>, expected);
    testing::ScriptedStream stream;
    LiveSessionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStream(&stream);
    for (const Step &st : steps)
        stream.push("tv-display", st.first, st.second);
    QList<qint64> got;
    for (int i = 0; i < model.rowCount(); ++i)
        got.append(model.sessionId(i));
    QCOMPARE(got, expected);
}

void TestLiveSessionsModel::progressPatchesInPlace()
{
    testing::ScriptedStream stream;
    LiveSessionsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStream(&stream);
    stream.push("tv-display", "session:started", {{"sessionId", 4}, {"userName", "Ann"}, {"kind", "typing"}});
    QVERIFY(stream.rooms().contains("session:4"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    stream.push("session:4", "progress:update", {{"sessionId", 4}, {"userName", "Ann"}, {"kind", "typing"}, {"wpm", 82}, {"accuracy", 97.5}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.data(model.index(0), LiveSessionsModel::WpmRole).toInt(), 82);
    QCOMPARE(model.data(model.index(0), LiveSessionsModel::AccuracyRole).toDouble(), 97.5);
    QVERIFY(!model.data(model.index(0), LiveSessionsModel::ScoreRole).isValid());
    QCOMPARE(model.data(model.index(0), LiveSessionsModel::NameRole).toString(), QStringLiteral("Ann"));
}

QTEST_MAIN(TestLiveSessionsModel)
#include "tst_livesessionsmodel.moc"
