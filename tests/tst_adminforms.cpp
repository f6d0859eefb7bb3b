// Qt Quick Test for the admin console's forms (tests/qml/admin/tst_*.qml):
// the forms are driven by mouse and keyboard against a real Podium server in
// this process, and the tests read the result back through the REST API.
// QML sees the server as `serverUrl` and `adminToken`.
#include "serverhost.h"

#include <QApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Podium_AdminModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_AdminPlugin)

namespace {
const QString kToken = QStringLiteral("forms-admin-token");
}

class Setup : public QObject
{
    Q_OBJECT

public:
    explicit Setup(quint16 port) : m_port(port) {}

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->rootContext()->setContextProperty(QStringLiteral("serverUrl"),
                                                  QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        engine->rootContext()->setContextProperty(QStringLiteral("adminToken"), kToken);
    }

private:
    quint16 m_port;
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // before quick_test_main, which then keeps it
    QTemporaryDir dir;
    podium::ServerHost host;
    podium::ServerHost::Config config;
    config.dataDir = dir.path();
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.rateLimit = 0;
    config.adminToken = kToken;
    QString error;
    if (!host.start(config, &error)) {
        qCritical("server did not start: %s", qPrintable(error));
        return 1;
    }
    Setup setup(host.port());
    const int code = quick_test_main_with_setup(argc, argv, "adminforms", QUICK_TEST_SOURCE_DIR, &setup);
    host.stop();
    return code;
}

#include "tst_adminforms.moc"
