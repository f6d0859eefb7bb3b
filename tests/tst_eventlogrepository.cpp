// EventLogRepository on a real SQLite file: events come back in seq order,
// bounded by `upTo` and `limit`, filtered by room also past the 32 names one
// statement binds, and the non-admin page leaves out what it must.

#include "repositoryfixture.h"
#include "store/eventlogrepository.h"

#include <QTest>

using namespace podium;

class TestEventLogRepository : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_f = std::make_unique<podium::testing::RepositoryFixture<EventLogRepository>>(); }
    void cleanup() { m_f.reset(); }
    void emptyLog();
    void readsInSeqOrderWithinBounds();
    void filtersByRoom();
    void manyRoomsMergeInSeqOrder();
    void nonAdminPageSkipsPrivateRooms();

private:
    void append(qint64 seq, const QString &room, const QString &name = QStringLiteral("activity:new"));
    static QList<qint64> seqs(const EventList &events);

    std::unique_ptr<podium::testing::RepositoryFixture<EventLogRepository>> m_f;
    const QDateTime m_start = QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);
};

void TestEventLogRepository::append(qint64 seq, const QString &room, const QString &name)
{
    Event e;
    e.seq = seq;
    e.at = m_start.addSecs(seq);
    e.room = room;
    e.name = name;
    e.setData({{"n", seq}});
    m_f->repository->append(e, isoTime(e.at));
}

QList<qint64> TestEventLogRepository::seqs(const EventList &events)
{
    QList<qint64> out;
    for (const Event &e : events)
        out.append(e.seq);
    return out;
}

void TestEventLogRepository::emptyLog()
{
    QCOMPARE(m_f->repository->lastSeq(), 0);
    QVERIFY(m_f->repository->read(0, 100, 10).isEmpty());
    QVERIFY(!m_f->repository->timeOf(1).isValid());
}

void TestEventLogRepository::readsInSeqOrderWithinBounds()
{
    for (qint64 seq = 1; seq <= 6; ++seq)
        append(seq, "activity:feed");
    QCOMPARE(m_f->repository->lastSeq(), 6);
    QCOMPARE(seqs(m_f->repository->read(0, 6, 100)), (QList<qint64> {1, 2, 3, 4, 5, 6}));
    QCOMPARE(seqs(m_f->repository->read(2, 6, 3)), (QList<qint64> {3, 4, 5}));
    QCOMPARE(seqs(m_f->repository->read(2, 4, 100)), (QList<qint64> {3, 4})); // not past upTo
    const EventList one = m_f->repository->read(4, 5, 1);
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.first().room, QString("activity:feed"));
    QCOMPARE(one.first().name, QString("activity:new"));
    QCOMPARE(one.first().at, m_start.addSecs(5));
    QCOMPARE(one.first().data().value("n").toInteger(), 5);
    QCOMPARE(m_f->repository->timeOf(3), m_start.addSecs(3));
}

void TestEventLogRepository::filtersByRoom()
{
    append(1, "activity:feed");
    append(2, "leaderboard:revenue");
    append(3, "admin");
    append(4, "activity:feed");
    QCOMPARE(seqs(m_f->repository->read(0, 4, 100, {"activity:feed"})), (QList<qint64> {1, 4}));
    QCOMPARE(seqs(m_f->repository->read(0, 4, 100, {"admin", "leaderboard:revenue"})), (QList<qint64> {2, 3}));
    QCOMPARE(seqs(m_f->repository->read(0, 4, 100, {"nobody"})), QList<qint64> {});
}

void TestEventLogRepository::manyRoomsMergeInSeqOrder()
{
    // 40 rooms, more than one statement binds; room i gets seq 41 - i, so
    // the slices' results interleave and must be merged.
    QStringList rooms;
    for (int i = 1; i <= 40; ++i) {
        rooms << QStringLiteral("team:%1").arg(i);
        append(41 - i, rooms.last());
    }
    append(41, "elsewhere");
    rooms << rooms.first(); // a duplicate name counts once
    QList<qint64> all;
    for (qint64 s = 1; s <= 40; ++s)
        all << s;
    QCOMPARE(seqs(m_f->repository->read(0, 41, 1000, rooms)), all);
    QCOMPARE(seqs(m_f->repository->read(0, 41, 5, rooms)), all.mid(0, 5));
    QCOMPARE(seqs(m_f->repository->read(35, 41, 1000, rooms)), all.mid(35));
}

void TestEventLogRepository::nonAdminPageSkipsPrivateRooms()
{
    append(1, "admin");
    append(2, "user:7");
    append(3, "user:8");
    append(4, "team:3");
    append(5, "team:4");
    append(6, "activity:feed");
    QCOMPARE(seqs(m_f->repository->nonAdminPage(0, 6, 100, "user:7", false, "team:3")), (QList<qint64> {2, 4, 6}));
    QCOMPARE(seqs(m_f->repository->nonAdminPage(0, 6, 100, QString(), true, QString())), (QList<qint64> {4, 5, 6}));
    QCOMPARE(seqs(m_f->repository->nonAdminPage(0, 6, 100, QString(), false, QString())), (QList<qint64> {6}));
    QCOMPARE(seqs(m_f->repository->nonAdminPage(4, 6, 1, QString(), true, QString())), (QList<qint64> {5}));
}

QTEST_GUILESS_MAIN(TestEventLogRepository)
#include "tst_eventlogrepository.moc"
