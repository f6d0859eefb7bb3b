#pragma once

#include "http/reply.h"

#include <QJsonObject>

namespace podium {

class Engine;
struct Person;

// The directory's REST shapes: people, teams and tokens read from and
// written as JSON (docs/API.md). Runs on the engine thread.
namespace rest {

// What a reader may see of a person: e-mail and external id only with
// write rights.
enum class PersonView { Public, Full };

Reply listTeams(Engine &engine);
Reply createTeam(Engine &engine, const QJsonObject &input);
Reply updateTeam(Engine &engine, qint64 id, const QJsonObject &input);

Reply listPeople(Engine &engine, PersonView view = PersonView::Full);
Reply createPerson(Engine &engine, const QJsonObject &input);
Reply updatePerson(Engine &engine, qint64 id, const QJsonObject &input);
// The person with their standing on every metric, XP, level, streak and badges.
Reply getPerson(Engine &engine, qint64 id, PersonView view = PersonView::Full);

Reply listTokens(Engine &engine);
Reply createToken(Engine &engine, const QJsonObject &input);
Reply revokeToken(Engine &engine, qint64 id);

} // namespace rest
} // namespace podium
