// SocialService through a real engine on a SQLite file: its refusals in
// domain errors, the events it sends in order, and what survives a reopen.

#include "enginefixture.h"
#include "social/socialservice.h"

#include <QJsonArray>
#include <QTest>

using namespace podium;
using podium::testing::EngineFixture;

class TestSocialService : public QObject
{
    Q_OBJECT

private slots:
    void sessionRefusals();
    void resultRefusalsForAPersonsToken();
    void sessionEventsInOrder();
    void liveSessionsSurviveReopen();
    void notifications();
    void announcementsExpire();
    void broadcast();

private:
    static Identity personToken(qint64 person)
    {
        Identity who;
        who.kind = Identity::Kind::Person;
        who.personId = person;
        return who;
    }
    static Identity admin()
    {
        Identity who;
        who.kind = Identity::Kind::Admin;
        return who;
    }
    static SessionDraft draft(qint64 person)
    {
        SessionDraft d;
        d.person = person;
        d.kind = "typing";
        d.title = "Typing sprint";
        return d;
    }
};

void TestSocialService::sessionRefusals()
{
    EngineFixture f;
    SocialService &social = f.engine->social();
    const qint64 ada = f.addPerson("Ada");
    const qint64 bob = f.addPerson("Bob");
    const Outcome<QJsonObject> nobody = social.startSession(draft(999));
    QCOMPARE(nobody.error().kind, DomainError::Kind::Invalid);
    QCOMPARE(nobody.error().message, QString("field 'person' must be the id of an existing person"));
    const qint64 id = (*social.startSession(draft(ada))).value("sessionId").toInteger();
    QCOMPARE(social.reportProgress(id + 1, {}, admin()).error().message, QString("session %1 is not live").arg(id + 1));
    const Outcome<qint64> foreign = social.reportProgress(id, {{"wpm", 50}}, personToken(bob));
    QCOMPARE(foreign.error().kind, DomainError::Kind::Forbidden);
    QCOMPARE(foreign.error().message, QString("session %1 belongs to someone else").arg(id));
    QCOMPARE(social.reportProgress(id, {{"wpm", 400}}, personToken(ada)).error().message,
             QString("field 'wpm' must be a number from 0 to 300"));
    QCOMPARE(social.reportProgress(id, {{"elapsed", "long"}}, admin()).error().message,
             QString("field 'elapsed' must be a number from 0 to 86400"));
    QVERIFY(social.startSession(draft(ada)).ok());
    QVERIFY(social.startSession(draft(ada)).ok());
    const Outcome<QJsonObject> fourth = social.startSession(draft(ada));
    QCOMPARE(fourth.error().kind, DomainError::Kind::Conflict);
    QCOMPARE(fourth.error().message,
             QString("person %1 has 3 live sessions; end one before starting another").arg(ada));
    QCOMPARE(social.liveSessions().size(), 3);
}

void TestSocialService::resultRefusalsForAPersonsToken()
{
    EngineFixture f;
    SocialService &social = f.engine->social();
    const qint64 ada = f.addPerson("Ada");
    const qint64 id = (*social.startSession(draft(ada))).value("sessionId").toInteger();
    QCOMPARE(social.endSession(id, {{"laps", 3}}, personToken(ada)).error().message,
             QString("field 'results': unknown metric 'laps'"));
    QCOMPARE(social.endSession(id, {{"score", "high"}}, admin()).error().message,
             QString("field 'results.score' must be a number"));
    const Outcome<EndedSession> currency = social.endSession(id, {{"revenue", 100}}, personToken(ada));
    QCOMPARE(currency.error().kind, DomainError::Kind::Forbidden);
    QCOMPARE(currency.error().message,
             QString("field 'results.revenue': a person's token may record only wpm, accuracy, score from a session"));
    QCOMPARE(social.endSession(id, {{"accuracy", 101}}, personToken(ada)).error().message,
             QString("field 'results.accuracy' must be a number from 0 to 100"));
    // Refused ends leave the session live; an admin records anything.
    QCOMPARE(social.liveSessions().size(), 1);
    QVERIFY(social.endSession(id, {{"revenue", 100}}, admin()).ok());
    QCOMPARE(social.liveSessions().size(), 0);
}

void TestSocialService::sessionEventsInOrder()
{
    EngineFixture f;
    SocialService &social = f.engine->social();
    const qint64 ada = f.addPerson("Ada");
    f.take();
    const QJsonObject started = *social.startSession(draft(ada));
    const qint64 id = started.value("sessionId").toInteger();
    QCOMPARE(started.value("kind").toString(), QString("typing"));
    QCOMPARE(started.value("name").toString(), QString("Ada"));
    const Outcome<qint64> seq = social.reportProgress(id, {{"wpm", 61}, {"unknown", 1}}, personToken(ada));
    QVERIFY(seq.ok());
    const Outcome<EndedSession> ended = social.endSession(id, {{"score", 420}}, personToken(ada));
    QVERIFY(ended.ok());
    QCOMPARE(ended->activities.size(), 1);
    QCOMPARE(ended->session.value("results").toObject().value("score").toInt(), 420);
    QCOMPARE(ended->session.value("wpm").toInt(), 61);
    QVERIFY(f.engine->flush());
    const EventList events = f.take({"session:started", "progress:update", "activity:new", "session:ended"});
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(0).name, QString("session:started"));
    QCOMPARE(events.at(0).room, QString("tv-display"));
    QCOMPARE(events.at(1).name, QString("progress:update"));
    QCOMPARE(events.at(1).room, QString("session:%1").arg(id));
    QCOMPARE(events.at(1).seq, *seq);
    QCOMPARE(events.at(1).data().value("wpm").toInt(), 61);
    QVERIFY(!events.at(1).data().contains("unknown"));
    QCOMPARE(events.at(2).name, QString("activity:new"));
    QCOMPARE(events.at(3).name, QString("session:ended"));
    QCOMPARE(events.at(3).room, QString("tv-display"));
    QCOMPARE(events.at(3).data(), ended->session);
}

void TestSocialService::liveSessionsSurviveReopen()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    const qint64 first = (*f.engine->social().startSession(draft(ada))).value("sessionId").toInteger();
    const qint64 second = (*f.engine->social().startSession(draft(ada))).value("sessionId").toInteger();
    QVERIFY(f.engine->social().reportProgress(second, {{"score", 12}}, admin()).ok());
    QVERIFY(f.engine->social().endSession(first, {}, admin()).ok());
    QVERIFY(f.engine->flush());
    const QList<QJsonObject> before = f.engine->social().liveSessions();
    f.reopen();
    const QList<QJsonObject> after = f.engine->social().liveSessions();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after, before);
    QCOMPARE(after.first().value("sessionId").toInteger(), second);
    QCOMPARE(after.first().value("score").toInt(), 12);
    QCOMPARE(f.engine->social().endSession(first, {}, admin()).error().message,
             QString("session %1 is not live").arg(first));
}

void TestSocialService::notifications()
{
    EngineFixture f;
    SocialService &social = f.engine->social();
    const qint64 ada = f.addPerson("Ada");
    const qint64 bob = f.addPerson("Bob");
    f.take();
    social.notify(ada, "badge", "Badge earned", "First sale");
    QVERIFY(f.engine->flush());
    const EventList events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().name, QString("notification:new"));
    QCOMPARE(events.first().room, QString("user:%1").arg(ada));
    const qint64 id = events.first().data().value("id").toInteger();
    QCOMPARE(social.notifications(999, false, 10).error().message, QString("person 999 does not exist"));
    const Outcome<NotificationPage> page = social.notifications(ada, true, 10);
    QCOMPARE(page->unread, 1);
    QCOMPARE(page->notifications.size(), 1);
    QCOMPARE(page->notifications.first().title, QString("Badge earned"));
    QCOMPARE(social.markNotificationRead(id + 1, admin()).error().message,
             QString("notification %1 does not exist").arg(id + 1));
    const Outcome<Done> foreign = social.markNotificationRead(id, personToken(bob));
    QCOMPARE(foreign.error().kind, DomainError::Kind::Forbidden);
    QCOMPARE(foreign.error().message, QString("notification %1 belongs to someone else").arg(id));
    QVERIFY(social.markNotificationRead(id, personToken(ada)).ok());
    QVERIFY(f.engine->flush());
    f.reopen();
    QCOMPARE(f.engine->social().notifications(ada, false, 10)->unread, 0);
    QCOMPARE(f.engine->social().notifications(ada, true, 10)->notifications.size(), 0);
    QVERIFY(f.engine->social().notifications(ada, false, 10)->notifications.first().read);
}

void TestSocialService::announcementsExpire()
{
    EngineFixture f;
    AnnouncementDraft flash;
    flash.text = "Doors close at six";
    flash.kind = "flash";
    flash.sound = true;
    flash.durationSeconds = 60;
    const Outcome<Announcement> a = f.engine->social().announce(flash);
    QVERIFY(a.ok());
    QCOMPARE(a->expiresAt, isoTime(f.clock.now().addSecs(60)));
    AnnouncementDraft ticker;
    ticker.text = "Welcome";
    QVERIFY(f.engine->social().announce(ticker)->expiresAt.isEmpty());
    QVERIFY(f.engine->flush());
    const EventList events = f.take({"announcement"});
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.first().room, QString("tv-display"));
    QCOMPARE(events.first().data(), SocialService::json(*a));
    QCOMPARE(f.engine->social().announcements().size(), 2);
    f.clock.advanceSecs(61);
    f.reopen();
    const QList<Announcement> left = f.engine->social().announcements();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().text, QString("Welcome"));
    QCOMPARE(left.first().kind, QString("ticker"));
}

void TestSocialService::broadcast()
{
    EngineFixture f;
    SocialService &social = f.engine->social();
    QCOMPARE(social.broadcast("bad room!", "x", {}).error().message,
             QString("field 'room' must be 1-128 characters of letters, digits, and _ . : -"));
    QCOMPARE(social.broadcast("tv-display", "", {}).error().message,
             QString("field 'event' must be 1-64 characters of letters, digits, and _ . : -"));
    f.take();
    const Outcome<qint64> seq = social.broadcast("team:7", "squad_update", {{"goal", 3}});
    QVERIFY(f.engine->flush());
    const EventList events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().seq, *seq);
    QCOMPARE(events.first().room, QString("team:7"));
    QCOMPARE(events.first().data(), QJsonObject({{"goal", 3}}));
}

QTEST_GUILESS_MAIN(TestSocialService)
#include "tst_socialservice.moc"
