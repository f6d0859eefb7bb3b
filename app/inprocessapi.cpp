#include "inprocessapi.h"

#include "engine/engine.h"
#include "http/httpapi.h"

#include <QPointer>

namespace podium {

namespace {

// `path` against a route's pattern: the same segments, where "{…}" takes any
// one segment into `arg` (QHttpServer's <arg>).
bool matches(const QString &pattern, const QString &path, QString *arg)
{
    const QStringList want = pattern.split(QLatin1Char('/'));
    const QStringList got = path.split(QLatin1Char('/'));
    if (want.size() != got.size())
        return false;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want.at(i).startsWith(QLatin1Char('{'))) {
            if (got.at(i).isEmpty())
                return false;
            *arg = got.at(i);
        } else if (want.at(i) != got.at(i)) {
            return false;
        }
    }
    return true;
}

// The read routes, looked up once: the table is fixed at build time.
const QList<HttpApi::Route> &readRoutes()
{
    static const QList<HttpApi::Route> routes = [] {
        QList<HttpApi::Route> reads;
        for (const HttpApi::Route &r : HttpApi::routes()) {
            if (r.method == QHttpServerRequest::Method::Get)
                reads.append(r);
        }
        return reads;
    }();
    return routes;
}

// The job for `GET path?query`, or a reply that needs no engine.
Engine::Job jobFor(const QString &path, const QUrlQuery &query)
{
    HttpApi::Call call;
    // The wall of this process is the process itself: it reads every room,
    // as in-process readers always have, also under --require-view-token.
    call.who.kind = Identity::Kind::Admin;
    call.query = query;
    for (const HttpApi::Route &r : readRoutes()) {
        QString arg;
        if (!matches(r.path, path, &arg))
            continue;
        call.arg = arg;
        if (r.path.contains(QLatin1String("{id}"))) {
            bool ok = false;
            call.id = arg.toLongLong(&ok);
            if (!ok || call.id <= 0) {
                const Reply refused = Reply::badRequest(
                        QStringLiteral("path parameter 'id' must be a positive integer, not '%1'").arg(arg));
                return [refused](Engine &) { return refused; };
            }
        }
        return [op = r.op, call](Engine &e) { return op(e, call); };
    }
    const Reply missing = Reply::notFound(QStringLiteral("no route for GET %1").arg(path));
    return [missing](Engine &) { return missing; };
}

} // namespace

InProcessApi::InProcessApi(Engine *engine, QObject *parent)
    : LocalServer(parent)
    , m_engine(engine)
{
    // Queued: the engine emits on its thread, the wall lives on the GUI thread.
    connect(engine, &Engine::eventsCommitted, this, &LocalServer::eventsCommitted, Qt::QueuedConnection);
}

void InProcessApi::read(const QString &path, const QUrlQuery &query, QObject *context, ReadCallback callback)
{
    QPointer<QObject> ctx(context);
    m_engine->run(jobFor(path, query), this, [ctx, callback = std::move(callback)](const Reply &reply) {
        if (!ctx)
            return;
        Reply r = reply;
        callback(r.status, r.materialise().body);
    });
}

} // namespace podium
