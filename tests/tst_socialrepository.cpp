// SocialRepository on a real SQLite file: notifications, announcements and
// sessions come back as written.

#include "store/batchwriter.h"
#include "store/socialrepository.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace podium;

class TestSocialRepository : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void notificationsRoundTrip();
    void announcementsUntilTheyExpire();
    void onlyLiveSessionsLoad();

private:
    void reopen();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<DirectWriter> m_writer;
    std::unique_ptr<SocialRepository> m_repo;
};

void TestSocialRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    reopen();
}

void TestSocialRepository::cleanup()
{
    m_repo.reset();
    m_writer.reset();
    m_store.reset();
}

void TestSocialRepository::reopen()
{
    m_repo.reset();
    m_writer.reset();
    m_store = std::make_unique<Store>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath("podium.db"), &error), qPrintable(error));
    m_writer = std::make_unique<DirectWriter>(*m_store);
    m_repo = std::make_unique<SocialRepository>(*m_writer);
}

void TestSocialRepository::notificationsRoundTrip()
{
    const qint64 first = m_repo->nextId("notifications");
    m_repo->insertNotification({first, 1, "badge", "Badge earned", "First sale", false, "2026-11-18T15:00:00.000Z"});
    const qint64 second = m_repo->nextId("notifications");
    QCOMPARE(second, first + 1);
    m_repo->insertNotification({second, 1, "contest", "Second place", "", false, "2026-11-18T15:01:00.000Z"});
    m_repo->insertNotification({m_repo->nextId("notifications"), 2, "badge", "Other", "", false, "x"});
    m_repo->markRead(first);
    reopen();
    QCOMPARE(m_repo->unreadCount(1), 1);
    QCOMPARE(m_repo->notificationOwner(second), std::optional<qint64>(1));
    QCOMPARE(m_repo->notificationOwner(99), std::nullopt);
    const QList<Notification> all = m_repo->notifications(1, false, 10);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, second); // newest first
    QCOMPARE(all.at(1).title, QString("Badge earned"));
    QCOMPARE(all.at(1).body, QString("First sale"));
    QCOMPARE(all.at(1).kind, QString("badge"));
    QVERIFY(all.at(1).read);
    QCOMPARE(all.at(1).createdAt, QString("2026-11-18T15:00:00.000Z"));
    QCOMPARE(m_repo->notifications(1, true, 10).size(), 1);
    QCOMPARE(m_repo->notifications(1, false, 1).size(), 1);
}

void TestSocialRepository::announcementsUntilTheyExpire()
{
    m_repo->insertAnnouncement({1, "Welcome", "ticker", false, "2026-11-18T15:00:00.000Z", QString()});
    m_repo->insertAnnouncement(
            {2, "Doors close", "flash", true, "2026-11-18T15:00:00.000Z", "2026-11-18T15:01:00.000Z"});
    reopen();
    const QList<Announcement> before = m_repo->announcements("2026-11-18T15:00:30.000Z");
    QCOMPARE(before.size(), 2);
    QCOMPARE(before.at(0).id, 2);
    QCOMPARE(before.at(0).kind, QString("flash"));
    QVERIFY(before.at(0).sound);
    QCOMPARE(before.at(0).expiresAt, QString("2026-11-18T15:01:00.000Z"));
    QVERIFY(before.at(1).expiresAt.isEmpty());
    const QList<Announcement> after = m_repo->announcements("2026-11-18T15:01:00.000Z");
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().text, QString("Welcome"));
}

void TestSocialRepository::onlyLiveSessionsLoad()
{
    const QJsonObject started {{"sessionId", 1}, {"person", 1}, {"kind", "typing"}};
    m_repo->insertSession(1, 1, "typing", "2026-11-18T15:00:00.000Z", started);
    m_repo->insertSession(2, 1, "typing", "2026-11-18T15:00:00.000Z", {{"sessionId", 2}});
    QJsonObject progressed = started;
    progressed.insert("wpm", 61);
    m_repo->updateSession(1, progressed);
    m_repo->endSession(2, "2026-11-18T15:02:00.000Z", {{"sessionId", 2}, {"endedAt", "2026-11-18T15:02:00.000Z"}});
    reopen();
    QHash<qint64, QJsonObject> live;
    QString error;
    m_repo->loadLiveSessions(&live, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(live.size(), 1);
    QCOMPARE(live.value(1), progressed);
}

QTEST_GUILESS_MAIN(TestSocialRepository)
#include "tst_socialrepository.moc"
