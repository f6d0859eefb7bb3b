#include "demo/demo.h"

#include "engine/engine.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonObject>

namespace podium {

namespace {

struct SeedTeam
{
    const char *name;
    const char *color;
    QList<const char *> people;
};

// Four crews of a roofing sales floor, three reps each.
const QList<SeedTeam> &office()
{
    static const QList<SeedTeam> teams{
        {"Storm Chasers", "#3B82F6", {"Maya Thompson", "Derek Alvarez", "Priya Natarajan"}},
        {"Shingle Kings", "#F59E0B", {"Jordan Ellis", "Tessa Morgan", "Marcus Bell"}},
        {"Gutter Gurus", "#10B981", {"Lena Kowalski", "Andre Jackson", "Sofia Reyes"}},
        {"Ridge Runners", "#EF4444", {"Caleb Brooks", "Hannah Price", "Omar Haddad"}},
    };
    return teams;
}

QString emailFor(const QString &name)
{
    return name.toLower().replace(QLatin1Char(' '), QLatin1Char('.')) + QStringLiteral("@roofer.example");
}

Identity demoIdentity()
{
    Identity who;
    who.kind = Identity::Kind::Admin;
    return who;
}

} // namespace

Demo::Demo(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_timer(this)
{
    bool seeded = false;
    const int seed = qEnvironmentVariableIntValue("PODIUM_DEMO_SEED", &seeded);
    m_rng.seed(seeded ? quint32(seed) : QRandomGenerator::global()->generate());
    bool hasInterval = false;
    const int ms = qEnvironmentVariableIntValue("PODIUM_DEMO_INTERVAL_MS", &hasInterval);
    m_timer.setInterval(hasInterval && ms > 0 ? std::chrono::milliseconds(ms) : kDefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &Demo::step);
}

void Demo::setRandomSeed(quint32 seed)
{
    m_rng.seed(seed);
}

void Demo::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

std::chrono::milliseconds Demo::interval() const
{
    return m_timer.intervalAsDuration();
}

bool Demo::check(const char *what, const DomainError *refusal) const
{
    if (refusal)
        qCWarning(lcDemo) << what << "failed:" << refusal->code << refusal->message;
    return !refusal;
}

void Demo::commitSoon()
{
    // The writes above joined the engine's open batch; commit it once this
    // turn of the event loop is done, together with anything else queued.
    if (m_commitQueued)
        return;
    m_commitQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_commitQueued = false;
        m_engine->flush();
    });
}

void Demo::seed()
{
    if (!m_engine->directory().people().isEmpty()) {
        qCInfo(lcDemo) << "the database already has people; the demo uses them as they are";
        return;
    }
    qCInfo(lcDemo) << "seeding a demo office";

    ConfigurationService &configuration = m_engine->configuration();
    check("badge",
          configuration.saveBadge(
                  {"hail-hunter", "Hail Hunter", "Booked ten storm-damage inspections in a week", "🌩️", "rare"}));
    check("badge",
          configuration.saveBadge(
                  {"rookie-of-the-month", "Rookie of the Month", "Best first month on the floor", "🚀", "epic"}));

    qint64 newest = 0;
    int externalId = 1001;
    for (const SeedTeam &t : office()) {
        const Outcome<Team> team
                = m_engine->directory().createTeam({QString::fromUtf8(t.name), QString::fromUtf8(t.color)});
        if (!check("team", team))
            continue;
        for (const char *name : t.people) {
            PersonDraft draft;
            draft.name = QString::fromUtf8(name);
            draft.teamId = team->id;
            draft.email = emailFor(draft.name);
            draft.externalId = QStringLiteral("crm-%1").arg(externalId++);
            const Outcome<Person> p = m_engine->directory().createPerson(draft);
            if (check("person", p))
                newest = p->id;
        }
    }

    startRound();
    AnnouncementDraft ticker;
    ticker.text = QStringLiteral("Lightning Round is live: most revenue in the next %1 seconds takes the $500 bonus!")
                          .arg(kRoundSeconds);
    check("announcement", m_engine->social().announce(ticker));
    if (newest)
        check("award", m_engine->scoring().awardBadge(newest, "rookie-of-the-month", QString()));
    commitSoon();
}

void Demo::start()
{
    seed();
    m_timer.start();
    qCInfo(lcDemo) << "demo running, one activity every" << m_timer.interval() << "ms";
}

void Demo::stop()
{
    m_timer.stop();
}

qint64 Demo::pickPerson()
{
    // Some reps are on a roll: each has a fixed "form" of 1–3 so the board
    // develops leaders instead of a uniform shuffle.
    QList<QPair<qint64, int>> people;
    int total = 0;
    for (const Person *p : m_engine->directory().peopleById()) {
        if (!p->active)
            continue;
        const qint64 id = p->id;
        const int form = 1 + int((id * 7) % 3);
        people.append({id, form});
        total += form;
    }
    if (total == 0)
        return 0;
    int roll = int(m_rng.bounded(total));
    for (const auto &p : people) {
        if (roll < p.second)
            return p.first;
        roll -= p.second;
    }
    return people.last().first;
}

void Demo::record(const char *metric, qint64 person, double amount, const QString &source)
{
    ActivityInput activity;
    activity.person = person;
    activity.metric = QLatin1String(metric);
    activity.amount = amount;
    activity.source = source;
    check(metric, m_engine->scoring().record(activity));
}

void Demo::recordRevenue(qint64 person)
{
    // $1,500–18,000 in $50 steps: one good roof can cross $10K on its own.
    const double delta = qRound((1500 + m_rng.bounded(16501)) / 50.0) * 50.0;
    record("revenue", person, delta, QStringLiteral("crm"));
}

void Demo::recordSignups(qint64 person)
{
    record("signups", person, 1 + int(m_rng.bounded(4)), QStringLiteral("crm"));
}

void Demo::recordXp(qint64 person)
{
    static const QStringList sources{"module_complete", "quiz_passed", "roleplay"};
    const double xp = 50 + 10 * int(m_rng.bounded(36)); // 50–400
    record("xp", person, xp, sources.at(int(m_rng.bounded(int(sources.size())))));
}

void Demo::startSession()
{
    const qint64 person = pickPerson();
    if (!person)
        return;
    const bool typing = m_rng.bounded(2) == 0;
    SessionDraft draft;
    draft.person = person;
    draft.kind = typing ? QStringLiteral("typing") : QStringLiteral("training");
    draft.title = typing ? QStringLiteral("Typing sprint") : QStringLiteral("Objection-handling roleplay");
    const Outcome<QJsonObject> started = m_engine->social().startSession(draft);
    if (!check("session start", started))
        return;
    LiveSession s;
    s.id = started->value("sessionId").toInteger();
    s.length = 4 + int(m_rng.bounded(5));
    s.wpm = typing ? 45 + m_rng.bounded(30) : 0;
    s.accuracy = 88 + m_rng.bounded(8);
    m_session = s;
}

void Demo::advanceSession()
{
    LiveSession &s = *m_session;
    ++s.ticks;
    const double elapsed = s.ticks * std::chrono::duration<double>(interval()).count();
    s.score += 40 + m_rng.bounded(120);
    s.accuracy = qBound(80.0, s.accuracy + (int(m_rng.bounded(5)) - 2) * 0.7, 99.9);
    QJsonObject progress{{"accuracy", qRound(s.accuracy * 10) / 10.0},
                         {"score", s.score},
                         {"elapsed", elapsed},
                         {"progress", qMin(1.0, double(s.ticks) / s.length)}};
    if (s.wpm > 0) {
        s.wpm = qBound(30.0, s.wpm + int(m_rng.bounded(13)) - 5, 160.0);
        progress.insert("wpm", s.wpm);
    }
    if (s.ticks < s.length) {
        check("session progress", m_engine->social().reportProgress(s.id, progress, demoIdentity()));
        return;
    }
    // Now and then a flawless run, so the perfect-accuracy rule gets its moment.
    const double accuracy = m_rng.bounded(6) == 0 ? 100.0 : qRound(s.accuracy * 10) / 10.0;
    check("session end",
          m_engine->social().endSession(s.id, QJsonObject {{"score", s.score}, {"accuracy", accuracy}},
                                        demoIdentity()));
    m_session.reset();
}

bool Demo::startRound()
{
    const QDateTime now = m_engine->clock()->now();
    ContestDraft draft;
    draft.name = QStringLiteral("Lightning Round");
    draft.metric = QStringLiteral("revenue");
    draft.startsAt = now;
    draft.endsAt = now.addSecs(kRoundSeconds);
    draft.prizes = QJsonArray {"$500 bonus", "$250 bonus", "Team lunch"};
    const Outcome<const Contest *> round = m_engine->contests().create(draft);
    if (!check("contest", round))
        return false;
    ++m_rounds;
    qCInfo(lcDemo) << "Lightning Round" << (*round)->id << "is live for" << kRoundSeconds << "s";
    return true;
}

void Demo::maybeStartRound()
{
    // Another round once the last one has been over for a short break, so
    // the wall always has a countdown coming.
    QDateTime lastEnd;
    for (const Contest *c : m_engine->contests().contestsById()) {
        if (c->state != ContestState::Ended)
            return;
        if (!lastEnd.isValid() || c->endsAt > lastEnd)
            lastEnd = c->endsAt;
    }
    if (!lastEnd.isValid() || lastEnd.secsTo(m_engine->clock()->now()) >= kRoundBreakSeconds)
        startRound();
}

void Demo::maybeAwardBadge()
{
    // A manager handing out a badge by hand, once in a while.
    if (m_rng.bounded(40) != 0)
        return;
    const qint64 person = pickPerson();
    if (!person)
        return;
    const Outcome<AwardedBadge> awarded = m_engine->scoring().awardBadge(person, "hail-hunter", QString());
    // Refused when they already have it, or when the badge was removed.
    if (!awarded && awarded.error().kind != DomainError::Kind::Conflict
        && awarded.error().kind != DomainError::Kind::Invalid)
        check("award", awarded);
}

void Demo::step()
{
    maybeStartRound();
    if (m_session)
        advanceSession();
    else if (m_rng.bounded(100) < 12)
        startSession();

    const qint64 person = pickPerson();
    if (person) {
        const int roll = int(m_rng.bounded(100));
        if (roll < 50)
            recordRevenue(person);
        else if (roll < 75)
            recordSignups(person);
        else
            recordXp(person);
    }
    maybeAwardBadge();
    commitSoon();
}

} // namespace podium
