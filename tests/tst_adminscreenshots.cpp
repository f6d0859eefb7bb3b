// Renders every admin console page at 1440×900 against a real server with
// demo data and checks what is drawn: not blank, the page's title, and the
// actions a manager looks for. Images go to <build>/screenshots/admin-*.png,
// and to docs/screenshots/ when PODIUM_UPDATE_SCREENSHOTS=1.
#include "adminapi.h"
#include "adminwindow.h"
#include "engine/engine.h"
#include "hubfixture.h"
#include "serverhost.h"

#include <QApplication>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace podium;

namespace {

void collect(QQuickItem *root, QList<QQuickItem *> *out)
{
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        out->append(child);
        collect(child, out);
    }
}

bool effectivelyVisible(QQuickItem *item)
{
    for (QQuickItem *p = item; p; p = p->parentItem()) {
        if (!p->isVisible() || p->opacity() <= 0.01)
            return false;
    }
    return true;
}

// A ChartView, also through a QML type derived from it.
bool isChart(QObject *item)
{
    for (const QMetaObject *mo = item->metaObject(); mo; mo = mo->superClass()) {
        if (QByteArray(mo->className()).contains("DeclarativeChart"))
            return true;
    }
    return false;
}

// The texts of visible Text items and Controls (buttons, tabs) on screen.
QStringList visibleTexts(QQuickItem *root)
{
    QList<QQuickItem *> items;
    collect(root, &items);
    QStringList out;
    for (QQuickItem *item : items) {
        if (!effectivelyVisible(item))
            continue;
        if (item->inherits("QQuickText") || item->inherits("QQuickAbstractButton"))
            out.append(item->property("text").toString());
        else if (isChart(item))
            out.append(item->property("title").toString()); // charts draw their titles themselves
    }
    return out;
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += image.height() / 60)
        for (int x = 0; x < image.width(); x += image.width() / 80)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestAdminScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void page_data();
    void page();

private:
    QJsonObject rest(const QByteArray &verb, const QString &path, const QJsonObject &body = {});

    QTemporaryDir m_dir;
    ServerHost m_host;
    QNetworkAccessManager m_nam;
    QQmlApplicationEngine m_engine;
    QQuickWindow *m_window = nullptr;
    QList<std::shared_ptr<testing::Client>> m_clients;
    const QString m_token = QStringLiteral("screenshot-admin");
};

QJsonObject TestAdminScreenshots::rest(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_host.port()).arg(path)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    QNetworkReply *reply = m_nam.sendCustomRequest(req, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(10000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void TestAdminScreenshots::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("PODIUM_DEMO_SEED", "7");
    qputenv("PODIUM_DEMO_INTERVAL_MS", "400");
    ServerHost::Config config;
    config.dataDir = m_dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.demo = true;
    config.rateLimit = 0;
    config.adminToken = m_token;
    QString error;
    QVERIFY2(m_host.start(config, &error), qPrintable(error));

    // A few screens watching, so the Live page has rows.
    const QString ws = QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_host.port());
    const QList<QStringList> rooms{{"tv-display", "leaderboard:revenue", "activity:feed"}, {"tv-display"}, {"leaderboard:signups"}};
    for (const QStringList &r : rooms) {
        auto c = std::make_shared<testing::Client>(ws);
        QVERIFY(c->waitConnected());
        for (const QString &room : r)
            QVERIFY(c->join(room));
        m_clients.append(c);
    }
    rest("POST", "/api/announcements", {{"text", "Pizza at 5 in the kitchen"}, {"kind", "ticker"}});
    rest("POST", "/api/announcements", {{"text", "Q4 kickoff Monday 9:00"}, {"kind", "ticker"}});
    rest("POST", "/api/tokens", {{"kind", "display"}, {"label", "Lobby TV"}});
    rest("POST", "/api/tokens", {{"kind", "integration"}, {"label", "CRM sync"}});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    rest("POST", "/api/contests", {{"name", "December Sprint"}, {"metric", "signups"},
                                   {"startsAt", now.addDays(3).toString(Qt::ISODate)},
                                   {"endsAt", now.addDays(10).toString(Qt::ISODate)},
                                   {"prizes", QJsonArray{"$500 gift card", "Team lunch"}}});
    // Let the demo floor produce a few minutes' worth of activity: 15 more
    // activities (one per demo step), as the server counts them.
    const auto activities = [this] {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_host.port())));
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        QNetworkReply *reply = m_nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        reply->deleteLater();
        const QByteArray metrics = reply->readAll();
        const QByteArray name("\npodium_ingest_activities_total ");
        const qsizetype at = metrics.indexOf(name);
        return at < 0 ? -1 : metrics.mid(at + name.size(), metrics.indexOf('\n', at + 1) - at - name.size()).toInt();
    };
    const int activitiesBefore = activities();
    QVERIFY(activitiesBefore >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(activities() >= activitiesBefore + 15, 30000);

    QString openError;
    m_window = openAdminConsole(m_engine, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_host.port())), m_token,
                                &openError, QSize(1440, 900));
    QVERIFY2(m_window, qPrintable(openError));
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestAdminScreenshots::cleanupTestCase()
{
    m_clients.clear();
    m_engine.deleteLater();
    m_host.stop();
}

void TestAdminScreenshots::page_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected"); // texts a manager must see on this page

    QTest::newRow("people") << 0 << "admin-people.png"
                            << QStringList{"People & Teams", "+ New person", "Add person", "Teams", "Tokens", "Issue", "Maya Thompson"};
    // The same page with the first person picked: the editor filled in.
    QTest::newRow("people, editing") << 0 << "admin-people-edit.png"
                                     << QStringList {"Edit Maya Thompson", "Save changes", "Deactivate", "Tokens",
                                                     "Maya Thompson"};
    QTest::newRow("activity") << 1 << "admin-activity.png"
                              << QStringList{"Record activity", "Record", "Award XP", "Award badge", "Void", "Recent activity"};
    QTest::newRow("contests") << 2 << "admin-contests.png"
                              << QStringList{"All contests", "Start now", "End now", "Record payout", "Create contest", "December Sprint"};
    QTest::newRow("rules") << 3 << "admin-rules.png"
                           << QStringList{"Milestone rules", "Add rule", "Levels & tiers", "Save levels and tiers", "Save badge"};
    QTest::newRow("announcements") << 4 << "admin-announcements.png"
                                   << QStringList{"New announcement", "Send to the wall", "Preview", "Pizza at 5 in the kitchen"};
    QTest::newRow("live") << 5 << "admin-live.png"
                          << QStringList{"Connections", "Kick", "Connections (last 30 min)", "Events per minute", "Totals by team (this month)"};
    QTest::newRow("log") << 6 << "admin-log.png" << QStringList{"Filters", "Apply", "Events", "Next ›", "Export CSV", "activity:new"};
    QTest::newRow("import") << 7 << "admin-import.png"
                            << QStringList{"1 · CSV to import", "Check lines", "2 · Preview", "Export leaderboard", "✓ ready", "✗ unknown person 'Nobody Here'"};
}

void TestAdminScreenshots::page()
{
    QFETCH(int, index);
    QFETCH(QString, file);
    QFETCH(QStringList, expected);

    QQuickItem *root = m_window->contentItem();
    m_window->setProperty("currentPage", index);
    if (file == QLatin1String("admin-people-edit.png")) {
        QObject *people = m_window->findChild<QObject *>(QStringLiteral("peoplePage"));
        QVERIFY(people);
        auto *list = people->property("people").value<QObject *>();
        QVERIFY(list);
        QTRY_VERIFY_WITH_TIMEOUT(list->property("count").toInt() > 0, 10000);
        QVariantMap first;
        QVERIFY(QMetaObject::invokeMethod(list, "get", Q_RETURN_ARG(QVariantMap, first), Q_ARG(int, 0)));
        QVERIFY(QMetaObject::invokeMethod(people, "edit", Q_ARG(QVariant, QVariant(first))));
    }
    if (file == QLatin1String("admin-import.png")) {
        // Show the preview with one good and one bad line.
        auto *text = m_window->findChild<QObject *>(QStringLiteral("csvText"));
        auto *importer = m_window->findChild<QObject *>(QStringLiteral("csvImport"));
        QVERIFY(text && importer);
        text->setProperty("text", QStringLiteral("person,metric,amount,key\nMaya Thompson,revenue,2500,deal-1\n"
                                                 "Nobody Here,revenue,100,deal-2\nDerek Alvarez,signups,3x,su-1\n"
                                                 "Priya Natarajan,signups,2,su-2\n"));
        QMetaObject::invokeMethod(importer, "load", Q_ARG(QString, text->property("text").toString()));
    }
    QStringList missing;
    QTRY_VERIFY2_WITH_TIMEOUT(([&] {
                                 const QStringList texts = visibleTexts(root);
                                 missing.clear();
                                 for (const QString &e : expected) {
                                     if (!texts.contains(e))
                                         missing.append(e);
                                 }
                                 return missing.isEmpty();
                             }()),
                             qPrintable(QStringLiteral("not on screen: ") + missing.join(QStringLiteral(" | "))), 15000);
    // Charts and lists settle once the console has every answer it asked for.
    auto *api = m_window->findChild<AdminApi *>();
    QVERIFY(api);
    QTRY_COMPARE_WITH_TIMEOUT(api->pending(), 0, 10000);

    const QImage image = m_window->grabWindow();
    QCOMPARE(image.size(), QSize(1440, 900));
    QVERIFY2(distinctColours(image) > 12, "the page looks blank");
    const QString out = QDir::currentPath() + QStringLiteral("/screenshots/");
    QDir().mkpath(out);
    QVERIFY(image.save(out + file));
    if (qEnvironmentVariableIntValue("PODIUM_UPDATE_SCREENSHOTS") == 1) {
        const QString docs = QStringLiteral(PODIUM_SOURCE_DIR "/docs/screenshots/");
        QDir().mkpath(docs);
        QVERIFY(image.save(docs + file));
    }
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // QtCharts draws through Graphics View
    TestAdminScreenshots test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_adminscreenshots.moc"
