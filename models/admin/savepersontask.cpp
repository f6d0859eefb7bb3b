#include "savepersontask.h"

#include <QJsonArray>

namespace podium {

SavePersonTask::SavePersonTask(QObject *parent)
    : AdminTask(parent)
{ }

void SavePersonTask::run()
{
    m_person.clear();
    m_created = m_personId == 0;
    const QString name = m_name.trimmed();
    const QString team = m_team.trimmed();
    if (name.isEmpty())
        return fail(QStringLiteral("field 'name' is empty"));
    if (team.isEmpty())
        return fail(QStringLiteral("field 'team' is empty: pick a team or type a new one"));
    QJsonObject body {{"name", name}, {"team", team}};
    if (!m_color.isEmpty())
        body.insert("color", m_color.trimmed());
    if (!m_email.isEmpty())
        body.insert("email", m_email.trimmed());
    if (!m_externalId.isEmpty())
        body.insert("externalId", m_externalId.trimmed());

    if (m_created) {
        send("POST", QStringLiteral("/api/people"), body, [this](int s, const QJsonObject &r) { done(s, r); });
        return;
    }
    send("GET", QStringLiteral("/api/teams"), QJsonValue(), [this, body, team](int s, const QJsonObject &r) {
        if (!ok(s))
            return failWith(s, r);
        const QJsonArray teams = r.value("teams").toArray();
        for (const QJsonValue &t : teams) {
            if (t.toObject().value("name").toString().compare(team, Qt::CaseInsensitive) == 0)
                return patchPerson(body, t.toObject().value("id").toInteger());
        }
        send("POST", QStringLiteral("/api/teams"), QJsonObject {{"name", team}},
             [this, body](int s2, const QJsonObject &t) {
                 if (s2 != 201)
                     return failWith(s2, t);
                 patchPerson(body, t.value("id").toInteger());
             });
    });
}

void SavePersonTask::patchPerson(const QJsonObject &body, qint64 teamId)
{
    QJsonObject patch = body;
    patch.insert("team", teamId);
    send("PATCH", QStringLiteral("/api/people/%1").arg(m_personId), patch,
         [this](int s, const QJsonObject &r) { done(s, r); });
}

void SavePersonTask::done(int status, const QJsonObject &reply)
{
    if (status != 200 && status != 201)
        return failWith(status, reply);
    m_person = reply.toVariantMap();
    succeed();
}

} // namespace podium
