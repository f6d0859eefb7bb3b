#pragma once

#include <QJsonValue>
#include <QString>
#include <optional>

namespace podium {

// A number typed into a console form, read the way the console always read
// one (JavaScript's Number()): surrounding white space ignored, nothing at
// all is 0, "1e3" and "0x10" are numbers, "12x" is not. nullopt when the
// text is not a number.
std::optional<double> formNumber(const QString &text);
// The same as a JSON value: null for text that is not a number (what the
// form always sent then; the server says what it accepts).
QJsonValue formNumberOrNull(const QString &text);

} // namespace podium
