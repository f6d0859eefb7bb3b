// Scoring: what an activity earns — milestones of every rule kind, badges,
// XP and levels, streaks — and the celebrations that show it.
#include "scoring/scoringservice.h"

#include "configuration/metric.h"
#include "engine/engine.h"
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

void ScoringService::evaluateValueRules(const Person &p, const Metric &m, const Change &change, double amount,
                                        const QDateTime &at)
{
    const Period period = change.period;
    const QString &key = change.key;
    const double before = change.before.value_or(0);
    const double after = change.after;
    const std::optional<int> prevRank = change.previousRank;
    const std::optional<int> newRank = change.newRank;
    for (const MilestoneRule &rule : core().configuration().rules()) {
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
                const int boardSize = board(m.key, period, key).size();
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
                                     {"timestamp", core().nowText(at)}};
            fireMilestone(rule, p, key, v, achievement);
        }
    }
}

bool ScoringService::fireMilestone(const MilestoneRule &rule, const Person &p, const QString &periodKey, double value,
                                   QJsonObject achievement)
{
    // The primary key (rule, person, period, value) makes "never again for
    // this person and period" a property of the store, not of memory.
    if (!m_activities.insertMilestoneFired(rule.id, p.id, periodKey, value, core().lastSeq() + 1))
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
    core().emitEvent("activity:feed", "milestone:reached", reached);
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

bool ScoringService::grantBadge(const Person &p, const QString &badgeKey, const QString &reason, QJsonObject *badgeInfo)
{
    if (!core().configuration().badges().contains(badgeKey))
        return false;
    if (!m_repository.insertBadgeAward(badgeKey, p.id, core().nowText(core().now()), reason))
        return false;
    *badgeInfo = core().configuration().badges().value(badgeKey);
    return true;
}

DomainError ScoringService::unknownBadge(const QString &badge)
{
    return DomainError::invalid(QStringLiteral("field 'badge': unknown badge '%1'").arg(badge));
}

Outcome<AwardedBadge> ScoringService::awardBadge(qint64 personId, const QString &badgeKey, const QString &reason)
{
    const Person *p = core().person(personId);
    if (!p)
        return DomainError::notFound(QStringLiteral("person %1 does not exist").arg(personId));
    AwardedBadge awarded {personId, {}};
    if (!grantBadge(*p, badgeKey, reason, &awarded.badge)) {
        if (!core().configuration().badges().contains(badgeKey))
            return unknownBadge(badgeKey);
        return DomainError::conflict(QStringLiteral("field 'badge': %1 already has '%2'").arg(p->name, badgeKey));
    }
    const QJsonObject &badge = awarded.badge;
    celebrate(*p,
              {{"achievementType", "badge"},
               {"title", QStringLiteral("%1 Badge Earned!").arg(badge.value("name").toString())},
               {"description", reason.isEmpty() ? badge.value("description").toString() : reason},
               {"icon", badge.value("icon")},
               {"rarity", badge.value("rarity")},
               {"badge", badgeKey},
               {"badgeName", badge.value("name")},
               {"badgeDescription", badge.value("description")},
               {"timestamp", core().nowText(core().now())}});
    return awarded;
}

void ScoringService::celebrate(const Person &p, QJsonObject achievement)
{
    const Team *t = core().team(p.teamId);
    achievement.insert("userId", p.id);
    achievement.insert("userName", p.name);
    achievement.insert("person", p.id);
    achievement.insert("name", p.name);
    achievement.insert("team", t ? QJsonValue(t->id) : QJsonValue());
    achievement.insert("teamName", t ? QJsonValue(t->name) : QJsonValue());
    achievement.insert("color", p.color);
    achievement.insert("initials", p.initials);
    core().emitEvent(rooms::user(p.id), "achievement:earned", achievement);
    core().emitEvent("tv-display", "achievement:celebration", achievement);
    core().social().notify(p.id, achievement.value("achievementType").toString(), achievement.value("title").toString(),
                           achievement.value("description").toString());
}

void ScoringService::updateXp(const Person &p, double before, double after, const QString &source)
{
    core().emitEvent(rooms::user(p.id), "xp:gained",
                     {{"userId", p.id},
                      {"userName", p.name},
                      {"amount", after - before},
                      {"source", source},
                      {"newTotal", after},
                      {"timestamp", core().nowText(core().now())}});
    const int lb = core().configuration().levels().levelFor(before);
    const int la = core().configuration().levels().levelFor(after);
    if (la <= lb)
        return;
    core().emitEvent(rooms::user(p.id), "level:up",
                     {{"userId", p.id},
                      {"userName", p.name},
                      {"previousLevel", lb},
                      {"newLevel", la},
                      {"totalXP", after},
                      {"timestamp", core().nowText(core().now())}});
    for (const MilestoneRule &rule : core().configuration().rules()) {
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
                           {"timestamp", core().nowText(core().now())}});
        }
    }
    const Tier tb = tierFor(lb, core().configuration().tiers());
    const Tier ta = tierFor(la, core().configuration().tiers());
    if (tb.key != ta.key) {
        core().emitEvent(rooms::user(p.id), "tier:up",
                         {{"userId", p.id},
                          {"userName", p.name},
                          {"previousTier", tb.key},
                          {"newTier", ta.key},
                          {"tierName", ta.name},
                          {"level", la},
                          {"timestamp", core().nowText(core().now())}});
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
                   {"timestamp", core().nowText(core().now())}});
    }
}

void ScoringService::updateStreak(const Person &p, const QDateTime &at)
{
    const QDate day = core().calendar().localDate(at);
    auto cached = m_streaks.find(p.id);
    if (cached == m_streaks.end()) {
        cached = m_streaks.insert(p.id, m_repository.streak(p.id).value_or(Streak {}));
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
    m_repository.saveStreak(p.id, *cached);
    core().emitEvent(rooms::user(p.id), "streak:update",
                     {{"userId", p.id},
                      {"userName", p.name},
                      {"currentStreak", current},
                      {"bestStreak", best},
                      {"broken", broken},
                      {"previousStreak", before},
                      {"day", day.toString(Qt::ISODate)}});
    for (const MilestoneRule &rule : core().configuration().rules()) {
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
                           {"timestamp", core().nowText(at)}});
        }
    }
}

} // namespace podium
