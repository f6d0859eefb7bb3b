#pragma once

#include <QString>

namespace podium {

// A value as every screen shows it (docs/API.md, "Values on screen"): unit is
// currency, count, points or percent; an unknown unit is a count. The server
// writes it into replies and events; the wall's models write it for values
// they compute from events. tests/data/format-cases.json holds both to the
// same table as the wall's Fmt.js and the web wall's format.js.
QString formatValue(double value, const QString &unit);
// The number alone: grouped in threes, at most one decimal, no unit.
QString formatNumber(double value);

} // namespace podium
