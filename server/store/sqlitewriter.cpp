#include "store/sqlitewriter.h"

#include <sqlite3.h>

namespace podium {

SqliteWriter::SqliteWriter(const QVariant &handle)
{
    // The QSQLITE plugin and this library must share one SQLite: Debian's Qt
    // links the system libsqlite3, which is what we link too. The handle is
    // used only if this library can read its file name back.
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData());
    if (db && sqlite3_db_filename(db, "main") != nullptr)
        m_db = db;
}

SqliteWriter::~SqliteWriter()
{
    clear();
}

void SqliteWriter::clear()
{
    for (sqlite3_stmt *s : std::as_const(m_statements))
        sqlite3_finalize(s);
    m_statements.clear();
}

sqlite3_stmt *SqliteWriter::statement(const QString &sql, QString *error)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd())
        return *it;
    sqlite3_stmt *s = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v3(m_db, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr)
        != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(s);
        return nullptr;
    }
    m_statements.insert(sql, s);
    return s;
}

int SqliteWriter::write(const QString &sql, const QVariantList &binds, QString *error)
{
    sqlite3_stmt *s = statement(sql, error);
    if (!s)
        return -1;
    int rc = SQLITE_OK;
    for (int i = 0; i < binds.size() && rc == SQLITE_OK; ++i) {
        const QVariant &v = binds.at(i);
        const int at = i + 1;
        switch (v.userType()) {
        case QMetaType::UnknownType:
            rc = sqlite3_bind_null(s, at);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(s, at, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(s, at, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = v.toByteArray();
            rc = sqlite3_bind_blob64(s, at, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
            break;
        }
        default: {
            // Text, including a null QString: "no text" is '' here, as the
            // engine binds columns that may be NULL with an invalid QVariant.
            const QByteArray utf8 = v.toString().toUtf8();
            rc = sqlite3_bind_text64(s, at, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
            break;
        }
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    const int changed = ok ? sqlite3_changes(m_db) : -1;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return changed;
}

} // namespace podium
