// SendAnnouncementTask against a real server: a flash with its duration, a
// ticker line with the server's default, and the refusals — the console's
// before any request, the server's verbatim.
#include "admintaskfixture.h"
#include "sendannouncementtask.h"

using namespace podium;
using namespace podium::testing;

class TestSendAnnouncementTask : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_admin = std::make_unique<AdminServer>();
        QVERIFY(m_admin->server.started);
    }
    void cleanup() { m_admin.reset(); }

    void sendsAFlashForHalfAnHour()
    {
        auto task = m_admin->task<SendAnnouncementTask>();
        task->setProperty("text", "  Pizza at five ");
        task->setProperty("kind", "flash");
        task->setProperty("sound", true);
        task->setProperty("duration", "30");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        QCOMPARE(rec.finishes(), QList<bool> {true});
        QCOMPARE(task->announcement().value("kind").toString(), QString("flash"));

        const QJsonArray list = announcements();
        QCOMPARE(list.size(), 1);
        const QJsonObject sent = list.first().toObject();
        QCOMPARE(sent.value("text").toString(), QString("Pizza at five"));
        QCOMPARE(sent.value("kind").toString(), QString("flash"));
        QCOMPARE(sent.value("sound").toBool(), true);
        const qint64 seconds
                = QDateTime::fromString(sent.value("createdAt").toString(), Qt::ISODateWithMs)
                          .secsTo(QDateTime::fromString(sent.value("expiresAt").toString(), Qt::ISODateWithMs));
        QCOMPARE(seconds, 30 * 60);
    }

    void aTickerLineWithoutADuration()
    {
        auto task = m_admin->task<SendAnnouncementTask>();
        task->setProperty("text", "Kickoff on Monday");
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(true));
        const QJsonObject sent = announcements().first().toObject();
        QCOMPARE(sent.value("kind").toString(), QString("ticker"));
        QCOMPARE(sent.value("sound").toBool(), false);
        QCOMPARE(task->announcement().value("id").toLongLong(), sent.value("id").toInteger());
    }

    void refusedBeforeAnyRequest_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("error");
        QTest::newRow("no text") << "   "
                                 << ""
                                 << "field 'text' is empty: write what the wall should say";
        QTest::newRow("a word") << "Kickoff"
                                << "soon"
                                << "duration: 'soon' is not a positive number of minutes";
        QTest::newRow("zero") << "Kickoff"
                              << "0"
                              << "duration: '0' is not a positive number of minutes";
        QTest::newRow("blank") << "Kickoff"
                               << " "
                               << "duration: ' ' is not a positive number of minutes";
        QTest::newRow("negative") << "Kickoff"
                                  << "-5"
                                  << "duration: '-5' is not a positive number of minutes";
    }

    void refusedBeforeAnyRequest()
    {
        QFETCH(QString, text);
        QFETCH(QString, duration);
        QFETCH(QString, error);
        auto task = m_admin->task<SendAnnouncementTask>();
        task->setProperty("text", text);
        task->setProperty("duration", duration);
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(rec.finishes(), QList<bool> {false});
        QCOMPARE(task->error(), error);
        QCOMPARE(m_admin->api.pending(), 0);
        QCOMPARE(announcements().size(), 0);
    }

    void theServerRefusesALongLine()
    {
        auto task = m_admin->task<SendAnnouncementTask>();
        task->setProperty("text", QString(281, QLatin1Char('x')));
        StateRecorder rec(task.get());
        QVERIFY(task->start());
        QVERIFY(rec.waitFinished());
        QCOMPARE(rec.states(), aRunThat(false));
        QCOMPARE(task->error(), QString("field 'text' must be 1 to 280 characters"));
        QCOMPARE(task->announcement(), QVariantMap());
        QCOMPARE(announcements().size(), 0);
    }

private:
    QJsonArray announcements()
    {
        return m_admin->server.request("GET", "/api/announcements").value("announcements").toArray();
    }

    std::unique_ptr<AdminServer> m_admin;
};

QTEST_MAIN(TestSendAnnouncementTask)
#include "tst_sendannouncementtask.moc"
