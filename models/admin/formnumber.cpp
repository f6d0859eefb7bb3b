#include "formnumber.h"

#include <cmath>
#include <limits>

namespace podium {

std::optional<double> formNumber(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return 0.0;
    if (t == QLatin1String("Infinity") || t == QLatin1String("+Infinity"))
        return std::numeric_limits<double>::infinity();
    if (t == QLatin1String("-Infinity"))
        return -std::numeric_limits<double>::infinity();
    // Integers in base 16, 8 or 2 (no sign, as in JavaScript).
    if (t.size() > 2 && t.at(0) == QLatin1Char('0')) {
        const QChar prefix = t.at(1).toLower();
        const int base = prefix == QLatin1Char('x') ? 16
                : prefix == QLatin1Char('o')        ? 8
                : prefix == QLatin1Char('b')        ? 2
                                                    : 0;
        if (base) {
            bool ok = false;
            const qulonglong v = t.mid(2).toULongLong(&ok, base);
            return ok ? std::optional<double>(double(v)) : std::nullopt;
        }
    }
    // Qt also reads "inf" and "nan", which JavaScript does not.
    for (const QChar c : t) {
        if (!c.isDigit() && c != QLatin1Char('.') && c != QLatin1Char('e') && c != QLatin1Char('E')
            && c != QLatin1Char('+') && c != QLatin1Char('-'))
            return std::nullopt;
    }
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QJsonValue formNumberOrNull(const QString &text)
{
    const std::optional<double> v = formNumber(text);
    return v ? QJsonValue(*v) : QJsonValue();
}

} // namespace podium
