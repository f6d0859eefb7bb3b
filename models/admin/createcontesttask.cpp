#include "createcontesttask.h"

#include <QJsonArray>

namespace podium {

CreateContestTask::CreateContestTask(QObject *parent)
    : AdminTask(parent)
{ }

void CreateContestTask::run()
{
    m_contest.clear();
    QJsonArray prizes;
    const QStringList lines = m_prizes.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            prizes.append(line.trimmed());
    }
    const QJsonObject body {{"name", m_name},     {"metric", m_metric}, {"startsAt", m_startsAt},
                            {"endsAt", m_endsAt}, {"mode", m_mode},     {"prizes", prizes}};
    send("POST", QStringLiteral("/api/contests"), body, [this](int s, const QJsonObject &r) {
        if (s != 201)
            return failWith(s, r);
        m_contest = r.toVariantMap();
        succeed();
    });
}

} // namespace podium
