#include "rooms.h"

namespace podium::rooms {

QString tvDisplay()
{
    return QStringLiteral("tv-display");
}

QString activityFeed()
{
    return QStringLiteral("activity:feed");
}

QString admin()
{
    return QStringLiteral("admin");
}

QString user(qint64 person)
{
    return QStringLiteral("user:%1").arg(person);
}

QString team(qint64 team)
{
    return QStringLiteral("team:%1").arg(team);
}

QString contest(qint64 contest)
{
    return QStringLiteral("contest:%1").arg(contest);
}

QString session(qint64 session)
{
    return QStringLiteral("session:%1").arg(session);
}

QString leaderboard(const QString &metric)
{
    return QStringLiteral("leaderboard:%1").arg(metric);
}

} // namespace podium::rooms
