// Renders the TV wall with demo data at 1080p and 4K and checks what is drawn:
// not blank, the brand, the slide title, the link state and real names on the
// podium. The images go to <build>/screenshots/, and to docs/screenshots/
// when PODIUM_UPDATE_SCREENSHOTS=1. Under Xvfb (xvfb-run) the celebration
// shot shows the confetti; the offscreen platform draws no particles.
#include "engine/engine.h"
#include "http/directoryjson.h"
#include "restcalls.h"
#include "serverhost.h"
#include "wall.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

namespace {

const QStringList kDemoPeople{"Maya Thompson", "Derek Alvarez", "Priya Natarajan", "Jordan Ellis",
                              "Tessa Morgan", "Marcus Bell", "Lena Kowalski", "Andre Jackson",
                              "Sofia Reyes", "Caleb Brooks", "Hannah Price", "Omar Haddad"};

// The visual tree below `root` (Loader and Repeater items are not always
// QObject children, but always visual ones).
void collect(QQuickItem *root, QList<QQuickItem *> *out)
{
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        out->append(child);
        collect(child, out);
    }
}

QList<QQuickItem *> allItems(QQuickItem *root)
{
    QList<QQuickItem *> out;
    collect(root, &out);
    return out;
}

// Every visible text on screen, from the Text items' `text` property.
QStringList visibleTexts(QQuickItem *root)
{
    QStringList out;
    const auto items = allItems(root);
    for (QQuickItem *item : items) {
        if (!item->isVisible() || item->opacity() <= 0.01 || !item->inherits("QQuickText"))
            continue;
        // An invisible ancestor hides the text too.
        bool shown = true;
        for (QQuickItem *p = item->parentItem(); p && shown; p = p->parentItem())
            shown = p->isVisible() && p->opacity() > 0.01;
        if (shown)
            out.append(item->property("text").toString());
    }
    return out;
}

QStringList namedTexts(QQuickItem *root, const QString &objectName)
{
    QStringList out;
    const auto items = allItems(root);
    for (QQuickItem *item : items) {
        const QString t = item->property("text").toString();
        if (item->objectName() == objectName && item->isVisible() && !t.isEmpty())
            out.append(t);
    }
    return out;
}

// Blank means one flat colour: count distinct colours on a coarse grid.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += image.height() / 60)
        for (int x = 0; x < image.width(); x += image.width() / 80)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// `publish`: one of the pictures kept in docs/screenshots (the others are for
// looking at after a run).
void save(const QImage &image, const QString &name, bool publish = true)
{
    QDir().mkpath(QStringLiteral("screenshots"));
    QVERIFY(image.save(QStringLiteral("screenshots/") + name));
    if (publish && qEnvironmentVariableIntValue("PODIUM_UPDATE_SCREENSHOTS") == 1) {
        const QString docs = QStringLiteral(PODIUM_SOURCE_DIR "/docs/screenshots/");
        QDir().mkpath(docs);
        QVERIFY(image.save(docs + name));
    }
}

} // namespace

class TestWallScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void renders_data();
    void renders();
    void slides();
    void celebration();
    void unknownScreenIsAnError();

private:
    // Records believable activity for everyone, so every board is full.
    void seedActivity();
    void drainCelebrations(QQuickWindow *window);
    QQuickWindow *openWall(Wall &wall, const QSize &size);

    QTemporaryDir m_dir;
    ServerHost m_host;
};

void TestWallScreenshots::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("PODIUM_DEMO_SEED", "7");
    qputenv("PODIUM_DEMO_INTERVAL_MS", "1500");
    ServerHost::Config config;
    config.dataDir = m_dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.demo = true;
    config.adminToken = QStringLiteral("screenshot-admin");
    QString error;
    QVERIFY2(m_host.start(config, &error), qPrintable(error));
    seedActivity();
}

void TestWallScreenshots::cleanupTestCase()
{
    m_host.stop();
}

void TestWallScreenshots::seedActivity()
{
    bool done = false;
    m_host.engine()->run(
            [](Engine &e) {
                const QJsonArray people = rest::listPeople(e).body.value("people").toArray();
                int i = 0;
                for (const QJsonValue &p : people) {
                    const qint64 id = p.toObject().value("id").toInteger();
                    const double k = 1 + (i * 7) % 12;
                    testing::recordActivity(e, {{"person", id}, {"metric", "revenue"}, {"delta", 4000 + 2750 * k}});
                    testing::recordActivity(e, {{"person", id}, {"metric", "signups"}, {"delta", 2 + (i * 5) % 9}});
                    testing::recordActivity(e, {{"person", id}, {"metric", "xp"}, {"delta", 300 + 170 * k}});
                    ++i;
                }
                return Reply {};
            },
            this, [&done](const Reply &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
}

void TestWallScreenshots::drainCelebrations(QQuickWindow *window)
{
    // The demo keeps celebrating: finish whatever plays until the overlay is
    // gone, also what arrives meanwhile.
    auto *overlay = window->findChild<QQuickItem *>(QStringLiteral("celebrationOverlay"));
    QVERIFY(overlay);
    QObject *queue = overlay->property("queue").value<QObject *>();
    QVERIFY(queue);
    const bool clear = QTest::qWaitFor([&] {
        while (queue->property("active").toBool())
            QMetaObject::invokeMethod(queue, "finishCurrent");
        return overlay->opacity() == 0.0;
    }, 15000);
    QVERIFY2(clear, "the celebration overlay did not go away");
}

QQuickWindow *TestWallScreenshots::openWall(Wall &wall, const QSize &size)
{
    Wall::Config config;
    config.fullScreen = false;
    config.size = size;
    QString error;
    if (!wall.openLocal(m_host, config, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    wall.window()->resize(size);
    return wall.window();
}

void TestWallScreenshots::renders_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("file");
    QTest::newRow("1080p") << QSize(1920, 1080) << QStringLiteral("wall-1080p.png");
    QTest::newRow("4k") << QSize(3840, 2160) << QStringLiteral("wall-4k.png");
}

void TestWallScreenshots::renders()
{
    QFETCH(QSize, size);
    QFETCH(QString, file);
    Wall wall;
    QQuickWindow *window = openWall(wall, size);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QQuickItem *root = window->contentItem();

    // The podium fills from the engine's snapshot. On failure the picture
    // of what was drawn is still saved, to see why.
    const bool filled = QTest::qWaitFor([root] {
        return namedTexts(root, "podiumName").size() >= 3 && namedTexts(root, "boardName").size() >= 5;
    }, 15000);
    if (!filled)
        save(window->grabWindow(), QStringLiteral("failed-") + file);
    QVERIFY2(filled, qPrintable(visibleTexts(root).join(" | ")));
    drainCelebrations(window);
    // Let rows settle and numbers finish counting: a fixed pause, since there
    // is no end to await. The demo records every 1.5 s, so rows and numbers
    // start moving again all the time, and the offscreen renderer advances
    // animations per frame (slow at 4K), so a moment with nothing moving may
    // never come; ListView transitions also report running long after.
    QTest::qWait(2500);
    drainCelebrations(window);

    const QImage image = window->grabWindow();
    QCOMPARE(image.size(), size);
    save(image, file);
    QVERIFY2(distinctColours(image) > 40, "the wall looks blank");

    const QStringList texts = visibleTexts(root);
    QVERIFY2(texts.contains("PODIUM"), qPrintable(texts.join(" | ")));
    QVERIFY(texts.contains("Revenue Leaders"));
    QVERIFY(texts.contains("LIVE"));
    QVERIFY(texts.contains("LATEST"));
    int people = 0;
    for (const QString &name : kDemoPeople)
        people += texts.contains(name) ? 1 : 0;
    QVERIFY2(people >= 8, qPrintable(QString::number(people)));
}

void TestWallScreenshots::slides()
{
    Wall wall;
    QQuickWindow *window = openWall(wall, QSize(1920, 1080));
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY_WITH_TIMEOUT(namedTexts(window->contentItem(), "podiumName").size() >= 3, 15000);
    const QStringList kinds{"board", "teams", "contest", "board", "chart", "board"};
    for (int i = 1; i < kinds.size(); ++i) {
        window->setProperty("current", i);
        QTest::qWait(2500); // the slide comes in: a fixed pause, as in renders()
        drainCelebrations(window);
        save(window->grabWindow(), QStringLiteral("wall-slide-%1-%2.png").arg(i).arg(kinds.at(i)), false);
    }
    window->setProperty("current", 1);
    QTRY_VERIFY_WITH_TIMEOUT(namedTexts(window->contentItem(), "teamName").contains("Storm Chasers"), 10000);
}

void TestWallScreenshots::celebration()
{
    Wall wall;
    QQuickWindow *window = openWall(wall, QSize(1920, 1080));
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY_WITH_TIMEOUT(namedTexts(window->contentItem(), "podiumName").size() >= 3, 15000);
    drainCelebrations(window);

    bool done = false;
    m_host.engine()->run(
            [](Engine &e) {
                const qint64 id
                        = rest::listPeople(e).body.value("people").toArray().first().toObject().value("id").toInteger();
                return testing::awardBadge(e, id, QStringLiteral("millionaire"), QStringLiteral("$1M in one month"));
            },
            this, [&done](const Reply &r) { done = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(namedTexts(window->contentItem(), "celebrationTitle").contains("Millionaire Badge Earned!"), 10000);
    // Mid-shower: a fixed pause, since where the confetti pieces have fallen
    // to is not observable from here (the particle system shows no count or
    // positions), only that the overlay is up.
    QTest::qWait(1600);
    const QImage image = window->grabWindow();
    save(image, QStringLiteral("wall-celebration.png"));
    QVERIFY(distinctColours(image) > 40);
    QCOMPARE(namedTexts(window->contentItem(), "celebrationRarity").value(0), QStringLiteral("LEGENDARY  BADGE"));
}

void TestWallScreenshots::unknownScreenIsAnError()
{
    Wall wall;
    Wall::Config config;
    config.screen = 42;
    QString error;
    QVERIFY(!wall.openLocal(m_host, config, &error));
    QVERIFY2(error.contains("--screen 42"), qPrintable(error));
    QVERIFY(!wall.openRemote(QUrl("http://example.invalid:5000"), QString(), config, &error));
    QVERIFY2(error.contains("ws://"), qPrintable(error));
}

QTEST_MAIN(TestWallScreenshots)
#include "tst_wallscreenshots.moc"
