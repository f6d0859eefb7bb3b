#pragma once

#include "engine/service.h"

namespace podium {

// Social: notifications, announcements, live sessions and free broadcasts.
class SocialService : public Service
{
public:
    explicit SocialService(Engine &core);

    bool load(QString *error) override;
    void reset() override;

    // What the other services call.
    void notify(qint64 personId, const QString &kind, const QString &title, const QString &body);
};

} // namespace podium
