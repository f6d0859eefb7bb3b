// Scoring as the other services see it: the boards.
#include "scoring/scoringservice.h"

#include "engine/engine.h"
#include "http/domainreply.h"

namespace podium {

ScoringService::ScoringService(Engine &core)
    : Service(core)
    , m_repository(core)
    , m_activities(core)
{ }

bool ScoringService::load(QString *)
{
    return true; // boards and streaks load on first use
}

void ScoringService::reset()
{
    m_boards.clear();
    core().m_streaks.clear();
}

Outcome<QJsonObject> ScoringService::record(const ActivityInput &input)
{
    Engine &e = core();
    const Metric *m = e.metric(input.metric);
    QJsonObject json{{"person", input.person},
                     {"metric", input.metric},
                     {m && m->aggregation != Metric::Aggregation::Sum ? "value" : "delta", input.amount}};
    if (!input.key.isEmpty())
        json.insert("key", input.key);
    if (input.at.isValid())
        json.insert("at", isoTime(input.at));
    if (!input.source.isEmpty())
        json.insert("source", input.source);
    EventList events;
    Reply r = e.applyActivity(json, &events);
    r.materialise();
    if (!r.ok()) {
        const DomainError::Kind kind = r.status == 404 ? DomainError::Kind::NotFound
                                       : r.status == 409 ? DomainError::Kind::Conflict
                                       : r.status == 403 ? DomainError::Kind::Forbidden
                                       : r.status == 503 ? DomainError::Kind::Unavailable
                                                         : DomainError::Kind::Invalid;
        return DomainError{kind, r.errorCode(), r.errorMessage()};
    }
    return r.body;
}

void ScoringService::celebrate(const Person &person, QJsonObject achievement)
{
    core().celebrate(person, std::move(achievement));
}

} // namespace podium
