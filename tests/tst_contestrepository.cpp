// ContestRepository on a real SQLite file: a contest comes back as saved,
// and standings sums count only live activities inside the window.

#include "event.h"
#include "repositoryfixture.h"
#include "store/contestrepository.h"

#include <QJsonObject>
#include <QTest>

using namespace podium;

class TestContestRepository : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_f = std::make_unique<podium::testing::RepositoryFixture<ContestRepository>>(); }
    void cleanup() { m_f.reset(); }
    void contestRoundTrip();
    void activityTotalsInTheWindow();

private:
    void activity(qint64 id, qint64 person, const QString &metric, double amount, const QDateTime &at,
                  bool voided = false);

    std::unique_ptr<podium::testing::RepositoryFixture<ContestRepository>> m_f;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);
};

void TestContestRepository::activity(qint64 id, qint64 person, const QString &metric, double amount,
                                     const QDateTime &at, bool voided)
{
    QVERIFY(m_f->writer->write(
            "INSERT INTO activities (id, person_id, metric, amount, at, voided) VALUES (?, ?, ?, ?, ?, ?)",
            QVariantList {id, person, metric, amount, isoTime(at), voided ? 1 : 0}));
}

void TestContestRepository::contestRoundTrip()
{
    Contest c;
    c.id = m_f->repository->nextId();
    QCOMPARE(c.id, 1);
    c.name = "Q4 Sales Challenge";
    c.metric = "revenue";
    c.startsAt = m_t0;
    c.endsAt = m_t0.addSecs(600);
    c.teams = true;
    c.prizes = QJsonArray {"$5000", "$2500"};
    m_f->repository->save(c);
    c.state = ContestState::Ended;
    c.placements = QJsonArray {QJsonObject {{"place", 1}, {"team", 3}}};
    c.payout = QJsonObject {{"payouts", QJsonArray {}}};
    m_f->repository->save(c); // the same id: an update
    Contest open = c;
    open.id = m_f->repository->nextId();
    open.state = ContestState::Live;
    open.teams = false;
    open.payout = QJsonValue();
    m_f->repository->save(open);
    m_f->reopen();

    QHash<qint64, std::shared_ptr<Contest>> contests;
    QString error;
    m_f->repository->load(&contests, &error);
    QCOMPARE(error, QString());
    QCOMPARE(contests.size(), 2);
    const Contest &ended = *contests.value(1);
    QCOMPARE(ended.name, QString("Q4 Sales Challenge"));
    QCOMPARE(ended.startsAt, m_t0);
    QCOMPARE(ended.endsAt, m_t0.addSecs(600));
    QVERIFY(ended.teams);
    QCOMPARE(ended.prizes, (QJsonArray {"$5000", "$2500"}));
    QCOMPARE(ended.state, ContestState::Ended);
    QCOMPARE(ended.placements.at(0).toObject().value("team").toInt(), 3);
    QVERIFY(ended.payout.isObject());
    const Contest &live = *contests.value(2);
    QCOMPARE(live.state, ContestState::Live);
    QVERIFY(!live.teams);
    QVERIFY(live.payout.isNull());
}

void TestContestRepository::activityTotalsInTheWindow()
{
    activity(1, 7, "revenue", 100, m_t0.addSecs(-1)); // before the window
    activity(2, 7, "revenue", 200, m_t0);
    activity(3, 7, "revenue", 300, m_t0.addSecs(30));
    activity(4, 8, "revenue", 50, m_t0.addSecs(40));
    activity(5, 8, "revenue", 999, m_t0.addSecs(50), true); // voided
    activity(6, 8, "signups", 5, m_t0.addSecs(50)); // another metric
    activity(7, 8, "revenue", 70, m_t0.addSecs(60)); // the end is outside
    using Totals = QList<QPair<qint64, double>>;
    const QDateTime end = m_t0.addSecs(60);
    QCOMPARE(m_f->repository->activityTotals("revenue", true, true, m_t0, end), (Totals {{7, 500}, {8, 50}}));
    QCOMPARE(m_f->repository->activityTotals("revenue", false, true, m_t0, end), (Totals {{7, 300}, {8, 50}}));
    QCOMPARE(m_f->repository->activityTotals("revenue", false, false, m_t0, end), (Totals {{7, 200}, {8, 50}}));
    QCOMPARE(m_f->repository->activityTotals("laps", true, true, m_t0, end), Totals {});
}

QTEST_GUILESS_MAIN(TestContestRepository)
#include "tst_contestrepository.moc"
