#pragma once

// A real PostgreSQL server for one test run: initdb into a temporary
// directory, pg_ctl start on a free port, stopped (and removed) at the end.
// Debian keeps the server binaries in /usr/lib/postgresql/<version>/bin;
// PostgreSQL refuses to run as root, so as root it runs as the `postgres`
// user over a directory handed to that user.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

namespace podium::testing {

class PostgresServer
{
public:
    PostgresServer()
    {
        m_dir.setAutoRemove(true);
        m_bin = binDir();
    }
    ~PostgresServer() { stop(); }

    // The reason it could not start, or an empty string once it runs.
    QString start()
    {
        if (m_bin.isEmpty())
            return QStringLiteral("no PostgreSQL server binaries (Debian: postgresql)");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        if (::geteuid() == 0
            && !run({QStringLiteral("chown"), QStringLiteral("-R"), QStringLiteral("postgres"), m_dir.path()}))
            return QStringLiteral("cannot hand the data directory to the postgres user");
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        const QString data = m_dir.filePath(QStringLiteral("data"));
        if (!runAsServerUser(
                    {m_bin + "/initdb", "-D", data, "-U", "podium", "--auth=trust", "-E", "UTF8", "--no-sync"}))
            return QStringLiteral("initdb failed: ") + m_output;
        const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                                        .arg(m_port)
                                        .arg(m_dir.path());
        if (!runAsServerUser(
                    {m_bin + "/pg_ctl", "-D", data, "-o", options, "-l", m_dir.filePath("log"), "-w", "start"}))
            return QStringLiteral("pg_ctl start failed: ") + m_output;
        m_running = true;
        return {};
    }

    void stop()
    {
        if (m_running)
            runAsServerUser(
                    {m_bin + "/pg_ctl", "-D", m_dir.filePath(QStringLiteral("data")), "-m", "fast", "-w", "stop"});
        m_running = false;
    }

    // A fresh, empty database on the server, as a postgres:// URL.
    QString createDatabase(const QString &name)
    {
        if (!runAsServerUser(
                    {m_bin + "/createdb", "-h", "127.0.0.1", "-p", QString::number(m_port), "-U", "podium", name}))
            return {};
        return QStringLiteral("postgres://podium@127.0.0.1:%1/%2").arg(m_port).arg(name);
    }

private:
    static QString binDir()
    {
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"));
        if (!onPath.isEmpty())
            return QFileInfo(onPath).canonicalPath();
        QDir versions(QStringLiteral("/usr/lib/postgresql"));
        const QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
        for (const QString &v : found) {
            if (QFileInfo::exists(versions.filePath(v + "/bin/pg_ctl")))
                return versions.filePath(v + "/bin");
        }
        return {};
    }

    bool runAsServerUser(QStringList command)
    {
        if (::geteuid() == 0)
            command = QStringList {QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"),
                                   QStringLiteral("--")}
                    + command;
        return run(command);
    }

    bool run(const QStringList &command)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(command.first(), command.mid(1));
        const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        m_output = QString::fromLocal8Bit(p.readAll());
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_output;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace podium::testing
