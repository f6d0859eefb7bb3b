#include "localeventstream.h"
#include "http/configurationjson.h"
#include "http/contestsjson.h"
#include "http/directoryjson.h"
#include "http/eventsjson.h"

#include "engine/engine.h"

#include <QPointer>

namespace podium {

namespace {

// The read routes of the REST API the wall uses, answered by the engine
// itself: same paths, same bodies, no HTTP in between.
Reply route(Engine &engine, const QString &path, const QUrlQuery &query)
{
    static const QString boards = QStringLiteral("/api/leaderboards/");
    if (path.startsWith(boards))
        return engine.leaderboard(path.mid(boards.size()), query);
    if (path == QLatin1String("/api/contests"))
        return rest::listContests(engine);
    if (path == QLatin1String("/api/sessions"))
        return engine.listSessions();
    if (path == QLatin1String("/api/announcements"))
        return engine.listAnnouncements();
    if (path == QLatin1String("/api/metrics"))
        return rest::listMetrics(engine);
    if (path == QLatin1String("/api/health"))
        return {200, {{"status", "ok"}, {"seq", engine.lastSeq()}}};
    if (path == QLatin1String("/api/teams"))
        return rest::listTeams(engine);
    if (path == QLatin1String("/api/events")) {
        const QStringList rooms = query.queryItemValue("rooms").split(QLatin1Char(','), Qt::SkipEmptyParts);
        const int limit = query.hasQueryItem("limit") ? query.queryItemValue("limit").toInt() : 100;
        return rest::events(engine, query.queryItemValue("since").toLongLong(), limit, rooms);
    }
    return Reply::notFound(QStringLiteral("no route '%1'").arg(path));
}

} // namespace

LocalEventStream::LocalEventStream(Engine *engine, QObject *parent) : EventStream(parent), m_engine(engine)
{
    // Queued: the engine emits on its thread, models live on the GUI thread.
    connect(
        engine, &Engine::eventsCommitted, this,
        [this](const EventList &events) {
            for (const Event &e : events)
                deliver(e);
        },
        Qt::QueuedConnection);
    setState(Live);
}

void LocalEventStream::fetch(const QString &path, const QUrlQuery &query, QObject *context, SnapshotCallback callback)
{
    QPointer<QObject> ctx(context);
    m_engine->run([path, query](Engine &e) { return route(e, path, query); }, this,
                  [ctx, callback](const Reply &reply) {
                      if (ctx)
                          callback(reply.status, reply.body);
                  });
}

} // namespace podium
