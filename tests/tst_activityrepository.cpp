// ActivityRepository and ScoringRepository on a real SQLite file: activities
// by key and id, board totals, totals recomputed from what still counts,
// milestones fired once, streaks and badges awarded once.

#include "event.h"
#include "repositoryfixture.h"
#include "store/activityrepository.h"
#include "store/scoringrepository.h"

#include <QTest>

using namespace podium;

class TestActivityRepository : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_f = std::make_unique<podium::testing::RepositoryFixture<ActivityRepository>>(); }
    void cleanup() { m_f.reset(); }
    void activitiesByKeyAndId();
    void boardTotals();
    void countedTotalFolds();
    void milestoneFiresOnce();
    void streaksAndBadges();

private:
    StoredActivity stored(qint64 id, qint64 person, double amount, const QDateTime &at, const QString &key = {});

    std::unique_ptr<podium::testing::RepositoryFixture<ActivityRepository>> m_f;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);
};

StoredActivity TestActivityRepository::stored(qint64 id, qint64 person, double amount, const QDateTime &at,
                                              const QString &key)
{
    StoredActivity a;
    a.id = id;
    a.person = person;
    a.metric = "revenue";
    a.amount = amount;
    a.at = isoTime(at);
    if (!key.isEmpty())
        a.key = key;
    a.source = "crm";
    a.firstSeq = id * 10;
    a.lastSeq = id * 10 + 2;
    return a;
}

void TestActivityRepository::activitiesByKeyAndId()
{
    m_f->repository->insert(stored(1, 7, 250, m_t0, "crm-1"));
    m_f->repository->insert(stored(2, 8, 100, m_t0));
    const std::optional<StoredActivity> byKey = m_f->repository->byKey("crm-1");
    QVERIFY(byKey);
    QCOMPARE(byKey->id, 1);
    QCOMPARE(byKey->person, 7);
    QCOMPARE(byKey->amount, 250.0);
    QCOMPARE(byKey->at, isoTime(m_t0));
    QCOMPARE(byKey->firstSeq, 10);
    QCOMPARE(byKey->lastSeq, 12);
    QVERIFY(!byKey->voided);
    QVERIFY(!m_f->repository->byKey("crm-2"));
    const std::optional<StoredActivity> second = m_f->repository->byId(2);
    QVERIFY(second);
    QVERIFY(!second->key);
    QCOMPARE(second->source, QString("crm"));
    m_f->repository->markVoided(2);
    QVERIFY(m_f->repository->byId(2)->voided);
    QVERIFY(!m_f->repository->byId(3));
}

void TestActivityRepository::boardTotals()
{
    m_f->repository->saveTotal("revenue", Period::Month, "2026-11", 7, 100);
    m_f->repository->saveTotal("revenue", Period::Month, "2026-11", 8, 50);
    m_f->repository->saveTotal("revenue", Period::Month, "2026-11", 7, 300); // replaces
    m_f->repository->saveTotal("revenue", Period::Month, "2026-10", 9, 1);
    m_f->repository->saveTotal("signups", Period::Month, "2026-11", 9, 1);
    m_f->repository->deleteTotal("revenue", Period::Month, "2026-11", 8);
    using Totals = QList<QPair<qint64, double>>;
    QCOMPARE(m_f->repository->boardTotals("revenue", Period::Month, "2026-11"), (Totals {{7, 300}}));
    QCOMPARE(m_f->repository->boardTotals("revenue", Period::Day, "2026-11"), Totals {});
}

void TestActivityRepository::countedTotalFolds()
{
    m_f->repository->insert(stored(1, 7, 200, m_t0));
    m_f->repository->insert(stored(2, 7, 500, m_t0.addSecs(60)));
    m_f->repository->insert(stored(3, 7, 300, m_t0.addSecs(120)));
    m_f->repository->insert(stored(4, 7, 9000, m_t0.addSecs(180)));
    m_f->repository->markVoided(4);
    m_f->repository->insert(stored(5, 8, 1, m_t0));
    using Fold = ActivityRepository::Fold;
    const QDateTime none;
    QCOMPARE(m_f->repository->countedTotal(7, "revenue", Fold::Sum, none, none), 1000.0);
    QCOMPARE(m_f->repository->countedTotal(7, "revenue", Fold::Highest, none, none), 500.0);
    QCOMPARE(m_f->repository->countedTotal(7, "revenue", Fold::Lowest, none, none), 200.0);
    QCOMPARE(m_f->repository->countedTotal(7, "revenue", Fold::Latest, none, none), 300.0);
    QCOMPARE(m_f->repository->countedTotal(7, "revenue", Fold::Sum, m_t0.addSecs(30), m_t0.addSecs(120)), 500.0);
    QCOMPARE(m_f->repository->countedTotal(7, "signups", Fold::Sum, none, none), std::nullopt);
    QCOMPARE(m_f->repository->countedTotal(9, "revenue", Fold::Latest, none, none), std::nullopt);
}

void TestActivityRepository::milestoneFiresOnce()
{
    QVERIFY(m_f->repository->insertMilestoneFired(1, 7, "2026-11", 10000, 5));
    QVERIFY(!m_f->repository->insertMilestoneFired(1, 7, "2026-11", 10000, 9));
    QVERIFY(m_f->repository->insertMilestoneFired(1, 7, "2026-12", 10000, 12)); // another period
    QVERIFY(m_f->repository->insertMilestoneFired(1, 8, "2026-11", 10000, 13)); // another person
}

void TestActivityRepository::streaksAndBadges()
{
    ScoringRepository scoring(*m_f->writer);
    QVERIFY(!scoring.streak(7));
    scoring.saveStreak(7, {3, 5, QDate(2026, 11, 18), QDate(2026, 11, 16)});
    scoring.saveStreak(7, {4, 5, QDate(2026, 11, 19), QDate(2026, 11, 16)});
    const std::optional<Streak> s = scoring.streak(7);
    QVERIFY(s);
    QCOMPARE(s->current, 4);
    QCOMPARE(s->best, 5);
    QCOMPARE(s->last, QDate(2026, 11, 19));
    QCOMPARE(s->started, QDate(2026, 11, 16));

    QVERIFY(scoring.insertBadgeAward("top-dog", 7, "2026-11-19T10:00:00.000Z", "reached #1"));
    QVERIFY(!scoring.insertBadgeAward("top-dog", 7, "2026-11-20T10:00:00.000Z", "again"));
    QVERIFY(scoring.insertBadgeAward("on-fire", 7, "2026-11-18T10:00:00.000Z", ""));
    const QList<BadgeAward> awards = scoring.badgeAwards(7);
    QCOMPARE(awards.size(), 2);
    QCOMPARE(awards.at(0).badge, QString("on-fire")); // oldest first
    QCOMPARE(awards.at(1).badge, QString("top-dog"));
    QCOMPARE(awards.at(1).at, QString("2026-11-19T10:00:00.000Z"));
}

QTEST_GUILESS_MAIN(TestActivityRepository)
#include "tst_activityrepository.moc"
