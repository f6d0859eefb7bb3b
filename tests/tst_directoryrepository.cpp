// DirectoryRepository on a real SQLite file: what it writes is what it
// loads, revoked tokens stay out, and only the rotated admin token is named.

#include "directory/tokendirectory.h"
#include "repositoryfixture.h"
#include "store/directoryrepository.h"

#include <QTest>

using namespace podium;

class TestDirectoryRepository : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_f = std::make_unique<podium::testing::RepositoryFixture<DirectoryRepository>>(); }
    void cleanup() { m_f.reset(); }
    void teamsRoundTrip();
    void peopleRoundTrip();
    void tokensLoadUnlessRevoked();
    void adminTokensLabelledSkipsTheKeptOne();

private:
    std::unique_ptr<podium::testing::RepositoryFixture<DirectoryRepository>> m_f;
};

void TestDirectoryRepository::teamsRoundTrip()
{
    QCOMPARE(m_f->repository->nextTeamId(), 1);
    m_f->repository->insertTeam({1, "Red", "#FF0000"});
    m_f->repository->insertTeam({2, "Blue", "#0000FF"});
    QCOMPARE(m_f->repository->nextTeamId(), 3);
    m_f->repository->updateTeam({2, "Navy", "#000080"});
    m_f->reopen();

    QHash<qint64, std::shared_ptr<Team>> teams;
    QString error;
    m_f->repository->loadTeams(&teams, &error);
    QCOMPARE(error, QString());
    QCOMPARE(teams.size(), 2);
    QCOMPARE(teams.value(1)->name, QString("Red"));
    QCOMPARE(teams.value(2)->name, QString("Navy"));
    QCOMPARE(teams.value(2)->color, QString("#000080"));
}

void TestDirectoryRepository::peopleRoundTrip()
{
    m_f->repository->insertTeam({1, "Red", "#FF0000"});
    Person ada;
    ada.id = m_f->repository->nextPersonId();
    ada.name = "Ada Lovelace";
    ada.teamId = 1;
    ada.color = "#10B981";
    ada.initials = "AL";
    ada.email = "ada@example.com";
    ada.createdAt = QDateTime(QDate(2026, 11, 18), QTime(15, 0, 0, 250), Qt::UTC);
    m_f->repository->insertPerson(ada);
    Person bob = ada;
    bob.id = m_f->repository->nextPersonId();
    bob.name = "bob";
    bob.teamId = 0;
    bob.email.clear();
    bob.externalId = "crm-2";
    m_f->repository->insertPerson(bob);
    QCOMPARE(bob.id, 2);
    bob.active = false;
    bob.name = "Bob Stone";
    m_f->repository->updatePerson(bob);
    m_f->reopen();

    QHash<qint64, std::shared_ptr<Person>> people;
    QString error;
    m_f->repository->loadPeople(&people, &error);
    QCOMPARE(error, QString());
    QCOMPARE(people.size(), 2);
    const Person &a = *people.value(1);
    QCOMPARE(a.name, QString("Ada Lovelace"));
    QCOMPARE(a.teamId, 1);
    QCOMPARE(a.email, QString("ada@example.com"));
    QCOMPARE(a.externalId, QString());
    QCOMPARE(a.createdAt, ada.createdAt);
    QVERIFY(a.active);
    const Person &b = *people.value(2);
    QCOMPARE(b.name, QString("Bob Stone"));
    QCOMPARE(b.teamId, 0); // stored as NULL
    QCOMPARE(b.externalId, QString("crm-2"));
    QCOMPARE(b.initials, QString("BS")); // recomputed from the name on load
    QVERIFY(!b.active);
}

void TestDirectoryRepository::tokensLoadUnlessRevoked()
{
    Identity display;
    display.kind = Identity::Kind::Display;
    display.tokenId = m_f->repository->nextTokenId();
    m_f->repository->insertToken(TokenDirectory::hash("display-token-0123456789"), display, "Lobby",
                                 "2026-11-18T15:00:00.000Z");
    Identity person;
    person.kind = Identity::Kind::Person;
    person.tokenId = m_f->repository->nextTokenId();
    person.personId = 7;
    person.teamId = 3;
    m_f->repository->insertToken(TokenDirectory::hash("person-token-0123456789"), person, "",
                                 "2026-11-18T15:00:00.000Z");
    Identity gone = display;
    gone.tokenId = m_f->repository->nextTokenId();
    m_f->repository->insertToken(TokenDirectory::hash("revoked-token-0123456789"), gone, "",
                                 "2026-11-18T15:00:00.000Z");
    m_f->repository->revokeToken(gone.tokenId);
    m_f->reopen();

    TokenDirectory tokens;
    QString error;
    m_f->repository->loadTokens(&tokens, &error);
    QCOMPARE(error, QString());
    QCOMPARE(tokens.all().size(), 2);
    QCOMPARE(tokens.resolve("display-token-0123456789").kind, Identity::Kind::Display);
    const Identity p = tokens.resolve("person-token-0123456789");
    QCOMPARE(p.kind, Identity::Kind::Person);
    QCOMPARE(p.tokenId, 2);
    QCOMPARE(p.personId, 7);
    QCOMPARE(p.teamId, 3);
    QCOMPARE(tokens.resolve("revoked-token-0123456789").kind, Identity::Kind::Anonymous);
}

void TestDirectoryRepository::adminTokensLabelledSkipsTheKeptOne()
{
    Identity admin;
    admin.kind = Identity::Kind::Admin;
    const QString label = "PODIUM_ADMIN_TOKEN";
    for (const char *token : {"old-admin-token-000000", "kept-admin-token-000000", "revoked-admin-token-0000"}) {
        admin.tokenId = m_f->repository->nextTokenId();
        m_f->repository->insertToken(TokenDirectory::hash(token), admin, label, "2026-11-18T15:00:00.000Z");
    }
    admin.tokenId = m_f->repository->nextTokenId();
    m_f->repository->insertToken(TokenDirectory::hash("other-admin-token-00000"), admin, "first run",
                                 "2026-11-18T15:00:00.000Z");
    m_f->repository->revokeToken(3);

    QCOMPARE(m_f->repository->adminTokensLabelled(label, TokenDirectory::hash("kept-admin-token-000000")),
             QList<qint64> {1});
}

QTEST_GUILESS_MAIN(TestDirectoryRepository)
#include "tst_directoryrepository.moc"
