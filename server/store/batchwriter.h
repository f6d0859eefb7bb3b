#pragma once

#include <QString>
#include <QVariantList>

namespace podium {

class Store;

// Where repositories write. The engine's implementation puts every write
// into the open group-commit batch, inside the running request's savepoint
// (a failed write fails only that request); DirectWriter writes straight to
// a store, for tools and repository tests.
class BatchWriter
{
public:
    virtual ~BatchWriter() = default;

    // One INSERT/UPDATE/DELETE with positional bindings: rows changed, or -1.
    virtual int writeAffected(const QString &sql, const QVariantList &binds) = 0;
    bool write(const QString &sql, const QVariantList &binds) { return writeAffected(sql, binds) >= 0; }
    // The next id of `table` (ids are handed out here, not by the database,
    // so events can name a row before the batch commits).
    virtual qint64 nextId(const QString &table) = 0;
    // For reads: prepared statements see the open batch's writes.
    virtual Store &store() = 0;
};

// Writes straight to `store`, each statement in its own transaction.
class DirectWriter : public BatchWriter
{
public:
    explicit DirectWriter(Store &store) : m_store(store) { }

    int writeAffected(const QString &sql, const QVariantList &binds) override;
    qint64 nextId(const QString &table) override;
    Store &store() override { return m_store; }

private:
    Store &m_store;
};

} // namespace podium
