// Qt Quick Test for the admin console's forms (tests/qml/admin/tst_*.qml):
// the forms are driven by mouse and keyboard against a real Podium server in
// this process, and the tests read the result back through the REST API.
// QML sees the server as `serverUrl` and `adminToken`, and `remoteHost`: a
// listener on loopback that counts the connections made to it and the paths
// they ask for, standing in for a host an <img> in user data would name.
#include "serverhost.h"

#include <QApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Podium_AdminModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_AdminPlugin)

namespace {
const QString kToken = QStringLiteral("forms-admin-token");
}

class RemoteHost : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int port READ port CONSTANT)
    Q_PROPERTY(int connections READ connections NOTIFY connectionsChanged)
    Q_PROPERTY(QStringList paths READ paths NOTIFY pathsChanged)

public:
    RemoteHost()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                // The request line names what was asked for; the answer is a
                // plain 404 (a bare hang-up would have the client ask again).
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->canReadLine())
                        return;
                    m_paths.append(QString::fromLatin1(socket->readLine().split(' ').value(1)));
                    emit pathsChanged();
                    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
                    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
            emit connectionsChanged();
        });
    }
    int port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    QStringList paths() const { return m_paths; }

signals:
    void connectionsChanged();
    void pathsChanged();

private:
    QTcpServer m_server;
    int m_connections = 0;
    QStringList m_paths; // request paths, in the order they came
};

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
        engine->rootContext()->setContextProperty(QStringLiteral("remoteHost"), &m_remoteHost);
    }

private:
    quint16 m_port;
    RemoteHost m_remoteHost;
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
