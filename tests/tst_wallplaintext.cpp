// Names, team names, ticker lines, news flashes, contest names and session
// titles come from users; the native wall shows them as typed. With Text's
// default format (AutoText) markup in them rendered and an <img> made the TV
// fetch the image: a QTcpServer on loopback stands in for that remote host
// and must see no connection. Every Text in the rendered wall is PlainText,
// so a new one cannot forget.
#include "engine/engine.h"
#include "http/contestsjson.h"
#include "http/directoryjson.h"
#include "http/socialjson.h"
#include "restcalls.h"
#include "serverhost.h"
#include "wall.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

namespace {

constexpr int kPlainText = 0; // Text.PlainText

void collect(QQuickItem *root, QList<QQuickItem *> *out)
{
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        out->append(child);
        collect(child, out);
    }
}

QList<QQuickItem *> textItems(QQuickItem *root)
{
    QList<QQuickItem *> all;
    collect(root, &all);
    QList<QQuickItem *> out;
    for (QQuickItem *item : std::as_const(all)) {
        if (item->inherits("QQuickText") || item->inherits("QQuickTextEdit"))
            out.append(item);
    }
    return out;
}

// The texts on screen that contain `marker`.
QStringList textsWith(QQuickItem *root, const QString &marker)
{
    QStringList out;
    const auto items = textItems(root);
    for (QQuickItem *item : items) {
        const QString text = item->property("text").toString();
        if (item->isVisible() && text.contains(marker))
            out.append(text);
    }
    return out;
}

// True once slide `index` has faded in (Main.qml: a Loader per slide).
bool slideShown(QQuickItem *root, int index)
{
    QList<QQuickItem *> all;
    collect(root, &all);
    for (QQuickItem *item : std::as_const(all)) {
        if (item->inherits("QQuickLoader") && item->property("shown").toBool()
            && item->property("index").toInt() == index)
            return item->opacity() == 1.0;
    }
    return false;
}

// Text items whose format is not PlainText, named by their text.
QStringList notPlain(QQuickItem *root)
{
    QStringList out;
    const auto items = textItems(root);
    for (QQuickItem *item : items) {
        if (item->property("textFormat").toInt() != kPlainText)
            out.append(QStringLiteral("%1 \"%2\" (format %3)")
                               .arg(QString::fromLatin1(item->metaObject()->className()),
                                    item->property("text").toString())
                               .arg(item->property("textFormat").toInt()));
    }
    return out;
}

} // namespace

class TestWallPlainText : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void markupShowsAsTyped();

private:
    QString image() const
    {
        return QStringLiteral("<img src=\"http://127.0.0.1:%1/x.png\">").arg(m_remote.serverPort());
    }

    QTemporaryDir m_dir;
    ServerHost m_host;
    QTcpServer m_remote; // the "remote host" an <img> would fetch from
};

void TestWallPlainText::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_remote.listen(QHostAddress::LocalHost, 0));
    ServerHost::Config config;
    config.dataDir = m_dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = QStringLiteral("plaintext-admin-token");
    QString error;
    QVERIFY2(m_host.start(config, &error), qPrintable(error));

    const QString img = image();
    bool done = false;
    QString failure;
    m_host.engine()->run(
            [img, &failure](Engine &e) {
                auto check = [&failure](const Reply &r, const char *what) {
                    if (r.status >= 300 && failure.isEmpty())
                        failure = QStringLiteral("%1: %2").arg(QLatin1String(what),
                                                               QString::fromUtf8(QJsonDocument(r.body).toJson()));
                    return r;
                };
                const qint64 evil
                        = check(rest::createPerson(
                                        e, {{"name", img}, {"team", QStringLiteral("<b>Bold</b> %1").arg(img)}}),
                                "person")
                                  .body.value("id")
                                  .toInteger();
                const qint64 bold
                        = check(rest::createPerson(e, {{"name", "<b>Bold</b>"}, {"team", "Plain Team"}}), "person")
                                  .body.value("id")
                                  .toInteger();
                check(testing::recordActivity(e, {{"person", evil}, {"metric", "revenue"}, {"delta", 9000}}),
                      "activity");
                check(testing::recordActivity(e, {{"person", bold}, {"metric", "revenue"}, {"delta", 8000}}),
                      "activity");
                check(testing::recordActivity(e, {{"person", evil}, {"metric", "xp"}, {"delta", 500}}), "activity");
                check(rest::createAnnouncement(e, {{"text", QStringLiteral("ticker %1").arg(img)}, {"kind", "ticker"}}),
                      "ticker");
                check(rest::startSession(e,
                                         {{"person", evil},
                                          {"kind", "practice"},
                                          {"title", QStringLiteral("session %1").arg(img)}}),
                      "session");
                const QDateTime now = QDateTime::currentDateTimeUtc();
                check(rest::createContest(e,
                                          {{"name", QStringLiteral("contest %1").arg(img)},
                                           {"metric", "revenue"},
                                           {"startsAt", now.addSecs(-60).toString(Qt::ISODateWithMs)},
                                           {"endsAt", now.addDays(1).toString(Qt::ISODateWithMs)}}),
                      "contest");
                return Reply {};
            },
            this, [&done](const Reply &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestWallPlainText::cleanupTestCase()
{
    m_host.stop();
}

void TestWallPlainText::markupShowsAsTyped()
{
    QSignalSpy fetched(&m_remote, &QTcpServer::newConnection);
    Wall wall;
    Wall::Config config;
    config.fullScreen = false;
    config.size = QSize(1920, 1080);
    QString error;
    QVERIFY2(wall.openLocal(m_host, config, &error), qPrintable(error));
    QQuickWindow *window = wall.window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QQuickItem *root = window->contentItem();
    const QString img = image();

    // The board, the live strip and the ticker show the raw strings.
    QTRY_VERIFY_WITH_TIMEOUT(textsWith(root, img).contains(img), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(textsWith(root, QStringLiteral("<b>Bold</b>")).contains(QStringLiteral("<b>Bold</b>")),
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(textsWith(root, QStringLiteral("session <img")).contains(QStringLiteral("session ") + img),
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(textsWith(root, QStringLiteral("ticker <img")).contains(QStringLiteral("ticker ") + img),
                             5000);
    // Rendered, and nothing asked the "remote host" for the image: a
    // bounded wait, since a fetch would start within a frame or two.
    window->grabWindow();
    QVERIFY2(!fetched.wait(1500), "the wall fetched an image named in user data");
    QCOMPARE(fetched.count(), 0);
    QStringList wrong = notPlain(root);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QStringLiteral("\n"))));

    // Every slide, and a news flash over them.
    const int slides = window->property("playlist").toList().size();
    QVERIFY(slides >= 3);
    for (int i = 1; i < slides; ++i) {
        window->setProperty("current", i);
        QTRY_VERIFY_WITH_TIMEOUT(slideShown(root, i), 5000);
        window->grabWindow();
        wrong = notPlain(root);
        QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("slide %1:\n").arg(i) + wrong.join(QStringLiteral("\n"))));
    }
    bool flashed = false;
    m_host.engine()->run(
            [img](Engine &e) {
                return rest::createAnnouncement(
                        e, {{"text", QStringLiteral("flash %1").arg(img)}, {"kind", "flash"}, {"durationSeconds", 30}});
            },
            this, [&flashed](const Reply &r) { flashed = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(flashed, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(textsWith(root, QStringLiteral("flash <img")).contains(QStringLiteral("flash ") + img),
                             10000);
    wrong = notPlain(root);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QStringLiteral("\n"))));

    window->grabWindow();
    QVERIFY2(!fetched.wait(1000), "the wall fetched an image named in user data");
    QCOMPARE(fetched.count(), 0);
}

QTEST_MAIN(TestWallPlainText)

#include "tst_wallplaintext.moc"
