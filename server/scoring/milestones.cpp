// Scoring: what an activity earns — milestones of every rule kind, badges,
// XP and levels, streaks — and the celebrations that show it.
#include "engine/engine.h"

#include "http/fields.h"
#include "logging.h"
#include "rooms.h"

namespace podium {

namespace {
QString periodPhrase(Period p)
{
    switch (p) {
    case Period::Day:
        return QStringLiteral("today");
    case Period::Week:
        return QStringLiteral("this week");
    case Period::Month:
        return QStringLiteral("this month");
    case Period::AllTime:
        return QStringLiteral("all-time");
    }
    return {};
}

} // namespace

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
            values = m.higherIsBetter ? rule.crossed(before, after) : QList<double> {};
            break;
        case MilestoneRule::Kind::Rank:
            // Entering the top N means passing someone: on a board of three,
            // "top 10" is no news, and the first sale of the month is no #1.
            if (newRank) {
                const int boardSize = scoring().board(m.key, period, key).size();
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
        case MilestoneRule::Kind::Level:
            break;
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
                title = v == 1 ? QStringLiteral("#1 in %1").arg(m.label)
                               : QStringLiteral("Top %1 in %2").arg(v).arg(m.label);
                description = QStringLiteral("%1 is now #%2 in %3 %4")
                                      .arg(p.name)
                                      .arg(*newRank)
                                      .arg(m.label, periodPhrase(period));
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
            QJsonObject achievement {{"achievementType", type},
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
    if (!scoring().activities().insertMilestoneFired(rule.id, p.id, periodKey, value, m_seq + 1))
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
    celebrate(*p,
              {{"achievementType", "badge"},
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
              {{"userId", p.id},
               {"userName", p.name},
               {"amount", after - before},
               {"source", source},
               {"newTotal", after},
               {"timestamp", nowText(now())}});
    const int lb = configuration().levels().levelFor(before);
    const int la = configuration().levels().levelFor(after);
    if (la <= lb)
        return;
    emitEvent(userRoom(p.id), "level:up",
              {{"userId", p.id},
               {"userName", p.name},
               {"previousLevel", lb},
               {"newLevel", la},
               {"totalXP", after},
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
                  {{"userId", p.id},
                   {"userName", p.name},
                   {"previousTier", tb.key},
                   {"newTier", ta.key},
                   {"tierName", ta.name},
                   {"level", la},
                   {"timestamp", nowText(now())}});
        celebrate(p,
                  {{"achievementType", "tier"},
                   {"title", QStringLiteral("%1 Tier!").arg(ta.name)},
                   {"description", QStringLiteral("%1 moved up to the %2 tier").arg(p.name, ta.name)},
                   {"icon", "🛡️"},
                   {"rarity",
                    ta.minLevel >= 40           ? "legendary"
                            : ta.minLevel >= 20 ? "epic"
                                                : "rare"},
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
    *cached = Streak {current, best, day, started};
    scoring().repository().saveStreak(p.id, *cached);
    emitEvent(userRoom(p.id), "streak:update",
              {{"userId", p.id},
               {"userName", p.name},
               {"currentStreak", current},
               {"bestStreak", best},
               {"broken", broken},
               {"previousStreak", before},
               {"day", day.toString(Qt::ISODate)}});
    for (const MilestoneRule &rule : configuration().rules()) {
        if (!rule.enabled || rule.kind != MilestoneRule::Kind::Streak)
            continue;
        for (double v : rule.crossed(broken ? 0 : before, current)) {
            fireMilestone(rule, p, started.toString(Qt::ISODate), v,
                          {{"achievementType", "streak"},
                           {"title", QStringLiteral("%1-Day Streak!").arg(v)},
                           {"description", QStringLiteral("%1 has been active %2 days in a row").arg(p.name).arg(v)},
                           {"icon", "🔥"},
                           {"rarity",
                            v >= 100          ? "legendary"
                                    : v >= 30 ? "epic"
                                              : "common"},
                           {"value", v},
                           {"timestamp", nowText(at)}});
        }
    }
}

} // namespace podium
