// A room's members are walked in join order by every broadcast; holes left by
// members who leave are squeezed out without disturbing that order.
#include "hub/orderedmembers.h"

#include <QTest>
#include <array>

using namespace podium;

namespace {
struct Member
{
    int id;
};

using Members = std::array<Member, 64>;

// Members 0..63, each knowing its number.
Members numbered()
{
    Members members;
    for (int i = 0; i < 64; ++i)
        members[i].id = i;
    return members;
}

// Replays a script of "+N" (join) and "-N" (leave) steps; returns the walk order.
QList<int> replay(const QStringList &steps, Members &members, OrderedMembers<Member> &room,
                  QList<bool> *results = nullptr)
{
    for (const QString &step : steps) {
        Member *m = &members[step.mid(1).toInt()];
        const bool ok = step.startsWith(u'+') ? room.insert(m) : room.remove(m);
        if (results)
            *results << ok;
    }
    QList<int> order;
    for (Member *m : room.snapshot())
        order << m->id;
    return order;
}
} // namespace

class TestOrderedMembers : public QObject
{
    Q_OBJECT

private slots:
    void joinOrderSurvivesLeaves_data();
    void joinOrderSurvivesLeaves();
    void duplicatesAndStrangersAreRefused();
    void manyLeavesCompactWithoutReordering();
    void snapshotIsACopy();
};

void TestOrderedMembers::joinOrderSurvivesLeaves_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QList<int>>("order");
    QTest::newRow("joins only") << QStringList {"+3", "+1", "+2"} << QList<int> {3, 1, 2};
    QTest::newRow("first leaves") << QStringList {"+3", "+1", "+2", "-3"} << QList<int> {1, 2};
    QTest::newRow("middle leaves") << QStringList {"+3", "+1", "+2", "-1"} << QList<int> {3, 2};
    QTest::newRow("leaver rejoins at the back") << QStringList {"+3", "+1", "+2", "-3", "+3"} << QList<int> {1, 2, 3};
    QTest::newRow("everyone leaves") << QStringList {"+1", "+2", "-2", "-1"} << QList<int> {};
}

void TestOrderedMembers::joinOrderSurvivesLeaves()
{
    QFETCH(QStringList, steps);
    QFETCH(QList<int>, order);
    Members members = numbered();
    OrderedMembers<Member> room;
    QCOMPARE(replay(steps, members, room), order);
    QCOMPARE(room.size(), order.size());
    QCOMPARE(room.isEmpty(), order.isEmpty());
}

void TestOrderedMembers::duplicatesAndStrangersAreRefused()
{
    Members members = numbered();
    OrderedMembers<Member> room;
    QList<bool> results;
    const QList<int> order = replay({"+1", "+1", "-2", "+2", "-1", "-1"}, members, room, &results);
    QCOMPARE(results, (QList<bool> {true, false, false, true, true, false}));
    QCOMPARE(order, QList<int> {2});
    QVERIFY(room.contains(&members[2]));
    QVERIFY(!room.contains(&members[1]));
}

void TestOrderedMembers::manyLeavesCompactWithoutReordering()
{
    // Enough leaves to trigger several compactions; every third member stays.
    Members members = numbered();
    OrderedMembers<Member> room;
    for (int i = 0; i < 64; ++i)
        QVERIFY(room.insert(&members[i]));
    QList<int> expected;
    for (int i = 0; i < 64; ++i) {
        if (i % 3 == 0)
            expected << i;
        else
            QVERIFY(room.remove(&members[i]));
    }
    QList<int> order;
    for (Member *m : room.snapshot())
        order << m->id;
    QCOMPARE(order, expected);
    // Slots were renumbered by the compactions: removing and re-adding after
    // them still works on the right members.
    QVERIFY(room.remove(&members[30]));
    QVERIFY(!room.remove(&members[30]));
    QVERIFY(room.insert(&members[1]));
    order.clear();
    for (Member *m : room.snapshot())
        order << m->id;
    expected.removeOne(30);
    expected << 1;
    QCOMPARE(order, expected);
}

void TestOrderedMembers::snapshotIsACopy()
{
    Member members[3] = {{0}, {1}, {2}};
    OrderedMembers<Member> room;
    for (Member &m : members)
        room.insert(&m);
    const std::vector<Member *> walk = room.snapshot();
    // A member leaving mid-broadcast does not disturb the walk in progress.
    room.remove(&members[0]);
    room.remove(&members[1]);
    QCOMPARE(walk.size(), size_t(3));
    QCOMPARE(walk.front()->id, 0);
    QCOMPARE(room.snapshot().size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestOrderedMembers)
#include "tst_orderedmembers.moc"
