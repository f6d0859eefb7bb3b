#include "store/store.h"

#include "logging.h"
#include "store/schema.h"
#include "store/sqlitewriter.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>

#include <algorithm>

namespace podium {

namespace {
QAtomicInt connectionCounter;

QString dialect(QString sql, Store::Kind kind)
{
    const bool pg = kind == Store::Kind::Postgres;
    sql.replace(QLatin1String("{REAL}"), pg ? QLatin1String("DOUBLE PRECISION") : QLatin1String("REAL"));
    sql.replace(QLatin1String("{BIGINT}"), pg ? QLatin1String("BIGINT") : QLatin1String("INTEGER"));
    return sql;
}
// The database holds people, tokens' hashes and every score: its owner's only.
// SQLite makes a new file 0644 under the usual umask and gives the -wal and
// -shm files the database file's mode, so a database file created here,
// 0600, before SQLite opens it keeps all three private. An existing one (and
// its -wal/-shm) that others could read is narrowed and logged.
bool makeOwnerOnly(const QString &database, QString *error)
{
    if (database.isEmpty() || database == QLatin1String(":memory:") || database.startsWith(QLatin1String("file:")))
        return true;
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto othersMayUse = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!QFileInfo::exists(database)) {
        QFile file(database);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly)) {
            if (error)
                *error = file.errorString();
            return false;
        }
        return true;
    }
    for (const QString &path : {database, database + QLatin1String("-wal"), database + QLatin1String("-shm")}) {
        const QFileInfo info(path);
        if (!info.exists() || !(info.permissions() & othersMayUse))
            continue;
        if (!QFile::setPermissions(path, ownerOnly)) {
            if (error)
                *error = QStringLiteral("cannot restrict '%1' to its owner").arg(path);
            return false;
        }
        qCInfo(lcStore) << path << "was open to others; now its owner's only";
    }
    return true;
}
} // namespace

Store::Store() = default;

Store::~Store()
{
    close();
}

bool Store::open(const QString &target, QString *error)
{
    m_connectionName = QStringLiteral("podium-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    if (target.startsWith(QLatin1String("postgres://")) || target.startsWith(QLatin1String("postgresql://"))) {
        const QUrl url(target);
        m_kind = Kind::Postgres;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        m_db.setHostName(url.host());
        m_db.setPort(url.port(5432));
        m_db.setUserName(url.userName());
        m_db.setPassword(url.password());
        m_db.setDatabaseName(url.path().mid(1));
    } else {
        m_kind = Kind::Sqlite;
        if (!makeOwnerOnly(target, error))
            return false;
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(target);
    }
    if (!m_db.open()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    if (m_kind == Kind::Sqlite) {
        // WAL lets readers run beside the writer; synchronous=FULL fsyncs the
        // WAL on every commit, so an acknowledged write survives power loss,
        // not only a killed process. Group commit keeps that affordable.
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                                   "PRAGMA busy_timeout=5000", "PRAGMA temp_store=MEMORY"}) {
            if (!exec(QString::fromLatin1(pragma), {}, error))
                return false;
        }
        setDirectWrites(true);
        if (!m_writer)
            qCInfo(lcStore) << "writing through Qt SQL: the SQLite handle is not usable here";
    }
    return migrate(error);
}

void Store::close()
{
    // SQLite refuses to close a connection with statements still prepared.
    m_writer.reset();
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

int Store::latestSchemaVersion()
{
    return int(schemaMigrations().size());
}

int Store::schemaVersion()
{
    const int recorded = m_db.tables().contains(QStringLiteral("schema_version"))
            ? scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt()
            : 0;
    // SQLite's header keeps the version too (PRAGMA user_version), where
    // `file` and the sqlite3 shell show it; a newer Podium may have raised
    // either, so the higher one counts.
    if (m_kind == Kind::Sqlite)
        return std::max(recorded, scalar(QStringLiteral("PRAGMA user_version")).toInt());
    return recorded;
}

QString Store::displayName() const
{
    if (m_kind == Kind::Sqlite)
        return m_db.databaseName();
    // No user name or password: this goes into messages and logs.
    return QStringLiteral("postgres://%1:%2/%3").arg(m_db.hostName()).arg(m_db.port()).arg(m_db.databaseName());
}

bool Store::migrate(QString *error, int version)
{
    if (version < 0)
        version = latestSchemaVersion();
    if (!m_db.tables().contains(QStringLiteral("schema_version"))
        && !exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"), {}, error))
        return false;
    const int current = schemaVersion();
    m_newerSchema = current > latestSchemaVersion();
    if (m_newerSchema) {
        // Its tables may mean what this release cannot know: nothing is
        // read or written, whatever migrate() was asked for.
        if (error)
            *error = QStringLiteral("the database at %1 has schema version %2, newer than this Podium (%3); "
                                    "upgrade Podium")
                             .arg(displayName())
                             .arg(current)
                             .arg(latestSchemaVersion());
        return false;
    }
    const auto &steps = schemaMigrations();
    for (int v = current + 1; v <= version; ++v) {
        qCInfo(lcStore) << "migrating schema to version" << v;
        if (!begin()) {
            if (error)
                *error = m_lastError;
            return false;
        }
        for (const QString &sql : steps.at(v - 1)) {
            if (!exec(dialect(sql, m_kind), {}, error)) {
                rollback();
                return false;
            }
        }
        if (!exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                  {v, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}, error)
            || !stampSqliteHeader(v, error) || !commit()) {
            rollback();
            return false;
        }
    }
    // Databases migrated before the header was stamped get it now.
    return stampSqliteHeader(std::max(current, version), error);
}

bool Store::stampSqliteHeader(int version, QString *error)
{
    if (m_kind != Kind::Sqlite || version <= 0)
        return true;
    // PRAGMAs take no bound values; both numbers are this program's own.
    if (scalar(QStringLiteral("PRAGMA application_id")).toLongLong() != kSqliteApplicationId
        && !exec(QStringLiteral("PRAGMA application_id = %1").arg(kSqliteApplicationId), {}, error))
        return false;
    if (scalar(QStringLiteral("PRAGMA user_version")).toInt() == version)
        return true;
    return exec(QStringLiteral("PRAGMA user_version = %1").arg(version), {}, error);
}

bool Store::begin()
{
    if (m_inTransaction)
        return true;
    m_inTransaction = m_db.transaction();
    if (!m_inTransaction)
        m_lastError = m_db.lastError().text();
    return m_inTransaction;
}

bool Store::commit()
{
    if (!m_inTransaction)
        return true;
    const bool ok = m_db.commit();
    if (!ok) {
        m_lastError = m_db.lastError().text();
        qCWarning(lcStore) << "commit failed:" << m_lastError;
        return false;
    }
    m_inTransaction = false;
    return true;
}

void Store::rollback()
{
    if (!m_inTransaction)
        return;
    m_db.rollback();
    m_inTransaction = false;
}

bool Store::savepoint()
{
    return control(QStringLiteral("SAVEPOINT job"));
}

bool Store::releaseSavepoint()
{
    return control(QStringLiteral("RELEASE SAVEPOINT job"));
}

bool Store::rollbackToSavepoint()
{
    return control(QStringLiteral("ROLLBACK TO SAVEPOINT job")) && releaseSavepoint();
}

bool Store::control(const QString &sql)
{
    // PostgreSQL cannot PREPARE transaction control; SQLite's C API can, and
    // keeps the statement ready for the next request.
    if (m_writer) {
        if (m_writer->write(sql, {}, &m_lastError) >= 0)
            return true;
        qCWarning(lcStore) << "statement failed:" << m_lastError << sql;
        return false;
    }
    return exec(sql);
}

QSqlQuery &Store::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (m_statements.size() >= kMaxPreparedStatements) {
            // Only reached by SQL built at run time: the fixed statements
            // are far fewer than the bound.
            const auto oldest
                    = std::min_element(m_statements.begin(), m_statements.end(),
                                       [](const Statement &a, const Statement &b) { return a.lastUse < b.lastUse; });
            m_statements.erase(oldest);
        }
        auto q = std::make_shared<QSqlQuery>(m_db);
        // Every reader walks its rows once with next(): forward-only spares
        // the driver the row cache it would otherwise set up on each exec.
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            qCWarning(lcStore) << "prepare failed:" << q->lastError().text() << sql;
        it = m_statements.insert(sql, Statement {std::move(q), 0});
    }
    it->lastUse = ++m_statementUses;
    return *it->query;
}

bool Store::exec(const QString &sql, const QVariantList &binds, QString *error)
{
    // Without bindings the statement runs as it is: PostgreSQL cannot
    // PREPARE schema statements (CREATE, ALTER) or pragmas.
    QSqlQuery unprepared(m_db);
    QSqlQuery &q = binds.isEmpty() ? unprepared : prepared(sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    if (!(binds.isEmpty() ? q.exec(sql) : q.exec())) {
        m_lastError = q.lastError().text();
        qCWarning(lcStore) << "statement failed:" << m_lastError << sql;
        if (error)
            *error = m_lastError;
        return false;
    }
    q.finish();
    return true;
}

void Store::setDirectWrites(bool on)
{
    m_writer.reset();
    if (on && m_kind == Kind::Sqlite && m_db.isOpen()) {
        m_writer = std::make_unique<SqliteWriter>(m_db.driver()->handle());
        if (!m_writer->isValid())
            m_writer.reset();
    }
}

int Store::write(const QString &sql, const QVariantList &binds)
{
    if (m_writer) {
        const int n = m_writer->write(sql, binds, &m_lastError);
        if (n < 0)
            qCWarning(lcStore) << "write failed:" << m_lastError << sql;
        return n;
    }
    QSqlQuery &q = prepared(sql);
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        if (v.userType() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i, QString(QLatin1String("")));
        else
            q.bindValue(i, v);
    }
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        qCWarning(lcStore) << "write failed:" << m_lastError << sql;
        return -1;
    }
    const int n = q.numRowsAffected();
    q.finish();
    return n;
}

QSqlQuery Store::select(QString *error, const QString &sql)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(sql) && error)
        *error = q.lastError().text();
    return q;
}

qint64 Store::maxId(const QString &table)
{
    return scalar(QStringLiteral("SELECT MAX(id) FROM %1").arg(table)).toLongLong();
}

QVariant Store::scalar(const QString &sql, const QVariantList &binds)
{
    QSqlQuery &q = prepared(sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    QVariant v;
    if (q.exec() && q.next())
        v = q.value(0);
    q.finish();
    return v;
}

} // namespace podium
