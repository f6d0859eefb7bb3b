#pragma once

#include "scoring/board.h"
#include "configuration/configurationservice.h"
#include "contests/contestservice.h"
#include "directory/directoryservice.h"
#include "engine/clock.h"
#include "event.h"
#include "format.h"
#include "rooms.h"
#include "directory/identity.h"
#include "scoring/levels.h"
#include "scoring/periods.h"
#include "http/reply.h"
#include "scoring/rules.h"
#include "scoring/scoringservice.h"
#include "social/socialservice.h"
#include "store/batchwriter.h"
#include "store/store.h"
#include "directory/tokendirectory.h"

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

// A person's avatar initials: the first whole character (grapheme cluster)
// of each of the first two words of `name`.
QString initialsOf(const QString &name);

Q_NAMESPACE

// A contest's lifecycle: scheduled → live → ended. It moves by itself at its
// start and end times, also when Podium was down at that moment.
enum class ContestState { Scheduled, Live, Ended };
Q_ENUM_NS(ContestState)

struct Metric
{
    enum class Aggregation { Sum, Best, Latest };
    QString key;
    QString label;
    QString unit = "count"; // currency, count, points, percent
    Aggregation aggregation = Aggregation::Sum;
    bool higherIsBetter = true;
    QList<Period> periods = allPeriods();

    QJsonObject toJson() const;
    QString format(double value) const;
};

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

struct Contest
{
    qint64 id = 0;
    QString name;
    QString metric;
    QDateTime startsAt;
    QDateTime endsAt;
    bool teams = false;
    QJsonArray prizes;
    ContestState state = ContestState::Scheduled;
    QJsonArray placements;
    QJsonValue payout;
    Board standings;
};

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
    Identity authenticate(const QString &token) const;
    std::shared_ptr<TokenDirectory> tokens() const { return m_tokens; }
    // Makes sure an admin token exists: `preset` (PODIUM_ADMIN_TOKEN) is
    // installed as one; otherwise, on a database without any, a new one is
    // created. Returns the plaintext only when it was created here.
    QString ensureAdminToken(const QString &preset);
    Reply createToken(const QJsonObject &input);
    Reply revokeToken(qint64 id);
    Reply listTokens() const;

    // People and teams
    Reply createTeam(const QJsonObject &input);
    Reply updateTeam(qint64 id, const QJsonObject &input);
    Reply listTeams() const;
    Reply createPerson(const QJsonObject &input);
    Reply updatePerson(qint64 id, const QJsonObject &input);
    // E-mail and external id are contact data: in the full view only
    // (admin and integration tokens, and in-process readers).
    enum class PersonView { Public, Full };
    Reply getPerson(qint64 id, PersonView view = PersonView::Full);
    Reply listPeople(PersonView view = PersonView::Full) const;

    // Activity and corrections
    Reply recordActivity(const QJsonObject &input);
    Reply recordBatch(const QJsonArray &items);
    // The same, answering with `Reply::raw` only: what the REST route sends.
    Reply ingestActivity(const QJsonObject &input);
    Reply ingestBatch(const QJsonArray &items);
    Reply voidActivity(qint64 id);
    Reply getActivity(qint64 id);

    // Reading
    Reply leaderboard(const QString &metric, const QUrlQuery &query);
    // Boards held in memory: those of the current periods, plus at most
    // kMaxPastBoards of other periods (least recently used go first; they
    // are rebuilt from the stored totals when asked for again).
    static constexpr int kMaxPastBoards = 64;
    // Live sessions open at once, in all and per person (POST /api/sessions
    // answers 409 beyond them).
    static constexpr int kMaxLiveSessions = 1000;
    static constexpr int kMaxLiveSessionsPerPerson = 3;
    int cachedBoards() const { return int(m_boards.size()); }

    // Who reads the event log over REST. The rooms they may read are the
    // ones a WebSocket `join` admits (roomAccessError): one rule for both.
    struct EventReader
    {
        Identity who;
        bool requireViewToken = false; // --require-view-token
    };
    static constexpr int kMaxEventRooms = 32; // names in one `rooms` list
    Reply events(qint64 since, int limit, const QStringList &rooms, const EventReader &reader);
    // The same for in-process readers (the wall in this process), who see every room.
    Reply events(qint64 since, int limit, const QStringList &rooms = {});
    EventList eventsSince(qint64 since, int limit, const QStringList &rooms = {});
    // Events in (after, upTo], including the open batch's.
    EventList readEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms = {});
    // Events in (after, upTo] in the rooms `reader` may read.
    EventList readableEvents(qint64 after, qint64 upTo, int limit, const EventReader &reader);

    // Configuration
    Reply listMetrics() const;
    Reply upsertMetric(const QJsonObject &input);
    Reply listRules() const;
    Reply createRule(const QJsonObject &input);
    Reply updateRule(qint64 id, const QJsonObject &input);
    Reply deleteRule(qint64 id);
    Reply listBadges() const;
    Reply upsertBadge(const QJsonObject &input);
    Reply awardBadge(qint64 person, const QString &badge, const QString &reason);
    Reply getSettings() const;
    Reply updateSettings(const QJsonObject &input);

    // Contests
    Reply createContest(const QJsonObject &input);
    Reply listContests() const;
    Reply getContest(qint64 id) const;
    Reply startContest(qint64 id);
    Reply endContest(qint64 id);
    Reply recordPayout(qint64 id, const QJsonObject &input);
    // Moves contests whose start or end time has passed; runs by itself on a
    // timer, and tests call it after moving a ManualClock.
    void tick();

    // Notifications, announcements, live sessions, free broadcasts
    Reply listNotifications(qint64 person, bool unreadOnly, int limit);
    Reply markNotificationRead(qint64 id, const Identity &who);
    Reply createAnnouncement(const QJsonObject &input);
    Reply listAnnouncements();
    Reply startSession(const QJsonObject &input);
    Reply sessionProgress(qint64 id, const QJsonObject &input, const Identity &who);
    Reply endSession(qint64 id, const QJsonObject &input, const Identity &who);
    Reply listSessions() const;
    Reply broadcast(const QString &room, const QString &event, const QJsonObject &data);

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
    // Until each service owns its state, the loaded state below is theirs to use.
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
    struct BoardKey
    {
        QString metric;
        Period period;
        QString periodKey;
        bool operator==(const BoardKey &o) const
        {
            return period == o.period && metric == o.metric && periodKey == o.periodKey;
        }
    };
    friend size_t qHash(const BoardKey &k, size_t seed) { return qHashMulti(seed, k.metric, int(k.period), k.periodKey); }
    struct Change; // the effect of one activity on one period board
    struct RankMove
    {
        Period period;
        QString key;
        std::optional<int> previous;
        std::optional<int> now;
        std::optional<double> value;
        bool significant = false;
    };
    void emitRankings(const Person &p, const Metric &m, const QList<RankMove> &moves, bool correction,
                      const QDateTime &at);

    // Loading and seeding
    bool load(QString *error);
    void resetState();
    void seedDefaults();
    Board &board(const QString &metric, Period period, const QString &key);
    // Forgets least recently used boards of past periods down to kMaxPastBoards - 1.
    void trimPastBoards();
    EventList roomEvents(qint64 after, qint64 upTo, int limit, const QStringList &rooms);
    static EventList collectEvents(QSqlQuery &q);

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

    // Ingest internals
    Reply applyActivity(const QJsonObject &input, EventList *events);
    struct ActivitySummary;
    static QByteArray activityResult(const ActivitySummary &a, const EventList &events, bool replayed);
    std::optional<Reply> replayActivity(const QString &key, qint64 person, const QString &metric, double amount);
    double fold(const Metric &m, std::optional<double> previous, double amount) const;
    void evaluateValueRules(const Person &p, const Metric &m, Period period, const QString &key, double before,
                            double after, std::optional<int> prevRank, std::optional<int> newRank,
                            double amount, const QDateTime &at);
    void updateStreak(const Person &p, const QDateTime &at);
    void updateXp(const Person &p, double before, double after, const QString &source);
    void updateContests(const Person &p, const Metric &m, double amount, const QDateTime &at);
    bool fireMilestone(const MilestoneRule &rule, const Person &p, const QString &periodKey, double value,
                       QJsonObject achievement);
    void celebrate(const Person &p, QJsonObject achievement);
    bool grantBadge(const Person &p, const QString &badgeKey, const QString &reason, QJsonObject *badgeInfo);
    void recomputeBoards(const Person &p, const Metric &m, const QDateTime &at);
    QJsonObject personJson(const Person &p) const;
    // 409 naming 'name' when a team other than `except` has that name.
    std::optional<Reply> teamNameTaken(const QString &name, qint64 except) const;
    QJsonObject contestJson(const Contest &c) const;
    QJsonArray standingsJson(const Contest &c, int limit) const;
    void finishContest(Contest &c);
    void armContestTimer();
    void saveContest(const Contest &c);
    void rebuildContestStandings(Contest &c);
    void saveSetting(const QString &key, const QJsonValue &value);
    QString unknownBadge(const MilestoneRule &rule) const;
    std::optional<MilestoneRule> parseRule(const QJsonObject &input, Reply *error) const;

    Store m_store;
    SystemClock m_systemClock;
    Clock *m_clock;
    PeriodCalendar m_calendar;
    QTimer m_contestTimer{this}; // a child, so moveToThread() takes it along
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
    QHash<QString, Metric> m_metrics;
    QHash<qint64, std::shared_ptr<Team>> m_teams;
    QHash<qint64, std::shared_ptr<Person>> m_people;
    struct CachedBoard
    {
        Board board;
        quint64 lastUse = 0;
    };
    QHash<BoardKey, CachedBoard> m_boards;
    quint64 m_boardUses = 0;
    QList<MilestoneRule> m_rules;
    QHash<QString, QJsonObject> m_badges;
    std::shared_ptr<TokenDirectory> m_tokens = std::make_shared<TokenDirectory>();
    QHash<qint64, std::shared_ptr<Contest>> m_contests;
    QHash<qint64, QJsonObject> m_sessions; // live sessions
    struct Streak
    {
        int current = 0;
        int best = 0;
        QDate last;
        QDate started;
    };
    QHash<qint64, Streak> m_streaks; // loaded per person on first use
    QDateTime m_nowTextAt;
    QString m_nowText;
    LevelCurve m_levels;
    QList<Tier> m_tiers = defaultTiers();
    QString m_xpMetric = "xp";
    int m_significantRankMove = 3;

    // Created in this order, loaded in this order (see Service).
    std::unique_ptr<ConfigurationService> m_configurationService;
    std::unique_ptr<DirectoryService> m_directoryService;
    std::unique_ptr<ScoringService> m_scoringService;
    std::unique_ptr<ContestService> m_contestService;
    std::unique_ptr<SocialService> m_socialService;
    QList<Service *> services() const;
};

} // namespace podium
