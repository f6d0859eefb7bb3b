// Engine core: opening and loading, the group-commit batch, the event log.
#include "engine/engine.h"

#include "hub/roomaccess.h"
#include "logging.h"
#include "engine/walsyncer.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QThread>
#include <cmath>
#include <iterator>

namespace podium {

namespace {
// How many jobs one transaction may hold before it is committed regardless.
constexpr int kMaxBatch = 2000;
} // namespace

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
    if (configuration().metrics().isEmpty()) {
        m_store.begin();
        configuration().seedDefaults();
        m_batchEvents.clear(); // seeding is not news
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
    contests().tick();
    flush();
    qCInfo(lcEngine) << "engine open:" << directory().people().size() << "people," << configuration().metrics().size()
                     << "metrics, seq" << m_seq;
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
    m_contestService->stopTimer();
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
        it = m_lastIds.insert(table, m_store.maxId(table));
    return ++*it;
}

bool Engine::load(QString *error)
{
    m_seq = m_committedSeq = m_eventLog.lastSeq();
    for (Service *service : services()) {
        if (!service->load(error))
            return false;
    }
    return true;
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
    m_eventLog.append(e, nowText(e.at));
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
    return m_eventLog.read(since, m_committedSeq, limit, rooms);
}

EventList Engine::readEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms)
{
    return m_eventLog.read(after, upTo, limit, rooms);
}

EventList Engine::readableEvents(qint64 after, qint64 upTo, int limit, const Identity &who, bool requireViewToken)
{
    if (who.isAdmin())
        return m_eventLog.read(after, upTo, limit);
    // roomAccessError decides about every event. The statement only skips,
    // in SQL, what it would refuse anyway for a non-admin reader — the admin
    // room, other people's user rooms, other teams' rooms unless the reader
    // may read all teams — so a page rarely needs a second read.
    const QString ownUser = who.kind == Identity::Kind::Person ? userRoom(who.personId) : QString();
    const QString ownTeam = who.kind == Identity::Kind::Person && who.teamId ? rooms::team(who.teamId) : QString();
    // Whether every team room is readable (a display token), asked of the
    // rule with a team room that is not the reader's own.
    const bool everyTeam = roomAccessError(rooms::team(who.teamId + 1), who, requireViewToken).isEmpty();
    EventList out;
    qint64 from = after;
    while (out.size() < limit) {
        const int want = int(limit - out.size());
        const EventList page = m_eventLog.nonAdminPage(from, upTo, want, ownUser, everyTeam, ownTeam);
        for (const Event &e : page) {
            if (roomAccessError(e.room, who, requireViewToken).isEmpty())
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
    return m_eventLog.timeOf(seq);
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

} // namespace podium
