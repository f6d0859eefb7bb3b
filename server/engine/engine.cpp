// Engine core: opening and loading, the group-commit batch, the event log.
#include "engine/engine.h"

#include "hub/roomaccess.h"
#include "logging.h"
#include "engine/walsyncer.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <cmath>
#include <iterator>

namespace podium {

namespace {
// How many jobs one transaction may hold before it is committed regardless.
constexpr int kMaxBatch = 2000;

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

QJsonObject Metric::toJson() const
{
    QJsonArray ps;
    for (Period p : periods)
        ps.append(periodName(p));
    static const char *aggNames[] = {"sum", "best", "latest"};
    return {{"key", key},
            {"label", label},
            {"unit", unit},
            {"aggregation", QString::fromLatin1(aggNames[int(aggregation)])},
            {"higherIsBetter", higherIsBetter},
            {"periods", ps}};
}

QString Metric::format(double value) const
{
    return formatValue(value, unit);
}

Engine::Engine(Clock *clock, QObject *parent)
    : QObject(parent),
      m_clock(clock ? clock : &m_systemClock),
      m_configurationService(std::make_unique<ConfigurationService>(*this)),
      m_directoryService(std::make_unique<DirectoryService>(*this)),
      m_scoringService(std::make_unique<ScoringService>(*this)),
      m_contestService(std::make_unique<ContestService>(*this)),
      m_socialService(std::make_unique<SocialService>(*this))
{
    qRegisterMetaType<podium::Event>();
    qRegisterMetaType<podium::EventList>();
    m_contestTimer.setSingleShot(true);
    connect(&m_contestTimer, &QTimer::timeout, this, [this] {
        tick();
        flush();
    });
}

Engine::~Engine()
{
    close();
}

bool Engine::open(const QString &databaseTarget, QString *error)
{
    if (!m_store.open(databaseTarget, error))
        return false;
    resetState();
    if (!load(error))
        return false;
    if (m_metrics.isEmpty()) {
        m_store.begin();
        seedDefaults();
        if (!m_store.commit()) {
            *error = m_store.lastError();
            return false;
        }
        resetState();
        if (!load(error))
            return false;
    }
    if (m_asyncDurability && m_store.kind() == Store::Kind::Sqlite) {
        QString pragmaError;
        if (m_store.exec(QStringLiteral("PRAGMA synchronous=NORMAL"), {}, &pragmaError)) {
            m_syncer = std::make_unique<WalSyncer>(databaseTarget + QStringLiteral("-wal"), [this](qint64 batch, bool ok) {
                QMetaObject::invokeMethod(this, [this, batch, ok] { onDurable(batch, ok); }, Qt::QueuedConnection);
            });
            if (!m_syncer->isOpen()) {
                // Fall back to fsync at every commit.
                m_syncer.reset();
                m_store.exec(QStringLiteral("PRAGMA synchronous=FULL"));
            }
        }
    }
    // Contests that should have started or ended while we were down.
    tick();
    flush();
    qCInfo(lcEngine) << "engine open:" << m_people.size() << "people," << m_metrics.size() << "metrics, seq" << m_seq;
    return true;
}

void Engine::close()
{
    if (m_store.db().isValid())
        flush();
    if (m_syncer) {
        // Wait for the last fsync and release what it covers here: its
        // queued notification would arrive after this thread stopped.
        m_syncer->drain();
        m_syncer.reset();
        onDurable(m_batchId, true);
    }
    m_contestTimer.stop();
    m_store.close();
}

QList<Service *> Engine::services() const
{
    return {m_configurationService.get(), m_directoryService.get(), m_scoringService.get(), m_contestService.get(),
            m_socialService.get()};
}

void Engine::resetState()
{
    m_lastIds.clear();
    for (Service *service : services())
        service->reset();
    m_batchEvents.clear();
    m_batchFailed = false;
}

qint64 Engine::nextId(const QString &table)
{
    auto it = m_lastIds.find(table);
    if (it == m_lastIds.end())
        it = m_lastIds.insert(table, m_store.scalar(QStringLiteral("SELECT MAX(id) FROM %1").arg(table)).toLongLong());
    return ++*it;
}

bool Engine::load(QString *error)
{
    m_seq = m_committedSeq = m_store.scalar(QStringLiteral("SELECT MAX(seq) FROM events")).toLongLong();
    for (Service *service : services()) {
        if (!service->load(error))
            return false;
    }
    return true;
}

Board &Engine::board(const QString &metricKey, Period period, const QString &key)
{
    const BoardKey bk{metricKey, period, key};
    auto it = m_boards.find(bk);
    if (it != m_boards.end()) {
        it->lastUse = ++m_boardUses;
        return it->board;
    }
    const Metric *m = metric(metricKey);
    Board b(m ? m->higherIsBetter : true);
    QSqlQuery &q = m_store.prepared(
        QStringLiteral("SELECT person_id, value FROM totals WHERE metric = ? AND period = ? AND period_key = ?"));
    q.bindValue(0, metricKey);
    q.bindValue(1, periodName(period));
    q.bindValue(2, key);
    if (q.exec()) {
        while (q.next())
        {
            // Deactivated people keep their totals but leave the boards, so
            // the ranks of everyone else close up.
            const Person *p = person(q.value(0).toLongLong());
            if (p && p->active)
                b.set(p->id, q.value(1).toDouble());
        }
    }
    q.finish();
    // Any past date can be asked for (GET /api/leaderboards/…?at=), and
    // today's boards are past tomorrow: those are a bounded cache. A board
    // forgotten here loses nothing, its totals are stored (also those of the
    // open transaction).
    trimPastBoards();
    return m_boards.insert(bk, CachedBoard {b, ++m_boardUses})->board;
}

void Engine::trimPastBoards()
{
    QHash<int, QString> current;
    for (Period p : allPeriods())
        current.insert(int(p), m_calendar.key(p, now()));
    for (;;) {
        int past = 0;
        auto oldest = m_boards.end();
        for (auto it = m_boards.begin(); it != m_boards.end(); ++it) {
            if (it.key().periodKey == current.value(int(it.key().period)))
                continue;
            ++past;
            if (oldest == m_boards.end() || it->lastUse < oldest->lastUse)
                oldest = it;
        }
        if (past < kMaxPastBoards)
            return;
        m_boards.erase(oldest);
    }
}

int Engine::writeAffected(const QString &sql, const QVariantList &binds)
{
    if (!m_store.begin()) {
        m_batchFailed = true;
        return -1;
    }
    if (m_inJob && !m_jobSavepoint && !m_batchFailed) {
        if (!m_store.savepoint()) {
            m_batchFailed = true;
            return -1;
        }
        m_jobSavepoint = true;
    }
    const int n = m_store.write(sql, binds);
    if (n < 0)
        m_batchFailed = true;
    return n;
}

QString Engine::nowText(const QDateTime &at)
{
    if (at != m_nowTextAt) {
        m_nowTextAt = at;
        m_nowText = isoTime(at);
    }
    return m_nowText;
}

Event Engine::emitEvent(const QString &room, const QString &name, const QJsonObject &data)
{
    Event e;
    e.setData(data);
    return appendEvent(room, name, std::move(e));
}

Event Engine::emitEvent(const QString &room, const QString &name, QByteArray dataJson)
{
    Event e;
    e.dataJson = std::move(dataJson);
    return appendEvent(room, name, std::move(e));
}

Event Engine::appendEvent(const QString &room, const QString &name, Event e)
{
    e.seq = ++m_seq;
    e.at = now();
    e.room = room;
    e.name = name;
    write(QStringLiteral("INSERT INTO events (seq, at, room, event, data) VALUES (?, ?, ?, ?, ?)"),
          {e.seq, nowText(e.at), room, name, QString::fromUtf8(e.dataJson)});
    m_batchEvents.append(e);
    return e;
}

void Engine::run(Job job, QObject *context, Callback cb)
{
    QPointer<QObject> ctx(context);
    const bool hasContext = context != nullptr;
    QMetaObject::invokeMethod(
            this,
            [this, job = std::move(job), ctx, hasContext, cb = std::move(cb)]() mutable {
                Reply reply = runJob(job);
                m_pending.append({ctx, hasContext, std::move(cb), std::move(reply)});
                if (m_pending.size() >= kMaxBatch)
                    flush();
                else
                    scheduleFlush();
            },
            Qt::QueuedConnection);
}

Reply Engine::runJob(const Job &job)
{
    const qint64 seqBefore = m_seq;
    const qsizetype eventsBefore = m_batchEvents.size();
    m_inJob = true;
    m_jobSavepoint = false;
    Reply reply = job(*this);
    m_inJob = false;
    if (!m_jobSavepoint)
        return reply; // nothing written, or the batch had failed already
    m_jobSavepoint = false;
    if (!m_batchFailed && m_store.releaseSavepoint())
        return reply;
    qCWarning(lcEngine) << "a write failed; undoing its request only:" << m_store.lastError();
    if (!m_store.rollbackToSavepoint()) {
        m_batchFailed = true; // the whole batch rolls back at flush()
        return reply;
    }
    undoJob(seqBefore, eventsBefore);
    return Reply::error(503, "storage_failed", "the write could not be stored; retry with the same key");
}

void Engine::undoJob(qint64 seqBefore, qsizetype eventsBefore)
{
    // The job may have changed loaded state before its write failed: reload
    // it from the open transaction, which now holds the batch without this
    // job. Its events are dropped and its seqs handed out again.
    EventList kept = m_batchEvents.mid(0, eventsBefore);
    const qint64 committed = m_committedSeq;
    resetState();
    QString error;
    if (!load(&error)) {
        qCWarning(lcEngine) << "reloading after an undone request failed:" << error;
        m_batchFailed = true;
    }
    m_committedSeq = committed;
    m_seq = seqBefore;
    m_batchEvents = std::move(kept);
}

void Engine::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // A zero timer fires after the events already queued on this thread are
    // processed: every request that arrived meanwhile joins this commit.
    QTimer::singleShot(0, this, [this] { flush(); });
}

bool Engine::flush()
{
    m_flushScheduled = false;
    bool ok = true;
    if (m_batchFailed || !m_store.commit()) {
        ok = false;
        qCWarning(lcEngine) << "batch failed; rolling back" << m_pending.size() << "replies:" << m_store.lastError();
        m_store.rollback();
        m_seq = m_committedSeq;
        m_batchEvents.clear();
        resetState();
        QString err;
        load(&err);
        for (PendingReply &p : m_pending)
            p.reply = Reply::error(503, "storage_failed", "the write could not be stored; retry with the same key");
    }
    EventList events = std::exchange(m_batchEvents, {});
    QList<PendingReply> pending = std::exchange(m_pending, {});
    m_counters.batches.fetch_add(1, std::memory_order_relaxed);
    if (!ok)
        m_counters.failedBatches.fetch_add(1, std::memory_order_relaxed);
    if (ok && m_syncer && (!events.isEmpty() || !pending.isEmpty())) {
        m_syncing.append({++m_batchId, m_seq, std::move(events), std::move(pending)});
        m_syncer->request(m_batchId);
        return true;
    }
    if (m_syncing.isEmpty())
        m_committedSeq = m_seq;
    release(events, pending, true);
    return ok;
}

void Engine::onDurable(qint64 batch, bool ok)
{
    while (!m_syncing.isEmpty() && m_syncing.first().id <= batch) {
        SyncingBatch b = m_syncing.takeFirst();
        m_committedSeq = b.seq;
        release(b.events, b.pending, ok);
    }
}

void Engine::release(const EventList &events, QList<PendingReply> &pending, bool durable)
{
    if (!durable) {
        for (PendingReply &p : pending)
            p.reply = Reply::error(503, "storage_failed", "the write may not be durable; retry with the same key");
    }
    m_counters.events.fetch_add(events.size(), std::memory_order_relaxed);
    if (!events.isEmpty())
        emit eventsCommitted(events);
    for (PendingReply &p : pending) {
        if (!p.callback)
            continue;
        if (!p.hasContext || p.context.isNull()) {
            if (!p.hasContext)
                p.callback(p.reply);
            continue;
        }
        if (p.context->thread() == QThread::currentThread()) {
            p.callback(p.reply);
        } else {
            QMetaObject::invokeMethod(
                p.context, [cb = std::move(p.callback), r = std::move(p.reply)] { cb(r); }, Qt::QueuedConnection);
        }
    }
}

EventList Engine::eventsSince(qint64 since, int limit, const QStringList &rooms)
{
    // Only committed (and, with async durability, synced) events: the open
    // batch is not acknowledged yet.
    return readEvents(since, m_committedSeq, limit, rooms);
}

namespace {
// Room names bound into one statement. Lists are padded to it with NULLs
// (which match no room), so every list takes the same prepared statement.
constexpr int kRoomSlots = Engine::kMaxEventRooms;
} // namespace

EventList Engine::collectEvents(QSqlQuery &q)
{
    EventList out;
    if (q.exec()) {
        while (q.next()) {
            Event e;
            e.seq = q.value(0).toLongLong();
            e.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
            e.room = q.value(2).toString();
            e.name = q.value(3).toString();
            e.dataJson = q.value(4).toString().toUtf8();
            out.append(e);
        }
    }
    q.finish();
    return out;
}

EventList Engine::readEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms)
{
    if (rooms.isEmpty()) {
        QSqlQuery &q = m_store.prepared(QStringLiteral(
                "SELECT seq, at, room, event, data FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"));
        q.bindValue(0, after);
        q.bindValue(1, upTo);
        q.bindValue(2, limit);
        return collectEvents(q);
    }
    if (rooms.size() <= kRoomSlots)
        return roomEvents(after, upTo, limit, rooms);
    // More rooms than one statement holds (a WebSocket client may be in 50):
    // the first `limit` events of each slice, merged in seq order. Each room
    // is in one slice only, so no event comes twice.
    QStringList distinct = rooms;
    distinct.removeDuplicates();
    EventList merged;
    for (qsizetype i = 0; i < distinct.size(); i += kRoomSlots)
        merged += roomEvents(after, upTo, limit, distinct.mid(i, kRoomSlots));
    std::sort(merged.begin(), merged.end(), [](const Event &a, const Event &b) { return a.seq < b.seq; });
    if (merged.size() > limit)
        merged.resize(limit);
    return merged;
}

EventList Engine::roomEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms)
{
    static const QString sql = [] {
        QStringList marks;
        for (int i = 0; i < kRoomSlots; ++i)
            marks << QStringLiteral("?");
        return QStringLiteral("SELECT seq, at, room, event, data FROM events WHERE seq > ? AND room IN (%1) "
                              "AND seq <= ? ORDER BY seq LIMIT ?")
                .arg(marks.join(QLatin1Char(',')));
    }();
    QSqlQuery &q = m_store.prepared(sql);
    int i = 0;
    q.bindValue(i++, after);
    for (int slot = 0; slot < kRoomSlots; ++slot)
        q.bindValue(i++, slot < rooms.size() ? QVariant(rooms.at(slot)) : QVariant());
    q.bindValue(i++, upTo);
    q.bindValue(i++, limit);
    return collectEvents(q);
}

EventList Engine::readableEvents(qint64 after, qint64 upTo, int limit, const EventReader &reader)
{
    if (reader.who.isAdmin())
        return readEvents(after, upTo, limit);
    // roomAccessError decides about every event. The statement only skips,
    // in SQL, what it would refuse anyway for a non-admin reader — the admin
    // room, other people's user rooms, other teams' rooms unless the reader
    // may read all teams — so a page rarely needs a second read.
    const Identity &who = reader.who;
    const QString ownUser
            = who.kind == Identity::Kind::Person ? QStringLiteral("user:%1").arg(who.personId) : QString();
    const QString ownTeam
            = who.kind == Identity::Kind::Person && who.teamId ? QStringLiteral("team:%1").arg(who.teamId) : QString();
    // Whether every team room is readable (a display token), asked of the
    // rule with a team room that is not the reader's own.
    const bool everyTeam
            = roomAccessError(QStringLiteral("team:%1").arg(who.teamId + 1), who, reader.requireViewToken).isEmpty();
    EventList out;
    qint64 from = after;
    while (out.size() < limit) {
        QSqlQuery &q = m_store.prepared(QStringLiteral(
                "SELECT seq, at, room, event, data FROM events WHERE seq > ? AND seq <= ? AND room <> 'admin' "
                "AND (room NOT LIKE 'user:%' OR room = ?) AND (? = 1 OR room NOT LIKE 'team:%' OR room = ?) "
                "ORDER BY seq LIMIT ?"));
        const int want = int(limit - out.size());
        q.bindValue(0, from);
        q.bindValue(1, upTo);
        q.bindValue(2, ownUser.isEmpty() ? QStringLiteral("-") : ownUser);
        q.bindValue(3, everyTeam ? 1 : 0);
        q.bindValue(4, ownTeam.isEmpty() ? QStringLiteral("-") : ownTeam);
        q.bindValue(5, want);
        const EventList page = collectEvents(q);
        for (const Event &e : page) {
            if (roomAccessError(e.room, who, reader.requireViewToken).isEmpty())
                out.append(e);
        }
        if (page.size() < want)
            break;
        from = page.last().seq;
    }
    return out;
}

QDateTime Engine::eventTime(qint64 seq)
{
    const QVariant at = m_store.scalar(QStringLiteral("SELECT at FROM events WHERE seq = ?"), {seq});
    return at.isNull() ? QDateTime() : QDateTime::fromString(at.toString(), Qt::ISODateWithMs);
}

Reply Engine::events(qint64 since, int limit, const QStringList &rooms)
{
    if (since < 0)
        return Reply::badRequest("parameter 'since' must be a sequence number of 0 or more");
    if (limit < 1 || limit > 1000)
        return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    QJsonArray arr;
    const EventList list = eventsSince(since, limit, rooms);
    for (const Event &e : list)
        arr.append(e.toJson());
    return {200, {{"events", arr}, {"lastSeq", m_committedSeq}}};
}

Reply Engine::events(qint64 since, int limit, const QStringList &rooms, const EventReader &reader)
{
    if (reader.requireViewToken && !reader.who.canView())
        return Reply::unauthorized("reading events needs a bearer token in header 'Authorization' "
                                   "(this server requires a view token)");
    if (since < 0)
        return Reply::badRequest("parameter 'since' must be a sequence number of 0 or more");
    if (limit < 1 || limit > 1000)
        return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    if (rooms.size() > kMaxEventRooms)
        return Reply::badRequest(QStringLiteral("parameter 'rooms' names %1 rooms; at most %2 are allowed")
                                         .arg(rooms.size())
                                         .arg(kMaxEventRooms));
    for (const QString &room : rooms) {
        const QString denied = roomAccessError(room, reader.who, reader.requireViewToken);
        if (denied == QLatin1String("forbidden"))
            return Reply::forbidden(
                    QStringLiteral("parameter 'rooms': room '%1' is not readable with %2")
                            .arg(room,
                                 reader.who.canView() ? QStringLiteral("this token") : QStringLiteral("no token")));
        if (denied == QLatin1String("invalid_room"))
            return Reply::badRequest(
                    QStringLiteral("parameter 'rooms': '%1' is not a room name (1-128 of A-Z a-z 0-9 _ . : -)")
                            .arg(room));
        if (!denied.isEmpty())
            return Reply::badRequest(QStringLiteral("parameter 'rooms': there is no room '%1'").arg(room));
    }
    // Only committed events, as in eventsSince().
    const EventList list = rooms.isEmpty() ? readableEvents(since, m_committedSeq, limit, reader)
                                           : readEvents(since, m_committedSeq, limit, rooms);
    QJsonArray arr;
    for (const Event &e : list)
        arr.append(e.toJson());
    return {200, {{"events", arr}, {"lastSeq", m_committedSeq}}};
}

bool Engine::validRoomName(const QString &room)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,128}$"));
    return re.match(room).hasMatch();
}

bool Engine::validEventName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]{1,64}$"));
    return re.match(name).hasMatch();
}

void Engine::saveSetting(const QString &key, const QJsonValue &value)
{
    write(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
          {key, jsonText(QJsonObject{{"v", value}})});
}

} // namespace podium
