#pragma once

#include "engine/outcome.h"
#include <QString>

#include <QDateTime>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <chrono>
#include <optional>

namespace podium {

class Engine;

// Demo mode (`--demo`): a believable roofing sales floor that keeps the wall
// alive on a first run. It lives on the engine thread and calls Engine
// operations directly, like any other writer there; the writes join the
// engine's open batch, and a commit is queued on the engine for the next turn
// of its event loop (tests call engine.flush() themselves).
//
// Amounts are tuned so the wall has something to celebrate within a minute:
// revenue deltas of $1,500–18,000 cross the $10K and $25K thresholds quickly,
// XP gains level people up, and a 45-second "Lightning Round" contest ends
// with placements. When a round is over another starts after a short break.
//
// PODIUM_DEMO_SEED and PODIUM_DEMO_INTERVAL_MS in the environment set the
// random seed and the step interval when the setters are not used.
class Demo : public QObject
{
    Q_OBJECT

public:
    explicit Demo(Engine *engine, QObject *parent = nullptr);

    // Same seed, same clock, same database: the same simulated day.
    void setRandomSeed(quint32 seed);
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;

    // Creates the office on a database without people; does nothing otherwise.
    void seed();
    // seed(), then one step() every interval.
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // One simulated moment on the floor: an activity by someone, progress in
    // a live session now and then, a new contest round when one is due.
    void step();

    static constexpr auto kDefaultInterval = std::chrono::milliseconds(2500);
    static constexpr qint64 kRoundSeconds = 45;
    static constexpr qint64 kRoundBreakSeconds = 20;

private:
    struct LiveSession
    {
        qint64 id = 0;
        int ticks = 0;
        int length = 0;
        double score = 0;
        double accuracy = 0;
        double wpm = 0;
    };

    qint64 pickPerson();
    // One activity of the simulated office, from `source`.
    void record(const char *metric, qint64 person, double amount, const QString &source);
    void recordRevenue(qint64 person);
    void recordSignups(qint64 person);
    void recordXp(qint64 person);
    void advanceSession();
    void startSession();
    void maybeStartRound();
    bool startRound();
    void maybeAwardBadge();
    bool check(const char *what, const DomainError *refusal) const;
    template<typename T> bool check(const char *what, const Outcome<T> &outcome) const
    {
        return check(what, outcome.ok() ? nullptr : &outcome.error());
    }
    void commitSoon();

    Engine *m_engine;
    QRandomGenerator m_rng;
    QTimer m_timer;
    std::optional<LiveSession> m_session;
    int m_rounds = 0;
    bool m_commitQueued = false;
};

} // namespace podium
