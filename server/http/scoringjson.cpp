#include "http/scoringjson.h"

#include "configuration/metric.h"
#include "engine/engine.h"
#include "http/domainreply.h"
#include "http/fields.h"
#include "jsonwriter.h"

#include <QJsonArray>
#include <cmath>
#include <variant>

namespace podium::rest {

namespace {
constexpr int kMaxBatchItems = 1000;
constexpr int kMaxKeyLength = 200;

// Reads one activity. The order of the checks is the order in which
// docs/API.md reports a refusal: a field's shape, then what the domain says
// of it, field by field (the amount's name depends on the metric).
std::variant<ActivityInput, Reply> readActivity(Engine &engine, const QJsonObject &input)
{
    ScoringService &scoring = engine.scoring();
    ActivityInput activity;
    const QJsonValue person = input.value("person");
    if (!person.isDouble() || person.toDouble() != std::floor(person.toDouble()))
        return Reply::badRequest("field 'person' must be a person id (a whole number)");
    activity.person = person.toInteger();
    if (std::optional<DomainError> refused = scoring.checkPerson(activity.person))
        return replyFor(*refused);
    if (!input.value("metric").isString())
        return Reply::badRequest("field 'metric' must be a metric key such as \"revenue\"");
    activity.metric = input.value("metric").toString();
    const Outcome<const Metric *> metric = scoring.checkMetric(activity.metric);
    if (!metric)
        return replyFor(metric.error());
    const Metric &m = **metric;
    const QJsonValue amount
            = input.value(m.aggregation == Metric::Aggregation::Sum ? QLatin1String("delta") : QLatin1String("value"));
    activity.amount = amount.isDouble() ? amount.toDouble() : std::nan("");
    if (std::optional<DomainError> refused = ScoringService::checkAmount(m, activity.amount))
        return replyFor(*refused);
    if (input.contains("key")) {
        activity.key = input.value("key").toString();
        if (!input.value("key").isString() || activity.key.isEmpty() || activity.key.size() > kMaxKeyLength)
            return Reply::badRequest("field 'key' must be a string of 1 to 200 characters");
    }
    if (input.contains("at")) {
        activity.at = QDateTime::fromString(input.value("at").toString(), Qt::ISODateWithMs);
        if (!activity.at.isValid())
            return Reply::badRequest("field 'at' must be an ISO 8601 date-time such as 2026-11-21T15:04:05Z");
        if (std::optional<DomainError> refused = scoring.checkTime(activity.at))
            return replyFor(*refused);
    }
    QString checkedSource;
    if (auto invalid = fields::activitySource.read(input.value("source"), &checkedSource))
        return *invalid;
    // The source is kept as sent; the check only bounds it.
    activity.source = input.value("source").toString();
    return activity;
}

Reply recordOne(Engine &engine, const QJsonObject &input)
{
    std::variant<ActivityInput, Reply> read = readActivity(engine, input);
    if (Reply *refused = std::get_if<Reply>(&read))
        return std::move(*refused);
    const Outcome<RecordedActivity> recorded = engine.scoring().record(std::get<ActivityInput>(read));
    if (!recorded)
        return replyFor(recorded.error());
    if (recorded->replayed && recorded->events.isEmpty()) {
        QJsonObject body = recorded->storedReply;
        body.insert("replayed", true);
        return {200, body};
    }
    Reply reply {recorded->replayed ? 200 : 201, {}};
    reply.raw = activityJson(*recorded);
    return reply;
}

Reply recordBatch(Engine &engine, const QJsonArray &items)
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
        const Reply r = items.at(i).isObject()
                ? recordOne(engine, items.at(i).toObject())
                : Reply::badRequest(QStringLiteral("activities[%1] must be an object").arg(i));
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

} // namespace

QByteArray activityJson(const RecordedActivity &a)
{
    JsonWriter out;
    out.beginObject()
            .field("id", a.id)
            .field("seq", a.seq)
            .field("person", a.person)
            .field("metric", a.metric)
            .field(a.summed ? "delta" : "value", a.amount)
            .field("at", a.at)
            .key("key");
    if (a.key.isEmpty())
        out.null();
    else
        out.value(a.key);
    writeStandings(out, a.standings);
    out.key("events").beginArray();
    for (const Event &e : a.events)
        out.raw(e.toJsonBytes());
    out.endArray();
    if (a.replayed)
        out.field("replayed", true);
    out.endObject();
    return out.take();
}

Reply recordActivities(Engine &engine, const QJsonObject &input)
{
    // {"activities":[…]} is the batch form; anything else is one activity.
    if (input.contains("activities")) {
        const QJsonValue items = input.value("activities");
        if (!items.isArray())
            return Reply::badRequest("field 'activities' must be an array of activities");
        return recordBatch(engine, items.toArray());
    }
    return recordOne(engine, input);
}

namespace {
QJsonObject storedActivityJson(Engine &engine, const StoredActivity &a)
{
    const Metric *m = engine.metric(a.metric);
    const bool summed = !m || m->aggregation == Metric::Aggregation::Sum;
    return {{"id", a.id},         {"person", a.person},
            {"metric", a.metric}, {summed ? "delta" : "value", a.amount},
            {"at", a.at},         {"key", a.key ? QJsonValue(*a.key) : QJsonValue()},
            {"voided", a.voided}, {"source", a.source}};
}
} // namespace

Reply getActivity(Engine &engine, qint64 id)
{
    return replyFor(engine.scoring().activity(id),
                    [&engine](const StoredActivity &a) { return storedActivityJson(engine, a); });
}

Reply voidActivity(Engine &engine, qint64 id)
{
    return replyFor(engine.scoring().voidActivity(id),
                    [&engine](const StoredActivity &a) { return storedActivityJson(engine, a); });
}

Reply awardBadge(Engine &engine, qint64 person, const QString &badge, const QString &reason)
{
    // The person and the badge are named before the reason is read.
    if (!engine.person(person))
        return replyFor(DirectoryService::noSuchPerson(person));
    if (!engine.configuration().badges().contains(badge))
        return replyFor(ScoringService::unknownBadge(badge));
    QString checkedReason;
    if (auto invalid = fields::badgeReason.read(reason, &checkedReason))
        return *invalid;
    return replyFor(
            engine.scoring().awardBadge(person, badge, reason),
            [](const AwardedBadge &awarded) {
                return QJsonObject {{"person", awarded.person}, {"badge", awarded.badge}};
            },
            201);
}

} // namespace podium::rest
