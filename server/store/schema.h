#pragma once

#include <QList>
#include <QStringList>

namespace podium {

// The schema as an ordered list of migrations. Migration N (1-based) brings a
// database from version N-1 to N. Never edit a released step: append one.
// `{REAL}` and `{BIGINT}` are replaced with the dialect's type names.
const QList<QStringList> &schemaMigrations();

} // namespace podium
