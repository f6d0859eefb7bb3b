#pragma once

#include "http/reply.h"

#include <QByteArray>
#include <QJsonObject>

namespace podium {

class Engine;
struct RecordedActivity;

// Scoring's REST shapes: activities recorded, read back and voided, and
// badges given by hand (docs/API.md). Runs on the engine thread.
namespace rest {

// POST /api/activities: one activity, or {"activities":[…]} for a batch.
// Answers with `Reply::raw` only: the hot route writes its JSON directly.
Reply recordActivities(Engine &engine, const QJsonObject &input);
Reply getActivity(Engine &engine, qint64 id);
Reply voidActivity(Engine &engine, qint64 id);
Reply awardBadge(Engine &engine, qint64 person, const QString &badge, const QString &reason);

// An activity as POST /api/activities answers it.
QByteArray activityJson(const RecordedActivity &activity);

} // namespace rest
} // namespace podium
