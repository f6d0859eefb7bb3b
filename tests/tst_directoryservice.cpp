// DirectoryService through a real engine on a SQLite file: its rules in the
// domain's values and errors (the REST shapes are tst_httpapi's), what it
// keeps across a restart, and the events a change of `active` sends.

#include "directory/directoryservice.h"
#include "directory/tokendirectory.h"
#include "enginefixture.h"

#include <QTest>

using namespace podium;
using podium::testing::EngineFixture;

class TestDirectoryService : public QObject
{
    Q_OBJECT

private slots:
    void teamNamesAreUniqueIgnoringCase();
    void teamsGetPaletteColoursUnlessGiven();
    void personJoinsATeamByIdOrByName();
    void refusalsNameTheField();
    void updateChangesOnlyWhatIsGiven();
    void deactivatingRefreshesEveryBoard();
    void teamsCountActiveMembers();
    void survivesARestart();
    void tokensIssueAndRevoke();
    void presetAdminTokenRotates();
};

namespace {
DirectoryService &directory(EngineFixture &f)
{
    return f.engine->directory();
}
} // namespace

void TestDirectoryService::teamNamesAreUniqueIgnoringCase()
{
    EngineFixture f;
    const Outcome<Team> red = directory(f).createTeam({"Red", std::nullopt});
    QVERIFY(red.ok());
    const Outcome<Team> again = directory(f).createTeam({"RED", std::nullopt});
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, DomainError::Kind::Conflict);
    QCOMPARE(again.error().message, QString("field 'name': a team called 'RED' exists (id %1)").arg(red->id));
    // Its own name, cased anew, is not a conflict.
    const Outcome<Team> renamed = directory(f).updateTeam(red->id, {QString("rEd"), std::nullopt});
    QVERIFY(renamed.ok());
    QCOMPARE(renamed->name, QString("rEd"));
}

void TestDirectoryService::teamsGetPaletteColoursUnlessGiven()
{
    EngineFixture f;
    QCOMPARE(directory(f).createTeam({"A", std::nullopt})->color, QString("#F59E0B"));
    QCOMPARE(directory(f).createTeam({"B", std::nullopt})->color, QString("#10B981"));
    QCOMPARE(directory(f).createTeam({"C", QString("#123456")})->color, QString("#123456"));
    const Outcome<Team> bad = directory(f).createTeam({"D", QString("red")});
    QCOMPARE(bad.error().kind, DomainError::Kind::Invalid);
    QCOMPARE(bad.error().code, QString("invalid_request"));
    QCOMPARE(bad.error().message, QString("field 'color' must be a #RRGGBB colour"));
    QCOMPARE(directory(f).teams().size(), 3);
}

void TestDirectoryService::personJoinsATeamByIdOrByName()
{
    EngineFixture f;
    const qint64 red = directory(f).createTeam({"Red", std::nullopt})->id;
    PersonDraft ada;
    ada.name = "Ada Lovelace";
    ada.teamId = red;
    const Outcome<Person> a = directory(f).createPerson(ada);
    QVERIFY(a.ok());
    QCOMPARE(a->teamId, red);
    QCOMPARE(a->initials, QString("AL"));
    QCOMPARE(a->createdAt, f.clock.now());

    PersonDraft bob;
    bob.name = "Bob";
    bob.teamName = "red"; // an existing team, by name
    QCOMPARE(directory(f).createPerson(bob)->teamId, red);
    bob.teamName = "Blue"; // a new name makes the team
    const Outcome<Person> b = directory(f).createPerson(bob);
    QVERIFY(b.ok());
    QVERIFY(b->teamId != red);
    QCOMPARE(directory(f).team(b->teamId)->name, QString("Blue"));
    QCOMPARE(directory(f).peopleById().size(), 3);
    QCOMPARE(directory(f).peopleById().last()->id, b->id);
}

void TestDirectoryService::refusalsNameTheField()
{
    EngineFixture f;
    PersonDraft draft;
    draft.name = "Ada";
    draft.teamId = 42;
    QCOMPARE(directory(f).createPerson(draft).error().message, QString("field 'team': team 42 does not exist"));
    draft.teamId.reset();
    draft.email = "not-an-address";
    QCOMPARE(directory(f).createPerson(draft).error().message, QString("field 'email' must be an e-mail address"));
    draft.email.clear();
    draft.color = "#12345";
    QCOMPARE(directory(f).createPerson(draft).error().message, QString("field 'color' must be a #RRGGBB colour"));
    QCOMPARE(directory(f).peopleById().size(), 0); // nothing half-made

    const Outcome<Person> missing = directory(f).updatePerson(9, {});
    QCOMPARE(missing.error().kind, DomainError::Kind::NotFound);
    QCOMPARE(missing.error().message, QString("person 9 does not exist"));
    QCOMPARE(directory(f).updateTeam(4, {}).error().message, QString("team 4 does not exist"));
    QCOMPARE(directory(f).revokeToken(77).error().message, QString("token 77 does not exist or is already revoked"));
}

void TestDirectoryService::updateChangesOnlyWhatIsGiven()
{
    EngineFixture f;
    const qint64 red = directory(f).createTeam({"Red", std::nullopt})->id;
    PersonDraft draft;
    draft.name = "Ada Lovelace";
    draft.teamId = red;
    draft.email = "ada@example.com";
    const Person before = *directory(f).createPerson(draft);

    PersonChange rename;
    rename.name = "Grace Hopper";
    const Outcome<Person> renamed = directory(f).updatePerson(before.id, rename);
    QCOMPARE(renamed->name, QString("Grace Hopper"));
    QCOMPARE(renamed->initials, QString("GH"));
    QCOMPARE(renamed->teamId, red);
    QCOMPARE(renamed->email, QString("ada@example.com"));
    QCOMPARE(renamed->color, before.color);

    PersonChange leave;
    leave.teamId = 0;
    QCOMPARE(directory(f).updatePerson(before.id, leave)->teamId, 0);
    PersonChange join;
    join.teamId = 99;
    QCOMPARE(directory(f).updatePerson(before.id, join).error().message,
             QString("field 'team' must be the id of an existing team or null"));
    QCOMPARE(directory(f).person(before.id)->teamId, 0);
}

void TestDirectoryService::deactivatingRefreshesEveryBoard()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada");
    f.take();
    PersonChange off;
    off.active = false;
    QVERIFY(directory(f).updatePerson(ada, off).ok());
    QVERIFY(f.engine->flush());
    const EventList refreshes = f.take({"leaderboard:refresh"});
    QCOMPARE(refreshes.size(), f.engine->configuration().metrics().size());
    for (const Event &e : refreshes) {
        QCOMPARE(e.room, QString("leaderboard:%1").arg(e.data().value("metric").toString()));
        QCOMPARE(e.data().value("reason").toString(), QString("deactivated"));
        QCOMPARE(e.data().value("person").toInteger(), ada);
    }
    // Saving the same state again sends nothing.
    QVERIFY(directory(f).updatePerson(ada, off).ok());
    QVERIFY(f.engine->flush());
    QCOMPARE(f.take({"leaderboard:refresh"}).size(), 0);
}

void TestDirectoryService::teamsCountActiveMembers()
{
    EngineFixture f;
    const qint64 a = f.addPerson("Ada", "Red");
    f.addPerson("Bob", "Red");
    f.addPerson("Cy", "Blue");
    PersonChange off;
    off.active = false;
    QVERIFY(directory(f).updatePerson(a, off).ok());
    const QList<TeamListing> teams = directory(f).teams();
    QCOMPARE(teams.size(), 2);
    QCOMPARE(teams.at(0).team.name, QString("Red"));
    QCOMPARE(teams.at(0).activeMembers, 1);
    QCOMPARE(teams.at(1).team.name, QString("Blue"));
    QCOMPARE(teams.at(1).activeMembers, 1);
}

void TestDirectoryService::survivesARestart()
{
    EngineFixture f;
    const qint64 ada = f.addPerson("Ada Lovelace", "Red");
    TokenDraft draft;
    draft.kind = Identity::Kind::Person;
    draft.personId = ada;
    const Outcome<IssuedToken> token = directory(f).issueToken(draft);
    QVERIFY(token.ok());
    QVERIFY(f.engine->flush());

    f.reopen();
    const Person *p = directory(f).person(ada);
    QVERIFY(p);
    QCOMPARE(p->name, QString("Ada Lovelace"));
    QCOMPARE(directory(f).team(p->teamId)->name, QString("Red"));
    const Identity who = directory(f).authenticate(token->token);
    QCOMPARE(who.kind, Identity::Kind::Person);
    QCOMPARE(who.personId, ada);
    QCOMPARE(who.teamId, p->teamId);
}

void TestDirectoryService::tokensIssueAndRevoke()
{
    EngineFixture f;
    TokenDraft draft;
    draft.kind = Identity::Kind::Person;
    draft.personId = 5;
    QCOMPARE(directory(f).issueToken(draft).error().message,
             QString("field 'person' must be the id of an existing person"));
    draft.kind = Identity::Kind::Display;
    draft.label = "Lobby TV";
    const Outcome<IssuedToken> lobby = directory(f).issueToken(draft);
    QVERIFY(lobby.ok());
    QCOMPARE(lobby->label, QString("Lobby TV"));
    QVERIFY(lobby->token.size() >= 32);
    QCOMPARE(directory(f).authenticate(lobby->token).kind, Identity::Kind::Display);
    // The network threads share the same directory.
    QCOMPARE(f.engine->tokens()->resolve(lobby->token).tokenId, lobby->identity.tokenId);

    QVERIFY(directory(f).revokeToken(lobby->identity.tokenId).ok());
    QCOMPARE(directory(f).authenticate(lobby->token).kind, Identity::Kind::Anonymous);
    QVERIFY(!directory(f).revokeToken(lobby->identity.tokenId).ok());
    QVERIFY(f.engine->flush());
    f.reopen();
    QCOMPARE(directory(f).authenticate(lobby->token).kind, Identity::Kind::Anonymous);
}

void TestDirectoryService::presetAdminTokenRotates()
{
    EngineFixture f;
    const int before = directory(f).tokenList().size(); // the first-run token, if the fixture made one
    QCOMPARE(directory(f).ensureAdminToken("preset-admin-token-one"), QString());
    QVERIFY(directory(f).authenticate("preset-admin-token-one").isAdmin());
    QCOMPARE(directory(f).tokenList().size(), before + 1);
    // The same value again changes nothing.
    QCOMPARE(directory(f).ensureAdminToken("preset-admin-token-one"), QString());
    QCOMPARE(directory(f).tokenList().size(), before + 1);
    // A new value replaces it.
    QCOMPARE(directory(f).ensureAdminToken("preset-admin-token-two"), QString());
    QVERIFY(!directory(f).authenticate("preset-admin-token-one").isAdmin());
    QVERIFY(directory(f).authenticate("preset-admin-token-two").isAdmin());
    QCOMPARE(directory(f).tokenList().size(), before + 1);
    f.reopen();
    QVERIFY(!directory(f).authenticate("preset-admin-token-one").isAdmin());
    QVERIFY(directory(f).authenticate("preset-admin-token-two").isAdmin());
}

QTEST_GUILESS_MAIN(TestDirectoryService)
#include "tst_directoryservice.moc"
