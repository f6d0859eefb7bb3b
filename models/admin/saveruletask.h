#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Adds a milestone rule (ruleId 0) or saves the one with that id, from the
// rule form's texts: `values` is a comma-separated list of numbers, `step`
// one number, `period` empty for the metric's default. Empty optional fields
// are left out. Refused before any request: a value or step that is not a
// number.
class SaveRuleTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 ruleId MEMBER m_ruleId NOTIFY inputChanged)
    Q_PROPERTY(QString metric MEMBER m_metric NOTIFY inputChanged)
    Q_PROPERTY(QString kind MEMBER m_kind NOTIFY inputChanged)
    Q_PROPERTY(QString period MEMBER m_period NOTIFY inputChanged)
    Q_PROPERTY(QString values MEMBER m_values NOTIFY inputChanged)
    Q_PROPERTY(QString step MEMBER m_step NOTIFY inputChanged)
    Q_PROPERTY(QString badge MEMBER m_badge NOTIFY inputChanged)
    Q_PROPERTY(QString title MEMBER m_title NOTIFY inputChanged)
    // The rule as the server answered, once Succeeded.
    Q_PROPERTY(QVariantMap rule READ rule NOTIFY resultChanged)

public:
    explicit SaveRuleTask(QObject *parent = nullptr);

    QVariantMap rule() const { return m_rule; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_ruleId = 0;
    QString m_metric;
    QString m_kind = QStringLiteral("threshold");
    QString m_period;
    QString m_values;
    QString m_step;
    QString m_badge;
    QString m_title;
    QVariantMap m_rule;
};

} // namespace podium
