// Scoring: one activity's way in — checks, the idempotency key, totals and
// ranks of every period board, and the events that tell the walls.
#include "engine/engine.h"

#include "http/fields.h"
#include "jsonwriter.h"
#include "logging.h"
#include "rooms.h"

#include <QJsonDocument>
#include <cmath>

namespace podium {

struct Engine::Change
{
    Period period;
    QString key;
    std::optional<double> before;
    double after = 0;
    std::optional<int> previousRank;
    int newRank = 0;
};

namespace {
constexpr int kMaxBatchItems = 1000;
// The range of an activity's `at`: a clock a little ahead is forgiven; the
// past ends well after the start of the all-time board (1970 local time),
// so whatever is accepted counts in the all-time total and stays counted
// when a correction recomputes it.
constexpr int kMaxFutureSeconds = 300;
QDateTime earliestActivity()
{
    return QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
}

} // namespace

double Engine::fold(const Metric &m, std::optional<double> previous, double amount) const
{
    switch (m.aggregation) {
    case Metric::Aggregation::Sum:
        return previous.value_or(0) + amount;
    case Metric::Aggregation::Latest:
        return amount;
    case Metric::Aggregation::Best:
        if (!previous)
            return amount;
        return (m.higherIsBetter ? amount > *previous : amount < *previous) ? amount : *previous;
    }
    return amount;
}

Reply Engine::recordActivity(const QJsonObject &input)
{
    return ingestActivity(input).materialise();
}

Reply Engine::recordBatch(const QJsonArray &items)
{
    return ingestBatch(items).materialise();
}

Reply Engine::ingestActivity(const QJsonObject &input)
{
    EventList events;
    return applyActivity(input, &events);
}

Reply Engine::ingestBatch(const QJsonArray &items)
{
    if (items.isEmpty())
        return Reply::badRequest("field 'activities' must hold at least one activity");
    if (items.size() > kMaxBatchItems)
        return Reply::error(413, "payload_too_large",
                            QStringLiteral("field 'activities' holds %1 items; at most %2 per batch")
                                    .arg(items.size())
                                    .arg(kMaxBatchItems));
    JsonWriter out;
    out.beginObject().key("results").beginArray();
    int created = 0;
    int failed = 0;
    for (int i = 0; i < items.size(); ++i) {
        Reply r;
        if (!items.at(i).isObject()) {
            r = Reply::badRequest(QStringLiteral("activities[%1] must be an object").arg(i));
        } else {
            EventList events;
            r = applyActivity(items.at(i).toObject(), &events);
        }
        (r.ok() ? created : failed) += 1;
        out.beginObject().field("status", r.status).key("body");
        out.raw(r.raw.isEmpty() ? QJsonDocument(r.body).toJson(QJsonDocument::Compact) : r.raw);
        out.endObject();
    }
    out.endArray().field("created", created).field("failed", failed).endObject();
    Reply reply {failed == 0 ? 201 : 200, {}};
    reply.raw = out.take();
    return reply;
}

// What the reply to POST /api/activities is made of; a replay rebuilds it
// from the activity's logged activity:new event.
struct Engine::ActivitySummary
{
    qint64 id = 0;
    qint64 seq = 0;
    qint64 person = 0;
    QString metric;
    QString at;
    QString key;
    const char *amountField = "delta";
    double amount = 0;
    QByteArray totals;
    QByteArray ranks;
};

QByteArray Engine::activityResult(const ActivitySummary &a, const EventList &events, bool replayed)
{
    JsonWriter out;
    out.beginObject()
            .field("id", a.id)
            .field("seq", a.seq)
            .field("person", a.person)
            .field("metric", a.metric)
            .field(a.amountField, a.amount)
            .field("at", a.at)
            .key("key");
    if (a.key.isEmpty())
        out.null();
    else
        out.value(a.key);
    out.key("totals").raw(a.totals).key("ranks").raw(a.ranks).key("events").beginArray();
    for (const Event &e : events)
        out.raw(e.toJsonBytes());
    out.endArray();
    if (replayed)
        out.field("replayed", true);
    out.endObject();
    return out.take();
}

std::optional<Reply> Engine::replayActivity(const QString &key, qint64 person, const QString &metric, double amount)
{
    const std::optional<StoredActivity> earlier = scoring().activities().byKey(key);
    if (!earlier)
        return std::nullopt;
    const qint64 id = earlier->id;
    const bool same = earlier->person == person && earlier->metric == metric && earlier->amount == amount;
    const qint64 first = earlier->firstSeq;
    const qint64 last = earlier->lastSeq;
    const QJsonObject stored = QJsonDocument::fromJson(earlier->result.toUtf8()).object();
    if (!same)
        return Reply::conflict(QStringLiteral("field 'key': '%1' was already used for a different activity").arg(key));
    Reply reply {200, {}};
    const EventList logged = first > 0 ? readEvents(first - 1, last, int(last - first + 1)) : EventList {};
    if (!logged.isEmpty()) {
        // The activity's events are one contiguous run of seqs in the log;
        // the first is its activity:new.
        const QJsonObject d = logged.first().data();
        ActivitySummary a;
        a.id = id;
        a.seq = logged.first().seq;
        a.person = d.value("person").toInteger();
        a.metric = d.value("metric").toString();
        a.at = d.value("at").toString();
        a.key = key;
        a.amountField = d.contains("value") ? "value" : "delta";
        a.amount = d.value(QLatin1String(a.amountField)).toDouble();
        a.totals = QJsonDocument(d.value("totals").toObject()).toJson(QJsonDocument::Compact);
        a.ranks = QJsonDocument(d.value("ranks").toObject()).toJson(QJsonDocument::Compact);
        reply.raw = activityResult(a, logged, true);
    } else {
        // Written by a version that stored the reply itself.
        QJsonObject body = first > 0 ? QJsonObject {{"id", id}} : stored;
        body.insert("replayed", true);
        reply.body = body;
    }
    return reply;
}

Reply Engine::applyActivity(const QJsonObject &input, EventList *events)
{
    // --- validate everything before touching state ---
    const QJsonValue personValue = input.value("person");
    if (!personValue.isDouble() || personValue.toDouble() != std::floor(personValue.toDouble()))
        return Reply::badRequest("field 'person' must be a person id (a whole number)");
    const Person *p = person(personValue.toInteger());
    if (!p)
        return Reply::error(404, "unknown_person",
                            QStringLiteral("field 'person': person %1 does not exist").arg(personValue.toInteger()));
    if (!p->active)
        return Reply::conflict(QStringLiteral("field 'person': person %1 is deactivated").arg(p->id));
    if (!input.value("metric").isString())
        return Reply::badRequest("field 'metric' must be a metric key such as \"revenue\"");
    const Metric *mp = metric(input.value("metric").toString());
    if (!mp)
        return Reply::error(
                404, "unknown_metric",
                QStringLiteral("field 'metric': unknown metric '%1'").arg(input.value("metric").toString()));
    const Metric m = *mp;
    const char *amountField = m.aggregation == Metric::Aggregation::Sum ? "delta" : "value";
    const QJsonValue amountValue = input.value(QLatin1String(amountField));
    if (!amountValue.isDouble() || !std::isfinite(amountValue.toDouble()) || std::fabs(amountValue.toDouble()) > 1e12)
        return Reply::badRequest(QStringLiteral("field '%1' must be a number (metric '%2' %3)")
                                         .arg(QLatin1String(amountField), m.key,
                                              m.aggregation == Metric::Aggregation::Sum
                                                      ? QStringLiteral("adds deltas")
                                                      : QStringLiteral("keeps values")));
    const double amount = amountValue.toDouble();
    QString key;
    if (input.contains("key")) {
        if (!input.value("key").isString() || input.value("key").toString().isEmpty()
            || input.value("key").toString().size() > 200)
            return Reply::badRequest("field 'key' must be a string of 1 to 200 characters");
        key = input.value("key").toString();
    }
    QDateTime at = now();
    if (input.contains("at")) {
        at = QDateTime::fromString(input.value("at").toString(), Qt::ISODateWithMs);
        if (!at.isValid())
            return Reply::badRequest("field 'at' must be an ISO 8601 date-time such as 2026-11-21T15:04:05Z");
        if (at > now().addSecs(kMaxFutureSeconds))
            return Reply::badRequest("field 'at' is in the future");
        if (at < earliestActivity())
            return Reply::badRequest("field 'at' must not be before 2000-01-01T00:00:00Z");
        at = at.toUTC();
    }
    QString checkedSource;
    if (auto invalid = fields::activitySource.read(input.value("source"), &checkedSource))
        return *invalid;

    // --- idempotency: a retry returns the first result and counts once ---
    if (!key.isEmpty()) {
        if (std::optional<Reply> replay = replayActivity(key, p->id, m.key, amount))
            return *replay;
    }

    // --- apply ---
    const qint64 id = nextId("activities");
    const int firstEvent = int(m_batchEvents.size());
    QList<Change> changes;
    for (Period period : m.periods) {
        Change c;
        c.period = period;
        c.key = m_calendar.key(period, at);
        Board &b = scoring().board(m.key, period, c.key);
        c.before = b.value(p->id);
        c.previousRank = b.rank(p->id);
        c.after = fold(m, c.before, amount);
        if (!c.before || *c.before != c.after) {
            b.set(p->id, c.after);
            scoring().activities().saveTotal(m.key, period, c.key, p->id, c.after);
        }
        c.newRank = *b.rank(p->id);
        changes.append(c);
    }

    const Team *t = team(p->teamId);
    JsonWriter totals;
    JsonWriter ranks;
    totals.beginObject();
    ranks.beginObject();
    for (const Change &c : changes) {
        totals.field(periodName(c.period), c.after);
        ranks.field(periodName(c.period), c.newRank);
    }
    totals.endObject();
    ranks.endObject();
    const QString atText = nowText(at);
    const QString source = input.value("source").toString();
    JsonWriter data;
    data.beginObject()
            .field("id", id)
            .field("person", p->id)
            .field("userId", p->id)
            .field("name", p->name)
            .field("userName", p->name)
            .key("team");
    if (t)
        data.value(t->id).field("teamName", t->name);
    else
        data.null().key("teamName").null();
    data.field("color", p->color)
            .field("initials", p->initials)
            .field("metric", m.key)
            .field("label", m.label)
            .field(amountField, amount)
            .field("formatted", m.format(amount))
            .key("totals")
            .raw(totals.bytes())
            .key("ranks")
            .raw(ranks.bytes())
            .field("source", source)
            .field("at", atText)
            .endObject();
    const Event news = emitEvent(QStringLiteral("activity:feed"), QStringLiteral("activity:new"), data.take());

    QList<RankMove> moves;
    for (const Change &c : changes) {
        if (c.previousRank && *c.previousRank == c.newRank)
            continue;
        const bool significant = !c.previousRank
                || std::abs(*c.previousRank - c.newRank) >= configuration().significantRankMove()
                || (c.newRank <= 3 && *c.previousRank > 3);
        moves.append({c.period, c.key, c.previousRank, c.newRank, c.after, significant});
    }
    emitRankings(*p, m, moves, false, at);

    for (const Change &c : changes)
        evaluateValueRules(*p, m, c.period, c.key, c.before.value_or(0), c.after, c.previousRank, c.newRank, amount,
                           at);
    if (m.key == configuration().xpMetric()) {
        for (const Change &c : changes) {
            if (c.period == Period::AllTime)
                updateXp(*p, c.before.value_or(0), c.after, input.value("source").toString(m.key));
        }
    }
    updateStreak(*p, at);
    contests().onActivity(*p, m, amount, at);

    StoredActivity stored;
    stored.id = id;
    stored.person = p->id;
    stored.metric = m.key;
    stored.amount = amount;
    stored.at = nowText(at);
    if (!key.isEmpty())
        stored.key = key;
    stored.source = input.value("source").toString();
    stored.firstSeq = news.seq;
    stored.lastSeq = m_seq;
    scoring().activities().insert(stored);
    ActivitySummary a;
    a.id = id;
    a.seq = news.seq;
    a.person = p->id;
    a.metric = m.key;
    a.at = atText;
    a.key = key;
    a.amountField = amountField;
    a.amount = amount;
    a.totals = totals.take();
    a.ranks = ranks.take();
    events->append(m_batchEvents.mid(firstEvent));
    Reply reply {201, {}};
    reply.raw = activityResult(a, *events, false);
    m_counters.activities.fetch_add(1, std::memory_order_relaxed);
    return reply;
}

void Engine::emitRankings(const Person &p, const Metric &m, const QList<RankMove> &moves, bool correction,
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
    data.endObject().field("timestamp", nowText(at));
    if (correction)
        data.field("correction", true);
    data.endObject();
    emitEvent(rooms::leaderboard(m.key), QStringLiteral("rankings:update"), data.take());
}

} // namespace podium
