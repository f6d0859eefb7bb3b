#include "http/auththrottle.h"
#include "http/ratelimiter.h"
#include "directory/tokendirectory.h"

#include <QTest>

using podium::AuthThrottle;
using podium::Identity;
using podium::RateLimiter;
using podium::TokenDirectory;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void sequence_data();
    void sequence();
    void keysAreIndependent();
    void retryAfterSeconds_data();
    void retryAfterSeconds();
    void pruneDropsOnlyFullBuckets();
    void setRateResets();
    void authThrottleWindowPerAddress();
    void authThrottleResolve();
    void authThrottleBoundsAddresses();
};

// Each row: a rate, the timestamps (ms) of successive take() calls on one key,
// which of them are allowed ('1') or refused ('0'), and the retry delay the
// last call reports.
void TestRateLimiter::sequence_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qint64>("lastRetryMs");

    QTest::newRow("burst is twice the rate") << 2.0 << QList<qint64> {0, 0, 0, 0, 0} << "11110" << qint64(500);
    QTest::newRow("refills at the rate") << 2.0 << QList<qint64> {0, 0, 0, 0, 500, 500} << "111110" << qint64(500);
    QTest::newRow("partial refill is not enough") << 2.0 << QList<qint64> {0, 0, 0, 0, 250} << "11110" << qint64(250);
    QTest::newRow("idle refills only up to the burst")
            << 1.0 << QList<qint64> {0, 0, 100000, 100000, 100000} << "11110" << qint64(1000);
    QTest::newRow("fractional rate") << 0.5 << QList<qint64> {0, 0, 1999, 2000} << "1001" << qint64(0);
    QTest::newRow("sustained at exactly the rate")
            << 10.0 << QList<qint64> {0, 100, 200, 300, 400, 500, 600, 700, 800, 900} << "1111111111" << qint64(0);
    QTest::newRow("clock going backwards refills nothing")
            << 1.0 << QList<qint64> {5000, 5000, 1000, 1000} << "1100" << qint64(1000);
    QTest::newRow("unlimited") << 0.0 << QList<qint64> {0, 0, 0, 0, 0, 0, 0, 0} << "11111111" << qint64(0);
    QTest::newRow("high rate") << 2000.0 << QList<qint64>(4001, 0) << QString(4000, QLatin1Char('1')) + "0"
                               << qint64(1);
}

void TestRateLimiter::sequence()
{
    QFETCH(double, rate);
    QFETCH(QList<qint64>, times);
    QFETCH(QString, expected);
    QFETCH(qint64, lastRetryMs);

    RateLimiter limiter(rate);
    QString got;
    RateLimiter::Decision last;
    for (qint64 t : times) {
        last = limiter.take(QStringLiteral("k"), t);
        got += last.allowed ? QLatin1Char('1') : QLatin1Char('0');
    }
    QCOMPARE(got, expected);
    QCOMPARE(last.retryAfterMs, lastRetryMs);
}

void TestRateLimiter::keysAreIndependent()
{
    RateLimiter limiter(1);
    QVERIFY(limiter.take("a", 0).allowed);
    QVERIFY(limiter.take("a", 0).allowed);
    QVERIFY(!limiter.take("a", 0).allowed);
    QVERIFY(limiter.take("b", 0).allowed);
    QVERIFY(limiter.take("b", 0).allowed);
    QVERIFY(!limiter.take("b", 0).allowed);
    QCOMPARE(limiter.trackedKeys(), 2);
}

void TestRateLimiter::retryAfterSeconds_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("seconds");
    QTest::newRow("zero rounds up to one") << qint64(0) << 1;
    QTest::newRow("one ms") << qint64(1) << 1;
    QTest::newRow("exactly one second") << qint64(1000) << 1;
    QTest::newRow("just over") << qint64(1001) << 2;
    QTest::newRow("two and a half") << qint64(2500) << 3;
}

void TestRateLimiter::retryAfterSeconds()
{
    QFETCH(qint64, ms);
    QFETCH(int, seconds);
    RateLimiter::Decision d {false, ms};
    QCOMPARE(d.retryAfterSeconds(), seconds);
}

void TestRateLimiter::pruneDropsOnlyFullBuckets()
{
    RateLimiter limiter(1); // burst 2, refills completely in 2 s
    limiter.take("idle", 0);
    limiter.take("busy", 0);
    limiter.take("busy", 1500);
    limiter.take("busy", 1500);
    limiter.prune(2000);
    // "idle" had 1 token at t=0 and is full again at t=1000; "busy" is not.
    QCOMPARE(limiter.trackedKeys(), 1);
    // "busy" had 2 - 1 (t=0) = 1, + 1.5 = 2 (capped) - 2 = 0 at t=1500; 0.5 at t=2000.
    QVERIFY(!limiter.take("busy", 2000).allowed);
    QVERIFY(limiter.take("idle", 2000).allowed);
}

void TestRateLimiter::setRateResets()
{
    RateLimiter limiter(1);
    limiter.take("k", 0);
    limiter.take("k", 0);
    QVERIFY(!limiter.take("k", 0).allowed);
    limiter.setRate(0);
    QVERIFY(limiter.unlimited());
    QCOMPARE(limiter.trackedKeys(), 0);
    QVERIFY(limiter.take("k", 0).allowed);
    limiter.setRate(3);
    QCOMPARE(limiter.burst(), 6.0);
    for (int i = 0; i < 6; ++i)
        QVERIFY(limiter.take("k", 0).allowed);
    QVERIFY(!limiter.take("k", 0).allowed);
}

// Failed authentications: `maxFailures` per window and address, then that
// address is refused until its window ends.
void TestRateLimiter::authThrottleWindowPerAddress()
{
    AuthThrottle throttle({3, 1000, 100});
    const QString a = QStringLiteral("10.0.0.1");
    const QString b = QStringLiteral("10.0.0.2");
    for (qint64 t = 0; t < 3; ++t) {
        QVERIFY(throttle.check(a, t).allowed);
        throttle.recordFailure(a, 100 + t);
    }
    const AuthThrottle::Decision refused = throttle.check(a, 400);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterMs, qint64(700)); // the window began at the first failure, t = 100
    QCOMPARE(refused.retryAfterSeconds(), 1);
    QVERIFY(refused.message().contains("1 s"));
    QVERIFY(throttle.check(b, 400).allowed);
    QVERIFY(!throttle.check(a, 1099).allowed);
    QVERIFY(throttle.check(a, 1100).allowed);
    // A failure after the window starts a new one.
    throttle.recordFailure(a, 1200);
    throttle.recordFailure(a, 1300);
    QVERIFY(throttle.check(a, 1300).allowed);
    throttle.recordFailure(a, 1400);
    QCOMPARE(throttle.check(a, 1400).retryAfterMs, qint64(800));
}

void TestRateLimiter::authThrottleResolve()
{
    TokenDirectory tokens;
    Identity admin;
    admin.kind = Identity::Kind::Admin;
    admin.tokenId = 1;
    tokens.insert(TokenDirectory::hash(QStringLiteral("the-right-token")), admin);
    AuthThrottle throttle({2, 60'000, 100});
    const QString address = QStringLiteral("192.0.2.7");
    AuthThrottle::Decision d;
    QCOMPARE(throttle.resolve(tokens, QStringLiteral("the-right-token"), address, &d).kind, Identity::Kind::Admin);
    QVERIFY(d.allowed);
    // No token is no attempt.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(throttle.resolve(tokens, QString(), address, &d).kind, Identity::Kind::Anonymous);
    QVERIFY(d.allowed);
    QCOMPARE(throttle.trackedAddresses(), 0);
    QCOMPARE(throttle.resolve(tokens, QStringLiteral("guess-1"), address, &d).kind, Identity::Kind::Anonymous);
    QVERIFY(d.allowed);
    QCOMPARE(throttle.resolve(tokens, QStringLiteral("guess-2"), address, &d).kind, Identity::Kind::Anonymous);
    QVERIFY(d.allowed);
    // Over the limit even the right token is refused, so a refusal says
    // nothing about the guess.
    QCOMPARE(throttle.resolve(tokens, QStringLiteral("the-right-token"), address, &d).kind, Identity::Kind::Anonymous);
    QVERIFY(!d.allowed);
    QCOMPARE(d.retryAfterSeconds(), 60);
    QCOMPARE(throttle.resolve(tokens, QStringLiteral("the-right-token"), QStringLiteral("192.0.2.8"), &d).kind,
             Identity::Kind::Admin);
    QVERIFY(d.allowed);
}

void TestRateLimiter::authThrottleBoundsAddresses()
{
    AuthThrottle throttle({1, 60'000, 100});
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(QStringLiteral("10.1.%1.%2").arg(i / 256).arg(i % 256), i);
    QCOMPARE(throttle.trackedAddresses(), 100);
    // The newest are the ones kept.
    QVERIFY(!throttle.check(QStringLiteral("10.1.3.231"), 1000).allowed); // i = 999
    QVERIFY(throttle.check(QStringLiteral("10.1.0.0"), 1000).allowed);
    // Expired windows make room before live ones are dropped.
    throttle.recordFailure(QStringLiteral("10.9.9.9"), 70'000);
    QCOMPARE(throttle.trackedAddresses(), 1);
}

QTEST_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
