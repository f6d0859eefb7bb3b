#include "directory/people.h"

#include <QStringList>
#include <QTextBoundaryFinder>

namespace podium {

// The first character of the first two words. A character is a whole
// grapheme cluster (an emoji with its skin tone or ZWJ sequence, a letter
// with its accents), never half of a surrogate pair.
QString initialsOf(const QString &name)
{
    QString out;
    int words = 0;
    for (const QString &part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, part);
        const qsizetype end = graphemes.toNextBoundary();
        out += part.left(end > 0 ? end : part.size()).toUpper();
        if (++words == 2)
            break;
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

} // namespace podium
