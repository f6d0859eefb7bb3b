#pragma once

#include "configuration/configurationservice.h"
#include "configuration/metric.h"
#include "contests/contest.h"
#include "contests/contestservice.h"
#include "directory/directoryservice.h"
#include "directory/identity.h"
#include "directory/people.h"
#include "directory/tokendirectory.h"
#include "engine/clock.h"
#include "event.h"
#include "format.h"
#include "http/reply.h"
#include "rooms.h"
#include "scoring/board.h"
#include "scoring/levels.h"
#include "scoring/periods.h"
#include "scoring/rules.h"
#include "scoring/scoringservice.h"
#include "scoring/streak.h"
#include "social/socialservice.h"
#include "store/batchwriter.h"
#include "store/eventlogrepository.h"
#include "store/store.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <atomic>
#include <functional>
#include <memory>

namespace podium {

// Totals for GET /metrics; atomics so the network thread can read them.
struct EngineCounters
{
    std::atomic<qint64> activities{0};
    std::atomic<qint64> events{0};
    std::atomic<qint64> batches{0};
    std::atomic<qint64> failedBatches{0};
};

// The engine owns the rules and the database. It lives on its own thread; all
// of its public operations run there. Writes join an open transaction that
// commits in a group (group commit): replies and events are released only
// after the commit, so anything acknowledged is durable.
class Engine : public QObject, public BatchWriter
{
    Q_OBJECT

public:
    using Job = std::function<Reply(Engine &)>;
    using Callback = std::function<void(const Reply &)>;

    explicit Engine(Clock *clock = nullptr, QObject *parent = nullptr);
    ~Engine() override;

    // Opens the store, migrates, seeds a fresh database, loads state and
    // catches up on contest transitions missed while Podium was down.
    bool open(const QString &databaseTarget, QString *error);
    void close();
    Store &store() override { return m_store; }
    // For services and their repositories (BatchWriter): on the engine
    // thread, into the open batch and the running job's savepoint.
    int writeAffected(const QString &sql, const QVariantList &binds) override;
    qint64 nextId(const QString &table) override;
    const PeriodCalendar &calendar() const { return m_calendar; }
    void setTimeZone(const QTimeZone &zone) { m_calendar = PeriodCalendar(zone); }
    // Before open(): make SQLite commits durable on a separate thread (see
    // WalSyncer) so the engine computes the next batch while the disk syncs.
    // Replies and events are still released only once durable.
    void setAsyncDurability(bool on) { m_asyncDurability = on; }
    Clock *clock() const { return m_clock; }

    // Thread-safe entry point: runs `job` on the engine thread and calls `cb`
    // in `context`'s thread once the job's writes are committed.
    void run(Job job, QObject *context, Callback cb);
    // Commits the open batch, publishes its events and releases replies.
    // Returns false (and rolls back and reloads) if the commit failed.
    bool flush();
    qint64 lastSeq() const { return m_seq; }
    const EngineCounters &counters() const { return m_counters; }
    // The newest seq that is committed (what readers may see).
    qint64 committedSeq() const { return m_committedSeq; }
    // When event `seq` happened; invalid if there is no such event.
    QDateTime eventTime(qint64 seq);

    // Tokens. The directory is shared with the network threads.
    Identity authenticate(const QString &token) const { return m_directoryService->authenticate(token); }
    std::shared_ptr<TokenDirectory> tokens() const { return m_directoryService->tokens(); }

    EventList eventsSince(qint64 since, int limit, const QStringList &rooms = {});
    // Events in (after, upTo], including the open batch's.
    EventList readEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms = {});
    // Events in (after, upTo] in the rooms `who` may read: those a WebSocket
    // `join` admits (roomAccessError), one rule for both.
    EventList readableEvents(qint64 after, qint64 upTo, int limit, const Identity &who, bool requireViewToken);

    static bool validRoomName(const QString &room);
    static QString userRoom(qint64 person) { return rooms::user(person); }
    static bool validEventName(const QString &name);

    const Metric *metric(const QString &key) const { return m_configurationService->metric(key); }
    const Person *person(qint64 id) const { return m_directoryService->person(id); }
    const Team *team(qint64 id) const { return m_directoryService->team(id); }

    // The services, in the order they load (see Service).
    ConfigurationService &configuration() const { return *m_configurationService; }
    DirectoryService &directory() const { return *m_directoryService; }
    ScoringService &scoring() const { return *m_scoringService; }
    ContestService &contests() const { return *m_contestService; }
    SocialService &social() const { return *m_socialService; }

signals:
    // Emitted on the engine thread after a commit, with the batch's events in
    // seq order. The hub and in-process models subscribe to this one stream.
    void eventsCommitted(const podium::EventList &events);

private:
    // Services write through the core: events into the log (emitEvent), the
    // open batch's events, one formatted time per instant (nowText).
    friend class ConfigurationService;
    friend class DirectoryService;
    friend class ScoringService;
    friend class ContestService;
    friend class SocialService;

    struct PendingReply
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
        Reply reply;
    };
    // Loading and seeding
    bool load(QString *error);
    void resetState();

    // Writing
    Event emitEvent(const QString &room, const QString &name, const QJsonObject &data);
    // With a payload already encoded (see JsonWriter): the ingest path.
    Event emitEvent(const QString &room, const QString &name, QByteArray dataJson);
    Event appendEvent(const QString &room, const QString &name, Event e);
    void scheduleFlush();
    // Runs one job inside its own savepoint: if one of its writes fails, only
    // that job is undone (its writes, events and state) and answers 503; the
    // rest of the batch still commits.
    Reply runJob(const Job &job);
    void undoJob(qint64 seqBefore, qsizetype eventsBefore);
    void release(const EventList &events, QList<PendingReply> &pending, bool durable);
    void onDurable(qint64 batch, bool ok);
    QDateTime now() const { return m_clock->now(); }
    // isoTime(now()) for the many events of one instant, formatted once.
    QString nowText(const QDateTime &at);
    // The open batch's events from `first` on: what one request caused.
    qsizetype batchEventCount() const { return m_batchEvents.size(); }
    EventList batchEventsFrom(qsizetype first) const { return m_batchEvents.mid(first); }
    void countActivity() { m_counters.activities.fetch_add(1, std::memory_order_relaxed); }

    Store m_store;
    EventLogRepository m_eventLog {*this};
    SystemClock m_systemClock;
    Clock *m_clock;
    PeriodCalendar m_calendar;
    EngineCounters m_counters;

    // Batch (group commit) state
    bool m_flushScheduled = false;
    bool m_batchFailed = false;
    // Set while run() executes a job; the job's first write opens its savepoint.
    bool m_inJob = false;
    bool m_jobSavepoint = false;
    EventList m_batchEvents;
    QList<PendingReply> m_pending;
    // Committed batches waiting for their fsync (async durability only).
    struct SyncingBatch
    {
        qint64 id = 0;
        qint64 seq = 0;
        EventList events;
        QList<PendingReply> pending;
    };
    bool m_asyncDurability = false;
    std::unique_ptr<class WalSyncer> m_syncer;
    QList<SyncingBatch> m_syncing;
    qint64 m_batchId = 0;
    qint64 m_seq = 0;
    qint64 m_committedSeq = 0;

    // Loaded state
    QHash<QString, qint64> m_lastIds;
    QDateTime m_nowTextAt;
    QString m_nowText;

    // Created in this order, loaded in this order (see Service).
    std::unique_ptr<ConfigurationService> m_configurationService;
    std::unique_ptr<DirectoryService> m_directoryService;
    std::unique_ptr<ScoringService> m_scoringService;
    std::unique_ptr<ContestService> m_contestService;
    std::unique_ptr<SocialService> m_socialService;
    QList<Service *> services() const;
};

} // namespace podium
