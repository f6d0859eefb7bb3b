#pragma once

#include <QDateTime>
#include <QString>

namespace podium {

struct Team
{
    qint64 id = 0;
    QString name;
    QString color;
};

struct Person
{
    qint64 id = 0;
    QString name;
    qint64 teamId = 0;
    QString color;
    QString initials;
    QString externalId;
    QString email;
    bool active = true;
    QDateTime createdAt;
};

// A person's avatar initials: the first whole character (grapheme cluster)
// of each of the first two words of `name`.
QString initialsOf(const QString &name);

} // namespace podium
