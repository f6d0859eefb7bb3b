#include "scoring/rules.h"

#include "http/fields.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace podium {

namespace {
const QList<QPair<MilestoneRule::Kind, QString>> kKinds{
    {MilestoneRule::Kind::Threshold, "threshold"}, {MilestoneRule::Kind::Every, "every"},
    {MilestoneRule::Kind::Rank, "rank"},           {MilestoneRule::Kind::Streak, "streak"},
    {MilestoneRule::Kind::Level, "level"},         {MilestoneRule::Kind::Perfect, "perfect"},
};
} // namespace

QString ruleKindName(MilestoneRule::Kind kind)
{
    for (const auto &k : kKinds) {
        if (k.first == kind)
            return k.second;
    }
    return {};
}

bool parseRuleKind(const QString &name, MilestoneRule::Kind *out)
{
    for (const auto &k : kKinds) {
        if (k.second == name) {
            *out = k.first;
            return true;
        }
    }
    return false;
}

std::optional<MilestoneRule> MilestoneRule::fromJson(const QJsonObject &json, QString *error)
{
    MilestoneRule r;
    auto fail = [&](const QString &message) {
        *error = message;
        return std::nullopt;
    };
    r.id = json.value("id").toInteger();
    if (!json.value("metric").isString() || json.value("metric").toString().isEmpty())
        return fail("field 'metric' must be a non-empty string");
    r.metric = json.value("metric").toString();
    if (!parseRuleKind(json.value("kind").toString(), &r.kind))
        return fail("field 'kind' must be one of threshold, every, rank, streak, level, perfect");
    if (json.contains("period") && !json.value("period").isString())
        return fail("field 'period' must be one of day, week, month, all");
    const QString period = json.value("period").toString(r.kind == Kind::Every || r.kind == Kind::Level
                                                                 || r.kind == Kind::Streak
                                                             ? "all"
                                                             : r.kind == Kind::Perfect ? "day" : "month");
    if (!parsePeriod(period, &r.period))
        return fail("field 'period' must be one of day, week, month, all");
    const QJsonValue values = json.value("values");
    if (!values.isUndefined()) {
        if (!values.isArray())
            return fail("field 'values' must be an array of numbers");
        for (const QJsonValue &v : values.toArray()) {
            if (!v.isDouble() || !std::isfinite(v.toDouble()))
                return fail("field 'values' must be an array of numbers");
            r.values.append(v.toDouble());
        }
    }
    const QJsonValue step = json.value("step");
    if (!step.isUndefined()) {
        if (!step.isDouble() || step.toDouble() <= 0)
            return fail("field 'step' must be a positive number");
        r.step = step.toDouble();
    }
    std::sort(r.values.begin(), r.values.end());
    r.values.erase(std::unique(r.values.begin(), r.values.end()), r.values.end());
    switch (r.kind) {
    case Kind::Threshold:
        if (r.values.isEmpty())
            return fail("field 'values' must list at least one threshold");
        break;
    case Kind::Every:
        if (r.step <= 0)
            return fail("field 'step' is required for an every rule");
        break;
    case Kind::Rank:
        if (r.values.isEmpty())
            return fail("field 'values' must list the ranks to celebrate, e.g. [10, 5, 1]");
        for (double v : r.values) {
            if (v < 1 || v != std::floor(v))
                return fail("field 'values' must hold whole ranks of 1 or more");
        }
        break;
    case Kind::Streak:
    case Kind::Level:
        if (r.values.isEmpty() && r.step <= 0)
            return fail("a streak or level rule needs 'values' or 'step'");
        break;
    case Kind::Perfect:
        if (r.values.size() != 1)
            return fail("field 'values' must hold exactly the one perfect value");
        break;
    }
    if (json.contains("badge") && !json.value("badge").isString() && !json.value("badge").isNull())
        return fail("field 'badge' must be a badge key");
    r.badge = json.value("badge").toString();
    if (json.contains("badges")) {
        if (!json.value("badges").isObject())
            return fail("field 'badges' must map values to badge keys, e.g. {\"100000\": \"100k-club\"}");
        const QJsonObject map = json.value("badges").toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            bool ok = false;
            it.key().toDouble(&ok);
            if (!ok || !it.value().isString())
                return fail("field 'badges' must map values to badge keys, e.g. {\"100000\": \"100k-club\"}");
            r.badges.insert(QString::number(it.key().toDouble(), 'g', 15), it.value().toString());
        }
    }
    if (json.contains("title")) {
        if (auto invalid = fields::ruleTitle.read(json.value("title"), &r.title))
            return fail(invalid->errorMessage());
    }
    if (json.contains("enabled") && !json.value("enabled").isBool())
        return fail("field 'enabled' must be true or false");
    r.enabled = json.value("enabled").toBool(true);
    return r;
}

QJsonObject MilestoneRule::paramsJson() const
{
    QJsonObject params;
    if (!values.isEmpty()) {
        QJsonArray arr;
        for (double v : values)
            arr.append(v);
        params.insert("values", arr);
    }
    if (step > 0)
        params.insert("step", step);
    if (!badges.isEmpty()) {
        QJsonObject map;
        for (auto it = badges.begin(); it != badges.end(); ++it)
            map.insert(it.key(), it.value());
        params.insert("badges", map);
    }
    return params;
}

QString MilestoneRule::badgeFor(double value) const
{
    return badges.value(QString::number(value, 'g', 15), badge);
}

QJsonObject MilestoneRule::toJson() const
{
    QJsonObject json = paramsJson();
    json.insert("id", id);
    json.insert("metric", metric);
    json.insert("kind", ruleKindName(kind));
    json.insert("period", periodName(period));
    json.insert("badge", badge.isEmpty() ? QJsonValue() : QJsonValue(badge));
    json.insert("title", title);
    json.insert("enabled", enabled);
    return json;
}

QList<double> MilestoneRule::crossed(double before, double after) const
{
    QList<double> out;
    if (!(after > before))
        return out;
    if (kind == Kind::Perfect)
        return out;
    for (double v : values) {
        if (before < v && v <= after)
            out.append(v);
    }
    if (step > 0) {
        // Multiples of step in (before, after]; capped so a huge correction
        // cannot flood the wall.
        double k = std::floor(before / step) + 1;
        for (int i = 0; i < 100 && k * step <= after; ++i, ++k) {
            if (k * step > 0 && !out.contains(k * step))
                out.append(k * step);
        }
        std::sort(out.begin(), out.end());
    }
    return out;
}

QList<double> MilestoneRule::ranksEntered(std::optional<int> previous, int now) const
{
    QList<double> out;
    for (auto it = values.crbegin(); it != values.crend(); ++it) {
        const double r = *it;
        if (now <= r && (!previous || *previous > r))
            out.append(r);
    }
    return out;
}

} // namespace podium
