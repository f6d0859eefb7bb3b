// podium::Demo against a real engine on a temporary SQLite file, with a
// ManualClock so the 45-second Lightning Round can end without waiting.

#include "demo/demo.h"
#include "engine/engine.h"
#include "http/configurationjson.h"
#include "http/contestsjson.h"
#include "http/directoryjson.h"
#include "http/socialjson.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace podium;

namespace {

const QDateTime kStart(QDate(2026, 11, 21), QTime(15, 0), Qt::UTC);

struct Recorded
{
    QString name;
    QString room;
    QJsonObject data;
};

// Collects every committed event, in order.
class Recorder
{
public:
    explicit Recorder(Engine &engine)
    {
        QObject::connect(&engine, &Engine::eventsCommitted, &m_context, [this](const EventList &events) {
            for (const Event &e : events) {
                QVERIFY(e.seq > m_lastSeq); // monotonic across batches
                m_lastSeq = e.seq;
                m_events.append({e.name, e.room, e.data()});
            }
        });
    }
    const QList<Recorded> &events() const { return m_events; }
    int count(const QString &name) const
    {
        return int(std::count_if(m_events.cbegin(), m_events.cend(), [&](const Recorded &r) { return r.name == name; }));
    }
    QList<Recorded> named(const QString &name) const
    {
        QList<Recorded> out;
        for (const Recorded &r : m_events) {
            if (r.name == name)
                out.append(r);
        }
        return out;
    }
    QStringList signature() const
    {
        QStringList out;
        for (const Recorded &r : m_events)
            out << r.name + QLatin1Char('@') + r.room + QLatin1Char('#')
                       + QString::number(r.data.value("person").toInteger());
        return out;
    }
    void clear() { m_events.clear(); }

private:
    QObject m_context;
    QList<Recorded> m_events;
    qint64 m_lastSeq = 0;
};

QJsonArray array(const Reply &r, const char *key)
{
    return r.body.value(QLatin1String(key)).toArray();
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void seedCreatesOffice();
    void seedRunsOnce();
    void seedLeavesExistingDataAlone();
    void stepsCelebrate();
    void lightningRoundEndsWithPlacements();
    void nextRoundAfterBreak();
    void sameSeedSameDay();
    void startCommitsOnItsOwn();

private:
    bool openEngine(const QString &file = QStringLiteral("podium.db"));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Engine> m_engine;
};

bool TestDemo::openEngine(const QString &file)
{
    m_engine.reset();
    m_engine = std::make_unique<Engine>(m_clock.get());
    m_engine->setTimeZone(QTimeZone::utc());
    QString error;
    const bool ok = m_engine->open(m_dir->filePath(file), &error);
    if (!ok)
        qWarning() << "open failed:" << error;
    return ok;
}

void TestDemo::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<ManualClock>(kStart);
    QVERIFY(openEngine());
}

void TestDemo::cleanup()
{
    m_engine.reset();
    m_clock.reset();
    m_dir.reset();
}

void TestDemo::seedCreatesOffice()
{
    Demo demo(m_engine.get());
    demo.setRandomSeed(7);
    QCOMPARE(demo.interval(), Demo::kDefaultInterval);
    demo.seed();
    QVERIFY(m_engine->flush());

    const QJsonArray teams = array(rest::listTeams(*m_engine), "teams");
    QVERIFY(teams.size() >= 3 && teams.size() <= 4);
    QStringList names;
    QSet<QString> colors;
    for (const QJsonValue &t : teams) {
        names << t.toObject().value("name").toString();
        colors.insert(t.toObject().value("color").toString().toUpper());
        QVERIFY(t.toObject().value("members").toInt() >= 2);
    }
    QVERIFY(names.contains("Storm Chasers"));
    QVERIFY(names.contains("Shingle Kings"));
    QVERIFY(names.contains("Gutter Gurus"));
    QCOMPARE(colors.size(), teams.size()); // every team its own colour

    const QJsonArray people = array(rest::listPeople(*m_engine), "people");
    QVERIFY2(people.size() >= 10 && people.size() <= 16, qPrintable(QString::number(people.size())));
    QSet<QString> personNames;
    for (const QJsonValue &v : people) {
        const QJsonObject p = v.toObject();
        QVERIFY(!p.value("team").isNull());
        QVERIFY(p.value("active").toBool());
        // A first and a last name, like a real roster.
        QCOMPARE(p.value("name").toString().split(' ').size(), 2);
        QCOMPARE(p.value("initials").toString().size(), 2);
        personNames.insert(p.value("name").toString());
    }
    QCOMPARE(personNames.size(), people.size());

    const QJsonArray contests = array(rest::listContests(*m_engine), "contests");
    QCOMPARE(contests.size(), 1);
    const QJsonObject round = contests.first().toObject();
    QCOMPARE(round.value("name").toString(), QStringLiteral("Lightning Round"));
    QCOMPARE(round.value("metric").toString(), QStringLiteral("revenue"));
    QCOMPARE(round.value("state").toString(), QStringLiteral("live"));
    QCOMPARE(round.value("remainingSeconds").toInteger(), Demo::kRoundSeconds);
    QCOMPARE(QDateTime::fromString(round.value("endsAt").toString(), Qt::ISODateWithMs), kStart.addSecs(45));
    QCOMPARE(round.value("prizes").toArray().size(), 3);

    QStringList badgeKeys;
    for (const QJsonValue &b : array(rest::listBadges(*m_engine), "badges"))
        badgeKeys << b.toObject().value("key").toString();
    QVERIFY2(badgeKeys.contains("hail-hunter"), qPrintable(badgeKeys.join(',')));
    QVERIFY(badgeKeys.contains("rookie-of-the-month"));

    QVERIFY(array(rest::listAnnouncements(*m_engine), "announcements").size() >= 1);
}

void TestDemo::seedRunsOnce()
{
    Recorder recorder(*m_engine);
    Demo demo(m_engine.get());
    demo.seed();
    QVERIFY(m_engine->flush());
    QVERIFY(recorder.count("announcement") >= 1);
    QVERIFY(recorder.count("contest:update") >= 1);

    const int people = int(array(rest::listPeople(*m_engine), "people").size());
    const int teams = int(array(rest::listTeams(*m_engine), "teams").size());
    const int contests = int(array(rest::listContests(*m_engine), "contests").size());
    const int badges = int(array(rest::listBadges(*m_engine), "badges").size());
    const int announcements = int(array(rest::listAnnouncements(*m_engine), "announcements").size());
    const qint64 seq = m_engine->lastSeq();
    recorder.clear();

    // Again on the same engine, and by a fresh Demo after a restart.
    demo.seed();
    QVERIFY(m_engine->flush());
    QVERIFY(openEngine());
    Recorder after(*m_engine);
    Demo again(m_engine.get());
    again.seed();
    QVERIFY(m_engine->flush());

    QCOMPARE(int(array(rest::listPeople(*m_engine), "people").size()), people);
    QCOMPARE(int(array(rest::listTeams(*m_engine), "teams").size()), teams);
    QCOMPARE(int(array(rest::listContests(*m_engine), "contests").size()), contests);
    QCOMPARE(int(array(rest::listBadges(*m_engine), "badges").size()), badges);
    QCOMPARE(int(array(rest::listAnnouncements(*m_engine), "announcements").size()), announcements);
    QCOMPARE(m_engine->lastSeq(), seq);
    QCOMPARE(recorder.events().size(), 0);
    QCOMPARE(after.events().size(), 0);
}

void TestDemo::seedLeavesExistingDataAlone()
{
    QVERIFY(rest::createPerson(*m_engine, {{"name", "Existing Person"}}).ok());
    QVERIFY(m_engine->flush());
    Demo demo(m_engine.get());
    demo.seed();
    QVERIFY(m_engine->flush());
    QCOMPARE(array(rest::listPeople(*m_engine), "people").size(), 1);
    QCOMPARE(array(rest::listTeams(*m_engine), "teams").size(), 0);
}

void TestDemo::stepsCelebrate()
{
    Demo demo(m_engine.get());
    demo.setRandomSeed(2026);
    demo.seed();
    QVERIFY(m_engine->flush());

    Recorder recorder(*m_engine);
    for (int i = 0; i < 30; ++i) {
        demo.step();
        QVERIFY(m_engine->flush());
    }
    const QStringList names = [&] {
        QStringList n;
        for (const Recorded &r : recorder.events())
            n << r.name;
        n.removeDuplicates();
        return n;
    }();
    QVERIFY2(recorder.count("activity:new") >= 25, qPrintable(names.join(',')));
    QVERIFY2(recorder.count("milestone:reached") >= 1, qPrintable(names.join(',')));
    QVERIFY2(recorder.count("achievement:celebration") >= 1, qPrintable(names.join(',')));
    QVERIFY2(recorder.count("rankings:update") >= 1, qPrintable(names.join(',')));

    // Every celebration reaches the wall and names a real person or team.
    for (const Recorded &c : recorder.named("achievement:celebration")) {
        QCOMPARE(c.room, QStringLiteral("tv-display"));
        QVERIFY(!c.data.value("title").toString().isEmpty());
        QVERIFY(!c.data.value("name").toString().isEmpty());
    }
    // Revenue deltas stay in the promised range.
    for (const Recorded &a : recorder.named("activity:new")) {
        const QString metric = a.data.value("metric").toString();
        const double delta = a.data.value("delta").toDouble();
        if (metric == QLatin1String("revenue"))
            QVERIFY2(delta >= 1500 && delta <= 18000, qPrintable(QString::number(delta)));
        else if (metric == QLatin1String("signups"))
            QVERIFY(delta >= 1 && delta <= 4);
        else if (metric == QLatin1String("xp"))
            QVERIFY(delta >= 50 && delta <= 400);
    }
    // The first revenue milestone of the month is $10K.
    const QList<Recorded> revenue = [&] {
        QList<Recorded> out;
        for (const Recorded &m : recorder.named("milestone:reached")) {
            if (m.data.value("metric").toString() == QLatin1String("revenue")
                && m.data.value("achievementType").toString() == QLatin1String("milestone"))
                out.append(m);
        }
        return out;
    }();
    QVERIFY(!revenue.isEmpty());
    QCOMPARE(revenue.first().data.value("value").toDouble(), 10000.0);
}

void TestDemo::lightningRoundEndsWithPlacements()
{
    Demo demo(m_engine.get());
    demo.setRandomSeed(11);
    demo.seed();
    QVERIFY(m_engine->flush());
    const qint64 contestId
            = array(rest::listContests(*m_engine), "contests").first().toObject().value("id").toInteger();

    Recorder recorder(*m_engine);
    for (int i = 0; i < 30; ++i) {
        demo.step();
        QVERIFY(m_engine->flush());
    }
    QCOMPARE(recorder.count("contest:ended"), 0);
    QVERIFY(recorder.count("contest:entry") >= 1);

    m_clock->advanceSecs(Demo::kRoundSeconds + 1);
    m_engine->contests().tick();
    QVERIFY(m_engine->flush());

    const QList<Recorded> ended = recorder.named("contest:ended");
    QVERIFY(ended.size() >= 1);
    const QJsonObject data = ended.first().data;
    QCOMPARE(data.value("id").toInteger(), contestId);
    QCOMPARE(data.value("state").toString(), QStringLiteral("ended"));
    const QJsonArray placements = data.value("placements").toArray();
    QVERIFY(placements.size() >= 1 && placements.size() <= 3);
    QCOMPARE(placements.first().toObject().value("place").toInt(), 1);
    QCOMPARE(placements.first().toObject().value("prize").toString(), QStringLiteral("$500 bonus"));
    for (const QJsonValue &v : placements)
        QVERIFY(m_engine->person(v.toObject().value("person").toInteger()));

    // Placements become celebrations on the wall.
    int contestCelebrations = 0;
    for (const Recorded &c : recorder.named("achievement:celebration"))
        contestCelebrations += c.data.value("achievementType").toString() == QLatin1String("contest");
    QCOMPARE(contestCelebrations, int(placements.size()));

    const Reply stored = rest::getContest(*m_engine, contestId);
    QCOMPARE(stored.body.value("state").toString(), QStringLiteral("ended"));
    QCOMPARE(stored.body.value("placements").toArray(), placements);
}

void TestDemo::nextRoundAfterBreak()
{
    Demo demo(m_engine.get());
    demo.setRandomSeed(3);
    demo.seed();
    QVERIFY(m_engine->flush());
    m_clock->advanceSecs(Demo::kRoundSeconds);
    m_engine->contests().tick();
    QVERIFY(m_engine->flush());

    // During the break: no new round yet.
    m_clock->advanceSecs(Demo::kRoundBreakSeconds - 1);
    demo.step();
    QVERIFY(m_engine->flush());
    QCOMPARE(array(rest::listContests(*m_engine), "contests").size(), 1);

    m_clock->advanceSecs(1);
    demo.step();
    QVERIFY(m_engine->flush());
    const QJsonArray contests = array(rest::listContests(*m_engine), "contests");
    QCOMPARE(contests.size(), 2);
    QCOMPARE(contests.at(1).toObject().value("state").toString(), QStringLiteral("live"));
    QCOMPARE(contests.at(1).toObject().value("name").toString(), QStringLiteral("Lightning Round"));

    // Only one round at a time.
    demo.step();
    QVERIFY(m_engine->flush());
    QCOMPARE(array(rest::listContests(*m_engine), "contests").size(), 2);
}

void TestDemo::sameSeedSameDay()
{
    auto run = [&](const QString &file) {
        m_clock->set(kStart);
        if (!openEngine(file))
            return QStringList{"open failed"};
        Recorder recorder(*m_engine);
        Demo demo(m_engine.get());
        demo.setRandomSeed(99);
        demo.seed();
        m_engine->flush();
        for (int i = 0; i < 25; ++i) {
            demo.step();
            m_engine->flush();
        }
        return recorder.signature();
    };
    const QStringList first = run("a.db");
    const QStringList second = run("b.db");
    QVERIFY(first.size() > 30);
    QCOMPARE(second, first);
}

void TestDemo::startCommitsOnItsOwn()
{
    // With the event loop running, the demo's writes commit without anyone
    // calling flush(): the wall sees them on its own.
    Recorder recorder(*m_engine);
    Demo demo(m_engine.get());
    demo.setRandomSeed(5);
    demo.setInterval(std::chrono::milliseconds(10));
    demo.start();
    QVERIFY(demo.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(recorder.count("activity:new") >= 3, 5000);
    QVERIFY(recorder.count("contest:update") >= 1);
    demo.stop();
    QVERIFY(!demo.isRunning());
    // An engine job queued now is answered by the flush that commits every
    // write made before it (events are released before replies).
    const auto writesCommitted = [this] {
        bool answered = false;
        m_engine->run([](Engine &) { return Reply {}; }, this, [&answered](const Reply &) { answered = true; });
        return QTest::qWaitFor([&answered] { return answered; }, 5000);
    };
    QVERIFY(writesCommitted());
    const int settled = int(recorder.events().size());
    // Barrier: timers fire in deadline order, so the demo's 10 ms timer, had
    // it kept running, would have stepped before one due 30 ms from now.
    QTimer later;
    later.setSingleShot(true);
    QSignalSpy passed(&later, &QTimer::timeout);
    later.start(30);
    QVERIFY(passed.wait());
    QVERIFY(writesCommitted());
    QCOMPARE(int(recorder.events().size()), settled);
}

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
