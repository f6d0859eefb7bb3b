#include "format.h"

#include <cmath>
#include <iterator>

namespace podium {

namespace {
// Halves round up, on magnitudes only. Spelled as floor(x + 0.5) and skipped
// from 2^52 on (every double there is whole) because the wall's JavaScript
// does exactly these steps: the same doubles give the same digits.
double roundHalfUp(double magnitude)
{
    return magnitude >= 4503599627370496.0 ? magnitude : std::floor(magnitude + 0.5);
}

// Beyond this a fraction digit means nothing; below it tenths are whole
// doubles.
constexpr double kTenthsLimit = 1e14;
// From here on no screen can show the digits (JavaScript writes them as an
// exponent), so the value is shown as not available.
constexpr double kShownLimit = 1e21;

// A magnitude rounded to tenths, in tenths.
double tenthsOf(double magnitude)
{
    return magnitude >= kTenthsLimit ? roundHalfUp(magnitude) * 10 : roundHalfUp(magnitude * 10);
}

// Whole digits in groups of three, then ".d" unless the tenth is zero.
QString numberText(double magnitude)
{
    QString whole;
    int tenth = 0;
    if (magnitude >= kTenthsLimit) {
        whole = QString::number(roundHalfUp(magnitude), 'f', 0);
    } else {
        const double tenths = roundHalfUp(magnitude * 10);
        tenth = int(std::fmod(tenths, 10));
        whole = QString::number((tenths - tenth) / 10, 'f', 0);
    }
    for (qsizetype at = whole.size() - 3; at > 0; at -= 3)
        whole.insert(at, QLatin1Char(','));
    return tenth ? whole + QLatin1Char('.') + QChar(QLatin1Char('0' + tenth)) : whole;
}
} // namespace

QString formatNumber(double value)
{
    const double magnitude = std::fabs(value);
    if (!(magnitude < kShownLimit)) // also NaN
        return QStringLiteral("\u2014");
    // Only a value that shows as something other than zero has a sign.
    const QString sign = value < 0 && tenthsOf(magnitude) > 0 ? QStringLiteral("-") : QString();
    return sign + numberText(magnitude);
}

QString formatValue(double value, const QString &unit)
{
    const double magnitude = std::fabs(value);
    if (!(magnitude < kShownLimit))
        return QStringLiteral("\u2014");
    if (unit == QLatin1String("currency")) {
        static const struct
        {
            double scale;
            char suffix;
        } steps[] = {{1, 0}, {1e3, 'K'}, {1e6, 'M'}, {1e9, 'B'}, {1e12, 'T'}};
        constexpr int last = int(std::size(steps)) - 1;
        int step = 0;
        while (step < last && magnitude >= steps[step + 1].scale)
            ++step;
        // 999,960 rounds to 1000.0K: that is $1M.
        if (step < last && tenthsOf(magnitude / steps[step].scale) >= 10000)
            ++step;
        const double scaled = magnitude / steps[step].scale;
        const QString sign = value < 0 && tenthsOf(scaled) > 0 ? QStringLiteral("-") : QString();
        QString text = sign + QLatin1Char('$') + numberText(scaled);
        if (steps[step].suffix)
            text += QLatin1Char(steps[step].suffix);
        return text;
    }
    const QString n = formatNumber(value);
    if (unit == QLatin1String("percent"))
        return n + QLatin1Char('%');
    if (unit == QLatin1String("points"))
        return n + QStringLiteral(" pts");
    return n;
}

} // namespace podium
