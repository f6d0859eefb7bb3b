#include "savesettingstask.h"

#include "formnumber.h"

#include <QJsonArray>

namespace podium {

SaveSettingsTask::SaveSettingsTask(QObject *parent)
    : AdminTask(parent)
{ }

void SaveSettingsTask::run()
{
    m_settings.clear();
    QJsonArray tiers;
    const QStringList parts = m_tiers.split(QLatin1Char(','));
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        if (part.isEmpty())
            continue;
        const QStringList kv = part.split(QLatin1Char(':'));
        const std::optional<double> level = kv.size() == 2 ? formNumber(kv.at(1)) : std::nullopt;
        if (!level)
            return fail(QStringLiteral("tiers: write 'Name:level', got '%1'").arg(part));
        const QString name = kv.at(0).trimmed();
        tiers.append(QJsonObject {{"key", name.toLower()}, {"name", name}, {"minLevel", *level}});
    }
    const QJsonObject body {{"xpMetric", m_xpMetric.trimmed()},
                            {"levelStep", formNumberOrNull(m_levelStep)},
                            {"significantRankMove", formNumberOrNull(m_rankMove)},
                            {"tiers", tiers}};
    send("PATCH", QStringLiteral("/api/settings"), body, [this](int s, const QJsonObject &r) {
        if (s != 200)
            return failWith(s, r);
        send("GET", QStringLiteral("/api/settings"), QJsonValue(), [this](int s2, const QJsonObject &settings) {
            if (s2 != 200)
                return failWith(s2, settings);
            m_settings = settings.toVariantMap();
            succeed();
        });
    });
}

} // namespace podium
