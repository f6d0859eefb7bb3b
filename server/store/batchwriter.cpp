#include "store/batchwriter.h"

#include "store/store.h"

namespace podium {

int DirectWriter::writeAffected(const QString &sql, const QVariantList &binds)
{
    return m_store.write(sql, binds);
}

qint64 DirectWriter::nextId(const QString &table)
{
    return m_store.maxId(table) + 1;
}

} // namespace podium
