// podium::Board — one metric's standings in one period.
// Standard competition ranking (1, 2, 2, 4), both directions of "better",
// people moving when their value changes, and a display order of ties that
// never depends on the order values arrived in.

#include "scoring/board.h"

#include <QRandomGenerator>
#include <QTest>

using podium::Board;

namespace {

QList<qint64> order(const Board &board)
{
    QList<qint64> out;
    for (const Board::Entry &e : board.entries())
        out.append(e.person);
    return out;
}

QList<int> ranks(const Board &board, const QList<qint64> &people)
{
    QList<int> out;
    for (qint64 p : people)
        out.append(board.rank(p).value_or(-1));
    return out;
}

} // namespace

class TestBoard : public QObject
{
    Q_OBJECT

private slots:
    void emptyBoard();
    void competitionRanking_data();
    void competitionRanking();
    void rankOfValue_data();
    void rankOfValue();
    void updateMovesPerson();
    void updateToSameValueKeepsOnePlace();
    void removeFromTieGroup();
    void removeUnknownIsNoop();
    void tieOrderIndependentOfArrival();
    void matchesBruteForce_data();
    void matchesBruteForce();
};

void TestBoard::emptyBoard()
{
    Board board;
    QCOMPARE(board.size(), 0);
    QVERIFY(board.entries().empty());
    QVERIFY(!board.contains(1));
    QVERIFY(!board.rank(1).has_value());
    QVERIFY(!board.value(1).has_value());
    // On an empty board any value would be first.
    QCOMPARE(board.rankOfValue(0), 1);
    QCOMPARE(board.rankOfValue(-1e9), 1);
}

// People 1..n get values[i-1]; expected[i-1] is person i's rank, and `order`
// is the entries() order (rank, then person id).
void TestBoard::competitionRanking_data()
{
    QTest::addColumn<bool>("higherIsBetter");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QList<qint64>>("order");

    QTest::newRow("single") << true << QList<double>{5} << QList<int>{1} << QList<qint64>{1};
    QTest::newRow("distinct, already sorted")
        << true << QList<double>{30, 20, 10} << QList<int>{1, 2, 3} << QList<qint64>{1, 2, 3};
    QTest::newRow("distinct, arrival unsorted")
        << true << QList<double>{10, 30, 20} << QList<int>{3, 1, 2} << QList<qint64>{2, 3, 1};
    QTest::newRow("tie for second: 1,2,2,4")
        << true << QList<double>{100, 90, 90, 80} << QList<int>{1, 2, 2, 4} << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("tie for first: 1,1,3")
        << true << QList<double>{50, 50, 40} << QList<int>{1, 1, 3} << QList<qint64>{1, 2, 3};
    QTest::newRow("three-way tie then one: 1,1,1,4")
        << true << QList<double>{7, 7, 7, 6} << QList<int>{1, 1, 1, 4} << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("everyone tied")
        << true << QList<double>{3, 3, 3, 3} << QList<int>{1, 1, 1, 1} << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("two tie groups: 1,1,3,3,5")
        << true << QList<double>{5, 10, 1, 10, 5} << QList<int>{3, 1, 5, 1, 3} << QList<qint64>{2, 4, 1, 5, 3};
    QTest::newRow("tie for last")
        << true << QList<double>{8, 9, 8} << QList<int>{2, 1, 2} << QList<qint64>{2, 1, 3};
    QTest::newRow("negatives and zero")
        << true << QList<double>{0, -5, 3, -5} << QList<int>{2, 3, 1, 3} << QList<qint64>{3, 1, 2, 4};
    QTest::newRow("fractions")
        << true << QList<double>{1.5, 1.25, 1.5, 1.75} << QList<int>{2, 4, 2, 1} << QList<qint64>{4, 1, 3, 2};
    QTest::newRow("currency-sized values")
        << true << QList<double>{1250000.5, 1250000.25, 1250000.5} << QList<int>{1, 3, 1}
        << QList<qint64>{1, 3, 2};

    // Lower is better: lap times, error counts.
    QTest::newRow("lower: distinct")
        << false << QList<double>{12.5, 10, 15} << QList<int>{2, 1, 3} << QList<qint64>{2, 1, 3};
    QTest::newRow("lower: tie for first: 1,1,3,4")
        << false << QList<double>{10, 10, 12.5, 15} << QList<int>{1, 1, 3, 4} << QList<qint64>{1, 2, 3, 4};
    QTest::newRow("lower: tie for second: 1,2,2,4")
        << false << QList<double>{40, 20, 30, 30} << QList<int>{4, 1, 2, 2} << QList<qint64>{2, 3, 4, 1};
    QTest::newRow("lower: negatives")
        << false << QList<double>{-1, 0, -1} << QList<int>{1, 3, 1} << QList<qint64>{1, 3, 2};
}

void TestBoard::competitionRanking()
{
    QFETCH(bool, higherIsBetter);
    QFETCH(QList<double>, values);
    QFETCH(QList<int>, expected);
    QFETCH(QList<qint64>, order);

    Board board(higherIsBetter);
    QList<qint64> people;
    for (int i = 0; i < values.size(); ++i) {
        people.append(i + 1);
        board.set(i + 1, values.at(i));
    }
    QCOMPARE(board.size(), values.size());
    QCOMPARE(ranks(board, people), expected);
    QCOMPARE(::order(board), order);
    for (int i = 0; i < values.size(); ++i) {
        QVERIFY(board.contains(i + 1));
        QCOMPARE(board.value(i + 1).value(), values.at(i));
        // A present person's rank is the rank of their value.
        QCOMPARE(board.rankOfValue(values.at(i)), expected.at(i));
    }
}

void TestBoard::rankOfValue_data()
{
    QTest::addColumn<bool>("higherIsBetter");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("probe");
    QTest::addColumn<int>("expected");

    const QList<double> high{100, 90, 90, 80};
    QTest::newRow("above the leader") << true << high << 1000.0 << 1;
    QTest::newRow("equal to the leader") << true << high << 100.0 << 1;
    QTest::newRow("between 1st and the tie") << true << high << 95.0 << 2;
    QTest::newRow("equal to the tie") << true << high << 90.0 << 2;
    QTest::newRow("between the tie and last") << true << high << 85.0 << 4;
    QTest::newRow("equal to last") << true << high << 80.0 << 4;
    QTest::newRow("below last") << true << high << 79.99 << 5;

    const QList<double> low{10, 20, 20, 30};
    QTest::newRow("lower: better than best") << false << low << 5.0 << 1;
    QTest::newRow("lower: equal to best") << false << low << 10.0 << 1;
    QTest::newRow("lower: between best and tie") << false << low << 15.0 << 2;
    QTest::newRow("lower: equal to tie") << false << low << 20.0 << 2;
    QTest::newRow("lower: between tie and worst") << false << low << 25.0 << 4;
    QTest::newRow("lower: worse than worst") << false << low << 31.0 << 5;
}

void TestBoard::rankOfValue()
{
    QFETCH(bool, higherIsBetter);
    QFETCH(QList<double>, values);
    QFETCH(double, probe);
    QFETCH(int, expected);

    Board board(higherIsBetter);
    for (int i = 0; i < values.size(); ++i)
        board.set(i + 1, values.at(i));
    QCOMPARE(board.rankOfValue(probe), expected);
    // Asking does not change the board.
    QCOMPARE(board.size(), values.size());
}

void TestBoard::updateMovesPerson()
{
    Board board;
    board.set(1, 100);
    board.set(2, 90);
    board.set(3, 80);
    QCOMPARE(ranks(board, {1, 2, 3}), (QList<int>{1, 2, 3}));

    // Last place jumps to first.
    board.set(3, 150);
    QCOMPARE(board.size(), 3);
    QCOMPARE(ranks(board, {1, 2, 3}), (QList<int>{2, 3, 1}));
    QCOMPARE(order(board), (QList<qint64>{3, 1, 2}));
    QCOMPARE(board.value(3).value(), 150.0);

    // Drops back into a tie with person 2.
    board.set(3, 90);
    QCOMPARE(ranks(board, {1, 2, 3}), (QList<int>{1, 2, 2}));
    QCOMPARE(order(board), (QList<qint64>{1, 2, 3}));

    // The leader falls to the bottom; the tie becomes a shared first place.
    board.set(1, 10);
    QCOMPARE(ranks(board, {1, 2, 3}), (QList<int>{3, 1, 1}));
    QCOMPARE(order(board), (QList<qint64>{2, 3, 1}));

    // Removing one of the tied leaders leaves the other alone at the top.
    board.remove(2);
    QCOMPARE(board.size(), 2);
    QVERIFY(!board.contains(2));
    QVERIFY(!board.rank(2).has_value());
    QVERIFY(!board.value(2).has_value());
    QCOMPARE(ranks(board, {3, 1}), (QList<int>{1, 2}));
    QCOMPARE(order(board), (QList<qint64>{3, 1}));

    // And coming back puts them where their value belongs.
    board.set(2, 95);
    QCOMPARE(ranks(board, {1, 2, 3}), (QList<int>{3, 1, 2}));
    QCOMPARE(order(board), (QList<qint64>{2, 3, 1}));
}

void TestBoard::updateToSameValueKeepsOnePlace()
{
    Board board;
    board.set(4, 50);
    board.set(2, 50);
    board.set(4, 50);
    board.set(4, 50);
    QCOMPARE(board.size(), 2);
    QCOMPARE(order(board), (QList<qint64>{2, 4}));
    QCOMPARE(ranks(board, {2, 4}), (QList<int>{1, 1}));
}

void TestBoard::removeFromTieGroup()
{
    // The entry removed must be exactly the person's, not a tied neighbour.
    Board board;
    for (qint64 p : {1, 2, 3, 4, 5})
        board.set(p, 10);
    board.set(6, 20);
    board.remove(3);
    QCOMPARE(order(board), (QList<qint64>{6, 1, 2, 4, 5}));
    QCOMPARE(ranks(board, {6, 1, 2, 4, 5}), (QList<int>{1, 2, 2, 2, 2}));
    board.remove(1);
    board.remove(5);
    QCOMPARE(order(board), (QList<qint64>{6, 2, 4}));
    board.remove(6);
    QCOMPARE(ranks(board, {2, 4}), (QList<int>{1, 1}));
}

void TestBoard::removeUnknownIsNoop()
{
    Board board;
    board.set(1, 3);
    board.set(2, 2);
    board.remove(99);
    board.remove(99);
    QCOMPARE(board.size(), 2);
    QCOMPARE(order(board), (QList<qint64>{1, 2}));
    board.remove(1);
    board.remove(1);
    QCOMPARE(board.size(), 1);
    QCOMPARE(order(board), (QList<qint64>{2}));
}

void TestBoard::tieOrderIndependentOfArrival()
{
    // Two boards fed the same values in opposite orders show the same list:
    // a tie never reshuffles on screen because of who arrived first.
    const QList<QPair<qint64, double>> rows{{5, 70}, {3, 70}, {9, 70}, {1, 70}, {7, 90}, {2, 60}};
    Board forward;
    Board backward;
    for (const auto &r : rows)
        forward.set(r.first, r.second);
    for (auto it = rows.crbegin(); it != rows.crend(); ++it)
        backward.set(it->first, it->second);
    const QList<qint64> expected{7, 1, 3, 5, 9, 2};
    QCOMPARE(order(forward), expected);
    QCOMPARE(order(backward), expected);

    // Re-setting a tied person to the same value does not move them to the end.
    forward.set(1, 70);
    QCOMPARE(order(forward), expected);
    // Leaving the tie and coming back restores the id order.
    forward.set(3, 100);
    forward.set(3, 70);
    QCOMPARE(order(forward), expected);
}

void TestBoard::matchesBruteForce_data()
{
    QTest::addColumn<bool>("higherIsBetter");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("higher, seed 1") << true << 1u;
    QTest::newRow("higher, seed 77") << true << 77u;
    QTest::newRow("lower, seed 5") << false << 5u;
    QTest::newRow("lower, seed 2026") << false << 2026u;
}

void TestBoard::matchesBruteForce()
{
    QFETCH(bool, higherIsBetter);
    QFETCH(quint32, seed);

    // Random sets and removals over few distinct values (so ties are common),
    // checked after every step against a direct count of better values.
    QRandomGenerator rng(seed);
    Board board(higherIsBetter);
    QHash<qint64, double> truth;
    for (int step = 0; step < 400; ++step) {
        const qint64 person = rng.bounded(1, 25);
        if (rng.bounded(5) == 0) {
            board.remove(person);
            truth.remove(person);
        } else {
            const double value = double(rng.bounded(8)) * 2.5;
            board.set(person, value);
            truth.insert(person, value);
        }
        QCOMPARE(board.size(), truth.size());
        for (auto it = truth.cbegin(); it != truth.cend(); ++it) {
            int better = 0;
            for (double other : truth)
                better += higherIsBetter ? other > it.value() : other < it.value();
            QCOMPARE(board.rank(it.key()).value_or(-1), better + 1);
        }
        const auto &entries = board.entries();
        for (size_t i = 1; i < entries.size(); ++i) {
            const auto &a = entries[i - 1];
            const auto &b = entries[i];
            const bool aBetter = higherIsBetter ? a.value > b.value : a.value < b.value;
            QVERIFY2(aBetter || (a.value == b.value && a.person < b.person),
                     qPrintable(QStringLiteral("step %1: entries out of order at %2").arg(step).arg(i)));
        }
    }
}

QTEST_MAIN(TestBoard)
#include "tst_board.moc"
