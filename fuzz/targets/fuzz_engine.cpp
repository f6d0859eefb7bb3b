// The REST API's JSON inputs, through the route table the HTTP layer serves
// (HttpApi::routes()) into the engine, on a fresh SQLite database per input.
//
// Input: records separated by '\n'. In each record byte 0 picks the route
// ('0' the first of the table, '1' the next…; '~' lets time pass and runs
// the contest clock), byte 1 the caller ('0' admin, '1' integration,
// '2' display, '3' person 1 of team 1, '4' anonymous), and the rest is the request
// body as JSON. Two fields of the body stand for the rest of the request:
// "_arg", the path segment ({id} or {metric}), and "_query", the query string.
//
// Invariants:
//  - no crash, no undefined behaviour, no hang (libFuzzer's -timeout);
//  - every reply has a status in the documented set, and an error reply has
//    the {"error":{"code","message"}} shape with both filled in;
//  - the database never refuses a write (a 503 here means an input got past
//    validation and broke a constraint);
//  - after each request is committed, the event log is gap-free: the
//    committed events continue the seq where the last ones stopped, and the
//    log read back from the database is 1..lastSeq without a hole.
#include "engine/clock.h"
#include "engine/engine.h"
#include "fuzzcheck.h"
#include "http/httpapi.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <cstdint>
#include <memory>

using namespace podium;

namespace {

constexpr int kMaxRecords = 24;
const QDateTime kStart(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC);

// The store syncs every commit to disk; on tmpfs that costs nothing, which
// makes the target four times faster.
QString scratchRoot()
{
    return QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
}

struct World
{
    QTemporaryDir dir {scratchRoot() + QStringLiteral("/podium-fuzz-XXXXXX")};
    QString templateDb;
    QString db;
    QList<HttpApi::Route> routes = HttpApi::routes();
};

// Created after the application object and destroyed before it, when
// libFuzzer exits: the temporary directory goes with it.
World *world = nullptr;

Identity caller(uint8_t byte)
{
    Identity who;
    switch (uint8_t(byte - '0') % 5) {
    case 0:
        who.kind = Identity::Kind::Admin;
        break;
    case 1:
        who.kind = Identity::Kind::Integration;
        break;
    case 2:
        who.kind = Identity::Kind::Display;
        break;
    case 3:
        who.kind = Identity::Kind::Person;
        who.personId = 1;
        who.teamId = 1;
        break;
    default:
        break;
    }
    who.tokenId = uint8_t(byte - '0') % 5 + 1;
    return who;
}

// What the HTTP layer lets through to the route's operation (HttpApi::handle
// and its access check).
bool admitted(const HttpApi::Route &route, const Identity &who)
{
    switch (route.access) {
    case HttpApi::Access::Public:
    case HttpApi::Access::View: // the fuzzed server does not require view tokens
        return true;
    case HttpApi::Access::Authenticated:
        return who.kind != Identity::Kind::Anonymous;
    case HttpApi::Access::Write:
        return who.canWrite();
    case HttpApi::Access::Admin:
        return who.isAdmin();
    }
    return false;
}

void checkReply(const Reply &in, const QString &path)
{
    static const QList<int> documented = {200, 201, 202, 400, 403, 404, 409, 413};
    Reply r = in;
    r.materialise();
    FUZZ_CHECK(r.status != 503, "%s: the database refused a write: %s", qPrintable(path), qPrintable(r.errorMessage()));
    FUZZ_CHECK(documented.contains(r.status), "%s answered %d", qPrintable(path), r.status);
    if (r.status >= 400) {
        FUZZ_CHECK(!r.errorCode().isEmpty() && !r.errorMessage().isEmpty(), "%s: error %d without code or message",
                   qPrintable(path), r.status);
    } else if (!in.raw.isEmpty()) {
        QJsonParseError err;
        QJsonDocument::fromJson(in.raw, &err);
        FUZZ_CHECK(err.error == QJsonParseError::NoError, "%s: raw reply is not JSON: %s", qPrintable(path),
                   in.raw.left(200).constData());
    }
}

void checkLog(Engine &engine)
{
    const qint64 last = engine.lastSeq();
    FUZZ_CHECK(engine.committedSeq() == last, "committed seq %lld, last seq %lld", engine.committedSeq(), last);
    qint64 expected = 0;
    for (qint64 since = 0; since < last;) {
        const EventList page = engine.eventsSince(since, 1000);
        FUZZ_CHECK(!page.isEmpty(), "no events after seq %lld of %lld", since, last);
        for (const Event &e : page) {
            FUZZ_CHECK(e.seq == ++expected, "event seq %lld where %lld was due", e.seq, expected);
            QJsonParseError err;
            QJsonDocument::fromJson(e.dataJson, &err);
            FUZZ_CHECK(e.dataJson.isEmpty() || err.error == QJsonParseError::NoError, "event %lld data is not JSON",
                       e.seq);
        }
        since = page.last().seq;
    }
    FUZZ_CHECK(expected == last, "the log ends at %lld, last seq is %lld", expected, last);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // QSQLITE is a plugin: it needs an application object to be found.
    static QCoreApplication app(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("podium.*=false"));
    static World theWorld;
    world = &theWorld;
    world->templateDb = world->dir.filePath(QStringLiteral("template.db"));
    world->db = world->dir.filePath(QStringLiteral("podium.db"));
    // Migrate and seed once; each input starts from a copy.
    ManualClock clock(kStart);
    Engine engine(&clock);
    engine.setTimeZone(QTimeZone("UTC"));
    QString error;
    if (!engine.open(world->templateDb, &error)) {
        std::fprintf(stderr, "cannot open the template database: %s\n", qPrintable(error));
        std::abort();
    }
    engine.close();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16 * 1024)
        return 0;
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(world->db + QLatin1String(suffix));
    FUZZ_CHECK(QFile::copy(world->templateDb, world->db), "cannot copy the template database");

    ManualClock clock(kStart);
    Engine engine(&clock);
    engine.setTimeZone(QTimeZone("UTC"));
    qint64 nextSeq = 0;
    QObject::connect(&engine, &Engine::eventsCommitted, &engine, [&nextSeq](const EventList &events) {
        for (const Event &e : events) {
            FUZZ_CHECK(e.seq == nextSeq, "committed event seq %lld where %lld was due", e.seq, nextSeq);
            ++nextSeq;
        }
    });
    QString error;
    FUZZ_CHECK(engine.open(world->db, &error), "cannot open the database: %s", qPrintable(error));
    engine.flush();
    nextSeq = engine.lastSeq() + 1;

    const QList<QByteArray> records
            = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)).split('\n');
    int done = 0;
    for (const QByteArray &record : records) {
        if (record.size() < 2)
            continue;
        if (++done > kMaxRecords)
            break;
        const QByteArray json = record.mid(2);
        QJsonObject body = QJsonDocument::fromJson(json).object();
        if (record.at(0) == '~') {
            // Time passes: up to a week, so contests start and end.
            clock.advanceSecs(qBound(qint64(0), body.value("_seconds").toInteger(3600), qint64(7 * 86400)));
            engine.contests().tick();
            engine.flush();
            continue;
        }
        const HttpApi::Route &route = world->routes.at(uint8_t(record.at(0) - '0') % world->routes.size());
        HttpApi::Call call;
        call.who = caller(uint8_t(record.at(1)));
        if (!admitted(route, call.who))
            continue;
        const QJsonValue arg = body.take(QStringLiteral("_arg"));
        call.arg = arg.isDouble() ? QString::number(arg.toInteger()) : arg.toString();
        call.query = QUrlQuery(body.take(QStringLiteral("_query")).toString());
        if (route.path.contains(QLatin1String("{id}"))) {
            bool ok = false;
            call.id = call.arg.toLongLong(&ok);
            if (!ok || call.id <= 0)
                continue; // the HTTP layer answers 400
        }
        if (route.body == HttpApi::Body::Object && json.trimmed().isEmpty())
            continue; // likewise
        call.body = body;
        checkReply(route.op(engine, call), route.path);
        engine.flush();
        FUZZ_CHECK(nextSeq == engine.lastSeq() + 1, "%s: events up to %lld committed, last seq %lld",
                   qPrintable(route.path), nextSeq - 1, engine.lastSeq());
    }
    checkLog(engine);
    engine.close();
    return 0;
}
