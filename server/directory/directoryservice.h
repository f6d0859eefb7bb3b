#pragma once

#include "directory/identity.h"
#include "engine/service.h"

#include <QHash>
#include <memory>

namespace podium {

struct Person;
struct Team;
class TokenDirectory;

// The directory: people, teams and the tokens that act for them.
class DirectoryService : public Service
{
public:
    explicit DirectoryService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // What the other services read.
    const Person *person(qint64 id) const;
    const Team *team(qint64 id) const;
    const QHash<qint64, std::shared_ptr<Person>> &people() const;
    Identity authenticate(const QString &token) const;
    // Shared with the network threads, which resolve tokens themselves.
    std::shared_ptr<TokenDirectory> tokens() const;
};

} // namespace podium
