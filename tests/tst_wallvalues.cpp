// Figures the native wall writes itself, rather than showing the server's
// `formatted`, go through Fmt.value like everything else: a live session's
// accuracy and score read as the same percent and points do on every screen
// (docs/API.md, "Values on screen").
#include "engine/engine.h"
#include "http/directoryjson.h"
#include "http/socialjson.h"
#include "serverhost.h"
#include "wall.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

namespace {

// The visible texts under `root` that contain `marker`.
void textsWith(QQuickItem *root, const QString &marker, QStringList *out)
{
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (child->inherits("QQuickText") && child->isVisible()) {
            const QString text = child->property("text").toString();
            if (text.contains(marker))
                out->append(text);
        }
        textsWith(child, marker, out);
    }
}

QStringList textsWith(QQuickItem *root, const QString &marker)
{
    QStringList out;
    textsWith(root, marker, &out);
    return out;
}

} // namespace

class TestWallValues : public QObject
{
    Q_OBJECT

private slots:
    void liveSessionFigures();
};

void TestWallValues::liveSessionFigures()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerHost host;
    ServerHost::Config config;
    config.dataDir = dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.adminToken = QStringLiteral("wall-values-admin-token");
    QString error;
    QVERIFY2(host.start(config, &error), qPrintable(error));

    bool done = false;
    QString failure;
    host.engine()->run(
            [&failure](Engine &e) {
                const Reply person = rest::createPerson(e, {{"name", "Ada Lovelace"}});
                const Reply session
                        = rest::startSession(e, {{"person", person.body.value("id")}, {"title", "Typing sprint"}});
                Identity admin;
                admin.kind = Identity::Kind::Admin;
                const Reply progress
                        = rest::sessionProgress(e, session.body.value("sessionId").toInteger(),
                                                {{"wpm", 72.4}, {"accuracy", 96}, {"score", 1234.5}}, admin);
                if (person.status != 201 || session.status != 201 || progress.status != 200)
                    failure = QStringLiteral("statuses %1 %2 %3")
                                      .arg(person.status)
                                      .arg(session.status)
                                      .arg(progress.status);
                return Reply {};
            },
            this, [&done](const Reply &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    Wall wall;
    Wall::Config wallConfig;
    wallConfig.fullScreen = false;
    wallConfig.size = QSize(1920, 1080);
    QVERIFY2(wall.openLocal(host, wallConfig, &error), qPrintable(error));
    QVERIFY(QTest::qWaitForWindowExposed(wall.window()));
    QQuickItem *root = wall.window()->contentItem();
    QTRY_COMPARE_WITH_TIMEOUT(textsWith(root, QStringLiteral(" wpm")),
                              QStringList {QStringLiteral("72 wpm  ·  96%  ·  1,234.5 pts")}, 15000);
    host.stop();
}

QTEST_MAIN(TestWallValues)
#include "tst_wallvalues.moc"
