#include "http/contestsjson.h"

#include "engine/engine.h"
#include "http/domainreply.h"
#include "http/fields.h"

namespace podium::rest {

namespace {
constexpr int kMaxPrizes = 100;

Reply contestReply(Engine &engine, const Outcome<const Contest *> &outcome, int status = 200)
{
    if (!outcome)
        return replyFor(outcome.error());
    return {status, engine.contests().json(**outcome)};
}
} // namespace

Reply createContest(Engine &engine, const QJsonObject &input)
{
    ContestDraft draft;
    if (auto invalid = fields::contestName.read(input.value("name"), &draft.name))
        return *invalid;
    draft.metric = input.value("metric").toString();
    // Checked in the order the fields are listed, as they always were; the
    // service checks the metric and the times again.
    if (!engine.metric(draft.metric))
        return replyFor(ContestService::unknownMetric(draft.metric));
    if (input.contains("startsAt")) {
        draft.startsAt = QDateTime::fromString(input.value("startsAt").toString(), Qt::ISODateWithMs);
        if (!draft.startsAt.isValid())
            return Reply::badRequest("field 'startsAt' must be an ISO 8601 date-time");
    }
    draft.endsAt = QDateTime::fromString(input.value("endsAt").toString(), Qt::ISODateWithMs);
    if (!draft.endsAt.isValid())
        return Reply::badRequest("field 'endsAt' must be an ISO 8601 date-time");
    if (draft.endsAt <= (draft.startsAt.isValid() ? draft.startsAt : engine.clock()->now()))
        return replyFor(ContestService::endsBeforeStart());
    const QString mode = input.value("mode").toString("individuals");
    if (mode != QLatin1String("individuals") && mode != QLatin1String("teams"))
        return Reply::badRequest("field 'mode' must be individuals or teams");
    draft.teams = mode == QLatin1String("teams");
    if (input.contains("prizes") && !input.value("prizes").isArray())
        return Reply::badRequest("field 'prizes' must be an array, first place first");
    draft.prizes = input.value("prizes").toArray();
    if (draft.prizes.size() > kMaxPrizes)
        return Reply::badRequest(QStringLiteral("field 'prizes' may list at most %1 places").arg(kMaxPrizes));
    for (const QJsonValue &prize : std::as_const(draft.prizes)) {
        QString text;
        if (prize.isString() && fields::prize.read(prize, &text))
            return Reply::badRequest(QStringLiteral("field 'prizes' must hold prizes of at most %1 characters")
                                             .arg(fields::prize.maxLength));
    }
    return contestReply(engine, engine.contests().create(draft), 201);
}

Reply listContests(Engine &engine)
{
    QJsonArray arr;
    for (const Contest *c : engine.contests().contestsById())
        arr.append(engine.contests().json(*c));
    return {200, {{"contests", arr}}};
}

Reply getContest(Engine &engine, qint64 id)
{
    const Contest *c = engine.contests().contest(id);
    if (!c)
        return replyFor(ContestService::noSuchContest(id));
    return {200, engine.contests().json(*c, 100)};
}

Reply startContest(Engine &engine, qint64 id)
{
    return contestReply(engine, engine.contests().start(id));
}

Reply endContest(Engine &engine, qint64 id)
{
    return contestReply(engine, engine.contests().end(id));
}

Reply recordPayout(Engine &engine, qint64 id, const QJsonObject &input)
{
    // The contest's state is named before the body is read.
    if (std::optional<DomainError> refused = engine.contests().payoutRefusal(id))
        return replyFor(*refused);
    if (!input.value("payouts").isArray())
        return Reply::badRequest("field 'payouts' must be an array of {\"place\",\"amount\",\"note\"}");
    return contestReply(engine, engine.contests().recordPayout(id, input));
}

} // namespace podium::rest
