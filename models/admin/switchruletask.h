#pragma once

#include "admintask.h"

#include <QVariantMap>

namespace podium {

// Switches a milestone rule on or off (`enabled`), or deletes it
// (`remove`). A rule switched off keeps its place and fires again once on.
class SwitchRuleTask : public AdminTask
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 ruleId MEMBER m_ruleId NOTIFY inputChanged)
    Q_PROPERTY(bool enabled MEMBER m_enabled NOTIFY inputChanged)
    Q_PROPERTY(bool remove MEMBER m_remove NOTIFY inputChanged)
    // The rule as the server answered (after a delete: {"deleted": id}).
    Q_PROPERTY(QVariantMap rule READ rule NOTIFY resultChanged)

public:
    explicit SwitchRuleTask(QObject *parent = nullptr);

    QVariantMap rule() const { return m_rule; }

signals:
    void inputChanged();

protected:
    void run() override;

private:
    qint64 m_ruleId = 0;
    bool m_enabled = true;
    bool m_remove = false;
    QVariantMap m_rule;
};

} // namespace podium
