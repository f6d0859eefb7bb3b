// Engine: activity ingest — totals, ranks, milestones, XP, streaks, badges —
// corrections, and leaderboard queries.
#include "engine/engine.h"

#include "http/fields.h"

#include "jsonwriter.h"
#include "logging.h"
#include "rooms.h"

#include <QJsonDocument>
#include <QSqlQuery>
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

QString periodPhrase(Period p)
{
    switch (p) {
    case Period::Day: return QStringLiteral("today");
    case Period::Week: return QStringLiteral("this week");
    case Period::Month: return QStringLiteral("this month");
    case Period::AllTime: return QStringLiteral("all-time");
    }
    return {};
}

} // namespace

double Engine::fold(const Metric &m, std::optional<double> previous, double amount) const
{
    switch (m.aggregation) {
    case Metric::Aggregation::Sum: return previous.value_or(0) + amount;
    case Metric::Aggregation::Latest: return amount;
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
    QSqlQuery &q = m_store.prepared(QStringLiteral(
        "SELECT id, person_id, metric, amount, first_seq, last_seq, result FROM activities WHERE idem_key = ?"));
    q.bindValue(0, key);
    if (!q.exec() || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    const qint64 id = q.value(0).toLongLong();
    const bool same = q.value(1).toLongLong() == person && q.value(2).toString() == metric && q.value(3).toDouble() == amount;
    const qint64 first = q.value(4).toLongLong();
    const qint64 last = q.value(5).toLongLong();
    const QJsonObject stored = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    q.finish();
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
        return Reply::error(404, "unknown_person", QStringLiteral("field 'person': person %1 does not exist").arg(personValue.toInteger()));
    if (!p->active)
        return Reply::conflict(QStringLiteral("field 'person': person %1 is deactivated").arg(p->id));
    if (!input.value("metric").isString())
        return Reply::badRequest("field 'metric' must be a metric key such as \"revenue\"");
    const Metric *mp = metric(input.value("metric").toString());
    if (!mp)
        return Reply::error(404, "unknown_metric", QStringLiteral("field 'metric': unknown metric '%1'").arg(input.value("metric").toString()));
    const Metric m = *mp;
    const char *amountField = m.aggregation == Metric::Aggregation::Sum ? "delta" : "value";
    const QJsonValue amountValue = input.value(QLatin1String(amountField));
    if (!amountValue.isDouble() || !std::isfinite(amountValue.toDouble()) || std::fabs(amountValue.toDouble()) > 1e12)
        return Reply::badRequest(QStringLiteral("field '%1' must be a number (metric '%2' %3)")
                                     .arg(QLatin1String(amountField), m.key,
                                          m.aggregation == Metric::Aggregation::Sum ? QStringLiteral("adds deltas")
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
        Board &b = board(m.key, period, c.key);
        c.before = b.value(p->id);
        c.previousRank = b.rank(p->id);
        c.after = fold(m, c.before, amount);
        if (!c.before || *c.before != c.after) {
            b.set(p->id, c.after);
            write(QStringLiteral("INSERT INTO totals (metric, period, period_key, person_id, value) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (metric, period, period_key, person_id) DO UPDATE SET value = excluded.value"),
                  {m.key, periodName(period), c.key, p->id, c.after});
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
        const bool significant = !c.previousRank || std::abs(*c.previousRank - c.newRank) >= configuration().significantRankMove()
                                 || (c.newRank <= 3 && *c.previousRank > 3);
        moves.append({c.period, c.key, c.previousRank, c.newRank, c.after, significant});
    }
    emitRankings(*p, m, moves, false, at);

    for (const Change &c : changes)
        evaluateValueRules(*p, m, c.period, c.key, c.before.value_or(0), c.after, c.previousRank, c.newRank, amount, at);
    if (m.key == configuration().xpMetric()) {
        for (const Change &c : changes) {
            if (c.period == Period::AllTime)
                updateXp(*p, c.before.value_or(0), c.after, input.value("source").toString(m.key));
        }
    }
    updateStreak(*p, at);
    contests().onActivity(*p, m, amount, at);

    write(QStringLiteral("INSERT INTO activities (id, person_id, metric, amount, at, idem_key, voided, source, first_seq, "
                         "last_seq) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"),
          {id, p->id, m.key, amount, nowText(at), key.isEmpty() ? QVariant() : QVariant(key),
           input.value("source").toString(), news.seq, m_seq});
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

void Engine::evaluateValueRules(const Person &p, const Metric &m, Period period, const QString &key, double before,
                                double after, std::optional<int> prevRank, std::optional<int> newRank, double amount,
                                const QDateTime &at)
{
    for (const MilestoneRule &rule : configuration().rules()) {
        if (!rule.enabled || rule.metric != m.key || rule.period != period)
            continue;
        QList<double> values;
        switch (rule.kind) {
        case MilestoneRule::Kind::Threshold:
        case MilestoneRule::Kind::Every:
            // Direction matters: for lower-is-better metrics a threshold is
            // reached by coming down to it.
            values = m.higherIsBetter ? rule.crossed(before, after) : QList<double>{};
            break;
        case MilestoneRule::Kind::Rank:
            // Entering the top N means passing someone: on a board of three,
            // "top 10" is no news, and the first sale of the month is no #1.
            if (newRank) {
                const int boardSize = board(m.key, period, key).size();
                for (double r : rule.ranksEntered(prevRank, *newRank)) {
                    if (boardSize > r)
                        values.append(r);
                }
            }
            break;
        case MilestoneRule::Kind::Perfect:
            if (amount == rule.values.value(0))
                values = {amount};
            break;
        case MilestoneRule::Kind::Streak:
        case MilestoneRule::Kind::Level: break;
        }
        for (double v : values) {
            const bool plain = m.unit == QLatin1String("points") || m.unit == QLatin1String("count");
            const QString shown = plain ? formatNumber(v) : m.format(v);
            QString title;
            QString description;
            QString icon;
            QString type = QStringLiteral("milestone");
            QString rarity = QStringLiteral("common");
            switch (rule.kind) {
            case MilestoneRule::Kind::Rank:
                type = QStringLiteral("rank");
                title = v == 1 ? QStringLiteral("#1 in %1").arg(m.label) : QStringLiteral("Top %1 in %2").arg(v).arg(m.label);
                description = QStringLiteral("%1 is now #%2 in %3 %4").arg(p.name).arg(*newRank).arg(m.label, periodPhrase(period));
                icon = v == 1 ? QStringLiteral("🏆") : QStringLiteral("🚀");
                rarity = v == 1 ? QStringLiteral("epic") : v <= 5 ? QStringLiteral("rare") : QStringLiteral("common");
                break;
            case MilestoneRule::Kind::Perfect:
                title = QStringLiteral("Perfect %1").arg(m.label);
                description = QStringLiteral("%1 hit a perfect %2").arg(p.name, m.format(v));
                icon = QStringLiteral("🎯");
                rarity = QStringLiteral("rare");
                break;
            default:
                title = QStringLiteral("%1 %2").arg(shown, m.label);
                description = QStringLiteral("%1 passed %2 %3 %4").arg(p.name, shown, m.label, periodPhrase(period));
                icon = m.unit == QLatin1String("currency") ? QStringLiteral("💰") : QStringLiteral("⭐");
                break;
            }
            QJsonObject achievement{{"achievementType", type},
                                    {"title", title},
                                    {"description", description},
                                    {"icon", icon},
                                    {"rarity", rarity},
                                    {"metric", m.key},
                                    {"value", v},
                                    {"formattedValue", shown},
                                    {"threshold", v},
                                    {"period", periodName(period)},
                                    {"periodKey", key},
                                    {"timestamp", nowText(at)}};
            fireMilestone(rule, p, key, v, achievement);
        }
    }
}

bool Engine::fireMilestone(const MilestoneRule &rule, const Person &p, const QString &periodKey, double value,
                           QJsonObject achievement)
{
    // The primary key (rule, person, period, value) makes "never again for
    // this person and period" a property of the store, not of memory.
    const int inserted = writeAffected(
        QStringLiteral("INSERT INTO milestones_fired (rule_id, person_id, period_key, value, seq) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (rule_id, person_id, period_key, value) DO NOTHING"),
        {rule.id, p.id, periodKey, value, m_seq + 1});
    if (inserted <= 0)
        return false;
    if (!rule.title.isEmpty()) {
        QString title = rule.title;
        title.replace(QLatin1String("{name}"), p.name);
        title.replace(QLatin1String("{value}"), achievement.value("formattedValue").toString(formatNumber(value)));
        achievement.insert("title", title);
    }
    achievement.insert("ruleId", rule.id);
    achievement.insert("ruleKind", ruleKindName(rule.kind));
    QJsonObject reached = achievement;
    reached.insert("userId", p.id);
    reached.insert("userName", p.name);
    reached.insert("person", p.id);
    reached.insert("name", p.name);
    emitEvent("activity:feed", "milestone:reached", reached);
    const QString badgeKey = rule.badgeFor(value);
    QJsonObject badge;
    if (!badgeKey.isEmpty() && grantBadge(p, badgeKey, achievement.value("title").toString(), &badge)) {
        achievement.insert("badge", badge.value("key"));
        achievement.insert("badgeName", badge.value("name"));
        achievement.insert("badgeDescription", badge.value("description"));
        achievement.insert("icon", badge.value("icon"));
        achievement.insert("rarity", badge.value("rarity"));
    }
    celebrate(p, achievement);
    return true;
}

bool Engine::grantBadge(const Person &p, const QString &badgeKey, const QString &reason, QJsonObject *badgeInfo)
{
    if (!configuration().badges().contains(badgeKey))
        return false;
    if (!scoring().repository().insertBadgeAward(badgeKey, p.id, nowText(now()), reason))
        return false;
    *badgeInfo = configuration().badges().value(badgeKey);
    return true;
}

Reply Engine::awardBadge(qint64 personId, const QString &badgeKey, const QString &reason)
{
    const Person *p = person(personId);
    if (!p)
        return Reply::notFound(QStringLiteral("person %1 does not exist").arg(personId));
    if (!configuration().badges().contains(badgeKey))
        return Reply::badRequest(QStringLiteral("field 'badge': unknown badge '%1'").arg(badgeKey));
    QString checkedReason;
    if (auto invalid = fields::badgeReason.read(reason, &checkedReason))
        return *invalid;
    QJsonObject badge;
    if (!grantBadge(*p, badgeKey, reason, &badge))
        return Reply::conflict(QStringLiteral("field 'badge': %1 already has '%2'").arg(p->name, badgeKey));
    celebrate(*p, {{"achievementType", "badge"},
                   {"title", QStringLiteral("%1 Badge Earned!").arg(badge.value("name").toString())},
                   {"description", reason.isEmpty() ? badge.value("description").toString() : reason},
                   {"icon", badge.value("icon")},
                   {"rarity", badge.value("rarity")},
                   {"badge", badgeKey},
                   {"badgeName", badge.value("name")},
                   {"badgeDescription", badge.value("description")},
                   {"timestamp", nowText(now())}});
    return {201, {{"person", personId}, {"badge", badge}}};
}

void Engine::celebrate(const Person &p, QJsonObject achievement)
{
    const Team *t = team(p.teamId);
    achievement.insert("userId", p.id);
    achievement.insert("userName", p.name);
    achievement.insert("person", p.id);
    achievement.insert("name", p.name);
    achievement.insert("team", t ? QJsonValue(t->id) : QJsonValue());
    achievement.insert("teamName", t ? QJsonValue(t->name) : QJsonValue());
    achievement.insert("color", p.color);
    achievement.insert("initials", p.initials);
    emitEvent(userRoom(p.id), "achievement:earned", achievement);
    emitEvent("tv-display", "achievement:celebration", achievement);
    social().notify(p.id, achievement.value("achievementType").toString(), achievement.value("title").toString(),
           achievement.value("description").toString());
}

void Engine::updateXp(const Person &p, double before, double after, const QString &source)
{
    emitEvent(userRoom(p.id), "xp:gained",
              {{"userId", p.id}, {"userName", p.name}, {"amount", after - before}, {"source", source}, {"newTotal", after},
               {"timestamp", nowText(now())}});
    const int lb = configuration().levels().levelFor(before);
    const int la = configuration().levels().levelFor(after);
    if (la <= lb)
        return;
    emitEvent(userRoom(p.id), "level:up",
              {{"userId", p.id}, {"userName", p.name}, {"previousLevel", lb}, {"newLevel", la}, {"totalXP", after},
               {"timestamp", nowText(now())}});
    for (const MilestoneRule &rule : configuration().rules()) {
        if (!rule.enabled || rule.kind != MilestoneRule::Kind::Level)
            continue;
        for (double v : rule.crossed(lb, la)) {
            fireMilestone(rule, p, QStringLiteral("all"), v,
                          {{"achievementType", "level"},
                           {"title", QStringLiteral("Level %1 Achieved!").arg(v)},
                           {"description",
                            QStringLiteral("%1 reached level %2 with %3 total XP")
                                    .arg(p.name)
                                    .arg(v)
                                    .arg(formatNumber(after))},
                           {"icon", "🎖️"},
                           {"rarity", "common"},
                           {"value", v},
                           {"timestamp", nowText(now())}});
        }
    }
    const Tier tb = tierFor(lb, configuration().tiers());
    const Tier ta = tierFor(la, configuration().tiers());
    if (tb.key != ta.key) {
        emitEvent(userRoom(p.id), "tier:up",
                  {{"userId", p.id}, {"userName", p.name}, {"previousTier", tb.key}, {"newTier", ta.key},
                   {"tierName", ta.name}, {"level", la}, {"timestamp", nowText(now())}});
        celebrate(p, {{"achievementType", "tier"},
                      {"title", QStringLiteral("%1 Tier!").arg(ta.name)},
                      {"description", QStringLiteral("%1 moved up to the %2 tier").arg(p.name, ta.name)},
                      {"icon", "🛡️"},
                      {"rarity", ta.minLevel >= 40 ? "legendary" : ta.minLevel >= 20 ? "epic" : "rare"},
                      {"tier", ta.key},
                      {"timestamp", nowText(now())}});
    }
}

void Engine::updateStreak(const Person &p, const QDateTime &at)
{
    const QDate day = m_calendar.localDate(at);
    auto cached = m_streaks.find(p.id);
    if (cached == m_streaks.end()) {
        cached = m_streaks.insert(p.id, scoring().repository().streak(p.id).value_or(Streak {}));
    }
    const bool exists = cached->last.isValid();
    int current = cached->current;
    int best = cached->best;
    const QDate last = cached->last;
    QDate started = cached->started;
    if (exists && day <= last)
        return; // same day, or a backdated activity: the streak is unchanged
    const int before = current;
    bool broken = false;
    if (exists && last.daysTo(day) == 1) {
        current += 1;
    } else {
        broken = exists && current > 1;
        current = 1;
        started = day;
    }
    best = std::max(best, current);
    *cached = Streak{current, best, day, started};
    scoring().repository().saveStreak(p.id, *cached);
    emitEvent(userRoom(p.id), "streak:update",
              {{"userId", p.id}, {"userName", p.name}, {"currentStreak", current}, {"bestStreak", best},
               {"broken", broken}, {"previousStreak", before}, {"day", day.toString(Qt::ISODate)}});
    for (const MilestoneRule &rule : configuration().rules()) {
        if (!rule.enabled || rule.kind != MilestoneRule::Kind::Streak)
            continue;
        for (double v : rule.crossed(broken ? 0 : before, current)) {
            fireMilestone(rule, p, started.toString(Qt::ISODate), v,
                          {{"achievementType", "streak"},
                           {"title", QStringLiteral("%1-Day Streak!").arg(v)},
                           {"description", QStringLiteral("%1 has been active %2 days in a row").arg(p.name).arg(v)},
                           {"icon", "🔥"},
                           {"rarity", v >= 100 ? "legendary" : v >= 30 ? "epic" : "common"},
                           {"value", v},
                           {"timestamp", nowText(at)}});
        }
    }
}

Reply Engine::getActivity(qint64 id)
{
    QSqlQuery &q = m_store.prepared(
        QStringLiteral("SELECT person_id, metric, amount, at, idem_key, voided, source FROM activities WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next()) {
        q.finish();
        return Reply::notFound(QStringLiteral("activity %1 does not exist").arg(id));
    }
    const Metric *m = metric(q.value(1).toString());
    const bool sum = !m || m->aggregation == Metric::Aggregation::Sum;
    QJsonObject json{{"id", id},
                     {"person", q.value(0).toLongLong()},
                     {"metric", q.value(1).toString()},
                     {sum ? "delta" : "value", q.value(2).toDouble()},
                     {"at", q.value(3).toString()},
                     {"key", q.value(4).isNull() ? QJsonValue() : QJsonValue(q.value(4).toString())},
                     {"voided", q.value(5).toInt() != 0},
                     {"source", q.value(6).toString()}};
    q.finish();
    return {200, json};
}

Reply Engine::voidActivity(qint64 id)
{
    const Reply found = getActivity(id);
    if (!found.ok())
        return found;
    if (found.body.value("voided").toBool())
        return Reply::conflict(QStringLiteral("activity %1 is already voided").arg(id));
    const Person *p = person(found.body.value("person").toInteger());
    const Metric *m = metric(found.body.value("metric").toString());
    if (!p || !m)
        return Reply::conflict(QStringLiteral("activity %1 refers to a removed person or metric").arg(id));
    write(QStringLiteral("UPDATE activities SET voided = 1 WHERE id = ?"), {id});
    const QDateTime at = QDateTime::fromString(found.body.value("at").toString(), Qt::ISODateWithMs);
    recomputeBoards(*p, *m, at);
    // Contests whose window holds the activity recompute their standings.
    contests().onCorrection(*m, at);
    emitEvent(rooms::leaderboard(m->key), "leaderboard:refresh",
              {{"metric", m->key}, {"reason", "correction"}, {"activity", id}});
    QJsonObject body = found.body;
    body.insert("voided", true);
    return {200, body};
}

void Engine::recomputeBoards(const Person &p, const Metric &m, const QDateTime &at)
{
    // Recompute this person's value in every period holding `at` from the
    // activities that still count. Milestones already fired stay fired.
    QList<RankMove> moves;
    for (Period period : m.periods) {
        const QString key = m_calendar.key(period, at);
        const QString agg = m.aggregation == Metric::Aggregation::Sum ? QStringLiteral("SUM(amount)")
                            : m.higherIsBetter                        ? QStringLiteral("MAX(amount)")
                                                                      : QStringLiteral("MIN(amount)");
        // The all-time board holds every activity, also one stored before
        // `at` was range-checked: recomputing it has no time bounds.
        const bool allTime = period == Period::AllTime;
        const QString within = allTime ? QString() : QStringLiteral(" AND at >= ? AND at < ?");
        QString sql = QStringLiteral(
                              "SELECT %1, COUNT(*) FROM activities WHERE person_id = ? AND metric = ? AND voided = 0%2")
                              .arg(agg, within);
        if (m.aggregation == Metric::Aggregation::Latest)
            sql = QStringLiteral("SELECT amount, 1 FROM activities WHERE person_id = ? AND metric = ? AND voided = 0%1 "
                                 "ORDER BY at DESC, id DESC LIMIT 1")
                          .arg(within);
        QSqlQuery &q = m_store.prepared(sql);
        q.bindValue(0, p.id);
        q.bindValue(1, m.key);
        if (!allTime) {
            q.bindValue(2, isoTime(m_calendar.start(period, at)));
            q.bindValue(3, isoTime(m_calendar.end(period, at)));
        }
        std::optional<double> value;
        if (q.exec() && q.next() && q.value(1).toInt() > 0)
            value = q.value(0).toDouble();
        q.finish();
        Board &b = board(m.key, period, key);
        const std::optional<int> previousRank = b.rank(p.id);
        if (value) {
            b.set(p.id, *value);
            write(QStringLiteral("INSERT INTO totals (metric, period, period_key, person_id, value) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (metric, period, period_key, person_id) DO UPDATE SET value = excluded.value"),
                  {m.key, periodName(period), key, p.id, *value});
        } else {
            b.remove(p.id);
            write(QStringLiteral("DELETE FROM totals WHERE metric = ? AND period = ? AND period_key = ? AND person_id = ?"),
                  {m.key, periodName(period), key, p.id});
        }
        const std::optional<int> newRank = b.rank(p.id);
        if (previousRank != newRank)
            moves.append({period, key, previousRank, newRank, value, false});
    }
    emitRankings(p, m, moves, true, now());
}

Reply Engine::leaderboard(const QString &metricKey, const QUrlQuery &query)
{
    const Metric *m = metric(metricKey);
    if (!m)
        return Reply::error(404, "unknown_metric", QStringLiteral("metric '%1' does not exist").arg(metricKey));
    Period period = Period::Month;
    if (query.hasQueryItem("period") && !parsePeriod(query.queryItemValue("period"), &period))
        return Reply::badRequest("parameter 'period' must be one of day, week, month, all");
    if (!m->periods.contains(period))
        return Reply::badRequest(QStringLiteral("parameter 'period': metric '%1' keeps no %2 board").arg(m->key, periodName(period)));
    QDateTime at = now();
    if (query.hasQueryItem("at")) {
        at = QDateTime::fromString(query.queryItemValue("at", QUrl::FullyDecoded), Qt::ISODateWithMs);
        if (!at.isValid())
            return Reply::badRequest("parameter 'at' must be an ISO 8601 date-time");
    }
    int limit = 50;
    if (query.hasQueryItem("limit")) {
        bool ok = false;
        limit = query.queryItemValue("limit").toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return Reply::badRequest("parameter 'limit' must be between 1 and 1000");
    }
    const QString scope = query.queryItemValue("scope").isEmpty() ? QStringLiteral("people") : query.queryItemValue("scope");
    if (scope != QLatin1String("people") && scope != QLatin1String("teams"))
        return Reply::badRequest("parameter 'scope' must be people or teams");
    const QString key = m_calendar.key(period, at);
    const Board &b = board(m->key, period, key);
    QJsonArray entries;
    if (scope == QLatin1String("people")) {
        for (const Board::Entry &e : b.entries()) {
            if (entries.size() >= limit)
                break;
            const Person *p = person(e.person);
            if (!p || !p->active)
                continue;
            const Team *t = team(p->teamId);
            entries.append(QJsonObject{{"rank", b.rankOfValue(e.value)},
                                       {"person", p->id},
                                       {"name", p->name},
                                       {"initials", p->initials},
                                       {"color", p->color},
                                       {"team", t ? QJsonValue(t->id) : QJsonValue()},
                                       {"teamName", t ? QJsonValue(t->name) : QJsonValue()},
                                       {"teamColor", t ? QJsonValue(t->color) : QJsonValue()},
                                       {"value", e.value},
                                       {"formatted", m->format(e.value)}});
        }
    } else {
        // Team standing: sum of members for summed metrics, mean otherwise.
        QHash<qint64, QPair<double, int>> sums;
        for (const Board::Entry &e : b.entries()) {
            const Person *p = person(e.person);
            if (!p || !p->active || !p->teamId)
                continue;
            auto &s = sums[p->teamId];
            s.first += e.value;
            s.second += 1;
        }
        Board teams(m->higherIsBetter);
        for (auto it = sums.cbegin(); it != sums.cend(); ++it)
            teams.set(it.key(), m->aggregation == Metric::Aggregation::Sum ? it->first : it->first / it->second);
        for (const Board::Entry &e : teams.entries()) {
            if (entries.size() >= limit)
                break;
            const Team *t = team(e.person);
            entries.append(QJsonObject{{"rank", teams.rankOfValue(e.value)},
                                       {"team", e.person},
                                       {"name", t ? t->name : QString()},
                                       {"color", t ? t->color : QString()},
                                       {"members", sums.value(e.person).second},
                                       {"value", e.value},
                                       {"formatted", m->format(e.value)}});
        }
    }
    return {200,
            {{"metric", m->key},
             {"label", m->label},
             {"unit", m->unit},
             {"period", periodName(period)},
             {"periodKey", key},
             {"scope", scope},
             {"seq", m_seq}, // the board holds every event up to here; the reply leaves once they are committed
             {"entries", entries}}};
}

} // namespace podium
