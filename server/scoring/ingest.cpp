// Scoring: one activity's way in — checks, the idempotency key, totals and
// ranks of every period board, and the events that tell the walls.
#include "scoring/scoringservice.h"

#include "configuration/metric.h"
#include "engine/engine.h"
#include "jsonwriter.h"
#include "rooms.h"

#include <QJsonDocument>
#include <cmath>

namespace podium {

namespace {
// The range of an activity's `at`: a clock a little ahead is forgiven; the
// past ends well after the start of the all-time board (1970 local time),
// so whatever is accepted counts in the all-time total and stays counted
// when a correction recomputes it.
constexpr int kMaxFutureSeconds = 300;
constexpr double kMaxAmount = 1e12;
QDateTime earliestActivity()
{
    return QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
}

const char *amountField(bool summed)
{
    return summed ? "delta" : "value";
}

} // namespace

void writeStandings(JsonWriter &out, const QList<Standing> &standings)
{
    out.key("totals").beginObject();
    for (const Standing &s : standings)
        out.field(periodName(s.period), s.total);
    out.endObject().key("ranks").beginObject();
    for (const Standing &s : standings)
        out.field(periodName(s.period), s.rank);
    out.endObject();
}

std::optional<DomainError> ScoringService::checkPerson(qint64 person) const
{
    const Person *p = core().person(person);
    if (!p)
        return DomainError {DomainError::Kind::NotFound, QStringLiteral("unknown_person"),
                            QStringLiteral("field 'person': person %1 does not exist").arg(person)};
    if (!p->active)
        return DomainError::conflict(QStringLiteral("field 'person': person %1 is deactivated").arg(person));
    return std::nullopt;
}

Outcome<const Metric *> ScoringService::checkMetric(const QString &key) const
{
    if (const Metric *m = core().metric(key))
        return m;
    return DomainError {DomainError::Kind::NotFound, QStringLiteral("unknown_metric"),
                        QStringLiteral("field 'metric': unknown metric '%1'").arg(key)};
}

std::optional<DomainError> ScoringService::checkTime(const QDateTime &at) const
{
    if (at > core().now().addSecs(kMaxFutureSeconds))
        return DomainError::invalid(QStringLiteral("field 'at' is in the future"));
    if (at < earliestActivity())
        return DomainError::invalid(QStringLiteral("field 'at' must not be before 2000-01-01T00:00:00Z"));
    return std::nullopt;
}

std::optional<DomainError> ScoringService::checkAmount(const Metric &m, double amount)
{
    if (std::isfinite(amount) && std::fabs(amount) <= kMaxAmount)
        return std::nullopt;
    const bool summed = m.aggregation == Metric::Aggregation::Sum;
    return DomainError::invalid(QStringLiteral("field '%1' must be a number (metric '%2' %3)")
                                        .arg(QLatin1String(amountField(summed)), m.key,
                                             summed ? QStringLiteral("adds deltas") : QStringLiteral("keeps values")));
}

std::optional<RecordedActivity> ScoringService::replay(const ActivityInput &input, std::optional<DomainError> *refusal)
{
    const std::optional<StoredActivity> earlier = m_activities.byKey(input.key);
    if (!earlier)
        return std::nullopt;
    if (earlier->person != input.person || earlier->metric != input.metric || earlier->amount != input.amount) {
        *refusal = DomainError::conflict(
                QStringLiteral("field 'key': '%1' was already used for a different activity").arg(input.key));
        return std::nullopt;
    }
    RecordedActivity a;
    a.id = earlier->id;
    a.key = input.key;
    a.replayed = true;
    const qint64 first = earlier->firstSeq;
    const qint64 last = earlier->lastSeq;
    a.events = first > 0 ? core().readEvents(first - 1, last, int(last - first + 1)) : EventList {};
    if (a.events.isEmpty()) {
        // Written by a version that stored the reply itself.
        a.storedReply
                = first > 0 ? QJsonObject {{"id", a.id}} : QJsonDocument::fromJson(earlier->result.toUtf8()).object();
        return a;
    }
    // The activity's events are one contiguous run of seqs in the log; the
    // first is its activity:new, which carries what the first answer said.
    const QJsonObject d = a.events.first().data();
    a.seq = a.events.first().seq;
    a.person = d.value("person").toInteger();
    a.metric = d.value("metric").toString();
    a.at = d.value("at").toString();
    a.summed = !d.contains("value");
    a.amount = d.value(QLatin1String(amountField(a.summed))).toDouble();
    const QJsonObject totals = d.value("totals").toObject();
    const QJsonObject ranks = d.value("ranks").toObject();
    for (auto it = totals.begin(); it != totals.end(); ++it) {
        Standing s;
        if (!parsePeriod(it.key(), &s.period))
            continue;
        s.total = it.value().toDouble();
        s.rank = ranks.value(it.key()).toInt();
        a.standings.append(s);
    }
    return a;
}

Outcome<RecordedActivity> ScoringService::record(const ActivityInput &input)
{
    Engine &e = core();
    if (std::optional<DomainError> refused = checkPerson(input.person))
        return *refused;
    const Person &p = *e.person(input.person);
    const Outcome<const Metric *> metric = checkMetric(input.metric);
    if (!metric)
        return metric.error();
    const Metric m = **metric;
    if (std::optional<DomainError> refused = checkAmount(m, input.amount))
        return *refused;
    QDateTime at = e.now();
    if (input.at.isValid()) {
        if (std::optional<DomainError> refused = checkTime(input.at))
            return *refused;
        at = input.at.toUTC();
    }

    // --- idempotency: a retry returns the first result and counts once ---
    if (!input.key.isEmpty()) {
        std::optional<DomainError> refusal;
        if (std::optional<RecordedActivity> replayed = replay(input, &refusal))
            return std::move(*replayed);
        if (refusal)
            return *refusal;
    }

    // --- apply ---
    RecordedActivity a;
    a.id = e.nextId("activities");
    a.person = p.id;
    a.metric = m.key;
    a.summed = m.aggregation == Metric::Aggregation::Sum;
    a.amount = input.amount;
    a.at = e.nowText(at);
    a.key = input.key;
    const qsizetype firstEvent = e.batchEventCount();
    QList<Change> changes;
    for (Period period : m.periods) {
        Change c;
        c.period = period;
        c.key = e.calendar().key(period, at);
        Board &b = board(m.key, period, c.key);
        c.before = b.value(p.id);
        c.previousRank = b.rank(p.id);
        c.after = m.fold(c.before, input.amount);
        if (!c.before || *c.before != c.after) {
            b.set(p.id, c.after);
            m_activities.saveTotal(m.key, period, c.key, p.id, c.after);
        }
        c.newRank = *b.rank(p.id);
        changes.append(c);
        a.standings.append({period, c.after, c.newRank});
    }
    emitActivity(a, p, m, input.source);

    QList<RankMove> moves;
    for (const Change &c : changes) {
        if (c.previousRank && *c.previousRank == c.newRank)
            continue;
        const bool significant = !c.previousRank
                || std::abs(*c.previousRank - c.newRank) >= e.configuration().significantRankMove()
                || (c.newRank <= 3 && *c.previousRank > 3);
        moves.append({c.period, c.key, c.previousRank, c.newRank, c.after, significant});
    }
    emitRankings(p, m, moves, false, at);

    for (const Change &c : changes)
        evaluateValueRules(p, m, c, input.amount, at);
    if (m.key == e.configuration().xpMetric()) {
        for (const Change &c : changes) {
            if (c.period == Period::AllTime)
                updateXp(p, c.before.value_or(0), c.after, input.source.isEmpty() ? m.key : input.source);
        }
    }
    updateStreak(p, at);
    e.contests().onActivity(p, m, input.amount, at);

    StoredActivity stored;
    stored.id = a.id;
    stored.person = p.id;
    stored.metric = m.key;
    stored.amount = input.amount;
    stored.at = a.at;
    if (!input.key.isEmpty())
        stored.key = input.key;
    stored.source = input.source;
    stored.firstSeq = a.seq;
    stored.lastSeq = e.lastSeq();
    m_activities.insert(stored);
    a.events = e.batchEventsFrom(firstEvent);
    e.countActivity();
    return a;
}

void ScoringService::emitActivity(RecordedActivity &a, const Person &p, const Metric &m, const QString &source)
{
    const Team *t = core().team(p.teamId);
    JsonWriter data;
    data.beginObject()
            .field("id", a.id)
            .field("person", p.id)
            .field("userId", p.id)
            .field("name", p.name)
            .field("userName", p.name)
            .key("team");
    if (t)
        data.value(t->id).field("teamName", t->name);
    else
        data.null().key("teamName").null();
    data.field("color", p.color)
            .field("initials", p.initials)
            .field("metric", m.key)
            .field("label", m.label)
            .field(amountField(a.summed), a.amount)
            .field("formatted", m.format(a.amount));
    writeStandings(data, a.standings);
    data.field("source", source).field("at", a.at).endObject();
    a.seq = core().emitEvent(QStringLiteral("activity:feed"), QStringLiteral("activity:new"), data.take()).seq;
}

void ScoringService::emitRankings(const Person &p, const Metric &m, const QList<RankMove> &moves, bool correction,
                                  const QDateTime &at)
{
    // One event per activity, however many of the metric's boards it moved:
    // the top level speaks of the month board when that one moved (the
    // wall's default), `periods` lists every board that did.
    if (moves.isEmpty())
        return;
    const RankMove *headline = &moves.first();
    for (const RankMove &move : moves) {
        if (move.period == Period::Month)
            headline = &move;
    }
    JsonWriter data;
    data.beginObject()
            .field("userId", p.id)
            .field("userName", p.name)
            .field("person", p.id)
            .field("name", p.name)
            .field("metric", m.key)
            .field("period", periodName(headline->period))
            .field("periodKey", headline->key)
            .field("previousRank", headline->previous)
            .field("newRank", headline->now)
            .field("value", headline->value)
            .field("significant", headline->significant)
            .key("periods")
            .beginObject();
    for (const RankMove &move : moves) {
        data.key(periodName(move.period))
                .beginObject()
                .field("periodKey", move.key)
                .field("previousRank", move.previous)
                .field("newRank", move.now)
                .field("value", move.value)
                .field("significant", move.significant)
                .endObject();
    }
    data.endObject().field("timestamp", core().nowText(at));
    if (correction)
        data.field("correction", true);
    data.endObject();
    core().emitEvent(rooms::leaderboard(m.key), QStringLiteral("rankings:update"), data.take());
}

} // namespace podium
