import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// Configuration as data: metrics, milestone rules, the level curve and tiers,
// the badge catalogue. Each form says what is wrong in the server's words.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel metrics
    required property JsonListModel badges
    property var shared
    property var editingRule: null
    readonly property var kinds: ["threshold", "every", "rank", "streak", "level", "perfect"]
    readonly property var kindHelp: ({
        threshold: "Values: amounts to cross, e.g. 10000, 25000, 50000",
        every: "Step: fire every N, e.g. every 1000 XP",
        rank: "Values: ranks to enter, e.g. 10, 5, 1",
        streak: "Values: days in a row (7, 30, 100) or a step",
        level: "Step: every N levels (1 = each level-up)",
        perfect: "One value: the perfect score, e.g. 100"
    })

    JsonListModel { id: rules; api: page.api; path: "/api/rules"; listKey: "rules"; roles: ["id", "metric", "kind", "period", "values", "step", "badge", "title", "enabled"] }
    Component.onCompleted: { rules.refresh(); loadSettings() }

    function loadSettings() {
        api.get("/api/settings", function(s, r) { if (s === 200) showSettings(r) })
    }
    function showSettings(r) {
        levelStepField.text = r.levelStep
        rankMoveField.text = r.significantRankMove
        xpMetricField.text = r.xpMetric
        tiersField.text = r.tiers.map(function(t) { return t.name + ":" + t.minLevel }).join(", ")
        tiersField.cursorPosition = 0
    }

    // Adds or saves the rule in the form (SaveRuleTask).
    SaveRuleTask {
        id: saveRule
        api: page.api
        ruleId: page.editingRule ? page.editingRule.id : 0
        metric: ruleMetric.text
        kind: ruleKind.currentText
        period: rulePeriod.currentIndex > 0 ? rulePeriod.currentText : ""
        values: ruleValues.text
        step: ruleStep.text
        badge: ruleBadge.text
        title: ruleTitle.text
        onFinished: function(succeeded) {
            ruleError.ok = succeeded
            ruleError.text = succeeded ? "Saved rule #" + saveRule.rule.id : saveRule.error
            if (succeeded) { page.editingRule = null; rules.refresh() }
        }
    }

    // Saves the level curve and tiers, then shows them as saved (SaveSettingsTask).
    SaveSettingsTask {
        id: saveSettings
        api: page.api
        xpMetric: xpMetricField.text
        levelStep: levelStepField.text
        significantRankMove: rankMoveField.text
        tiers: tiersField.text
        onFinished: function(succeeded) {
            settingsError.ok = succeeded
            settingsError.text = succeeded ? "Saved" : saveSettings.error
            if (succeeded) page.showSettings(saveSettings.settings)
        }
    }
    function editRule(r) {
        editingRule = r
        ruleMetric.text = r.metric
        ruleKind.currentIndex = kinds.indexOf(r.kind)
        rulePeriod.currentIndex = Math.max(0, ["", "day", "week", "month", "all"].indexOf(r.period || ""))
        ruleValues.text = (r.values || []).join(", ")
        ruleStep.text = r.step ? r.step : ""
        ruleBadge.text = r.badge || ""
        ruleTitle.text = r.title || ""
        ruleError.text = ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Rules & Badges"
            subtitle: "What is measured, when a milestone fires, how XP turns into levels and tiers, and which badges exist."
            Button { text: "Refresh"; flat: true; onClicked: { rules.refresh(); page.metrics.refresh(); page.badges.refresh(); page.loadSettings() } }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: 2
            columnSpacing: Style.gap
            rowSpacing: Style.gap

            // ---- milestone rules ----
            Card {
                title: "Milestone rules"
                subtitle: "Each fires once per person and period, in order. Switch one off to pause it."
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                Layout.rowSpan: 2
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: rules
                    spacing: 2
                    delegate: Rectangle {
                        id: ruleRow
                        required property var model
                        width: ListView.view.width
                        height: 42
                        radius: 6
                        color: page.editingRule && page.editingRule.id === model.id ? Style.panelHi : "transparent"
                        // This row's switch and delete (SwitchRuleTask).
                        SwitchRuleTask {
                            id: switchRule
                            api: page.api
                            ruleId: ruleRow.model.id
                            onFinished: function(succeeded) {
                                ruleError.ok = succeeded
                                const r = switchRule.rule
                                ruleError.text = !succeeded ? switchRule.error
                                               : switchRule.remove ? "Deleted rule #" + r.deleted : "Rule #" + r.id + (r.enabled ? " on" : " off")
                                rules.refresh()
                            }
                        }
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 8
                            Label { textFormat: Text.PlainText; text: "#" + ruleRow.model.id; color: Style.faint; font.pixelSize: Style.consoleSize.small; Layout.preferredWidth: 30 }
                            Label { textFormat: Text.PlainText; text: ruleRow.model.metric; color: Style.accent; font.pixelSize: Style.consoleSize.body; Layout.preferredWidth: 90; elide: Text.ElideRight }
                            Label { textFormat: Text.PlainText; text: ruleRow.model.kind + (ruleRow.model.period ? " · " + ruleRow.model.period : ""); color: Style.text; Layout.preferredWidth: 130 }
                            Label {
                                textFormat: Text.PlainText
                                text: (ruleRow.model.values && ruleRow.model.values.length ? ruleRow.model.values.join(", ") : "") + (ruleRow.model.step ? "every " + ruleRow.model.step : "")
                                      + (ruleRow.model.badge ? "  → " + ruleRow.model.badge : "")
                                color: Style.dim; elide: Text.ElideRight; Layout.fillWidth: true
                            }
                            Switch {
                                objectName: "ruleSwitch" + ruleRow.model.id
                                checked: ruleRow.model.enabled
                                enabled: !switchRule.running
                                onToggled: { switchRule.enabled = checked; switchRule.remove = false; switchRule.start() }
                            }
                            Button { text: "Edit"; flat: true; onClicked: page.editRule(ruleRow.model.row) }
                            Button {
                                objectName: "deleteRule" + ruleRow.model.id
                                text: "Delete"; flat: true; Material.foreground: Style.danger
                                enabled: !switchRule.running
                                onClicked: { switchRule.remove = true; switchRule.start() }
                            }
                        }
                    }
                }
                Rectangle { Layout.fillWidth: true; height: 1; color: Style.line }
                Label { textFormat: Text.PlainText; text: page.editingRule ? "Edit rule #" + page.editingRule.id : "Add a rule"; font.bold: true; color: Style.text }
                GridLayout {
                    columns: 4
                    Layout.fillWidth: true
                    FieldLabel { text: "Metric" }
                    FieldLabel { text: "Kind" }
                    FieldLabel { text: "Period" }
                    FieldLabel { text: "Badge (optional)" }
                    TextField { id: ruleMetric; objectName: "ruleMetric"; placeholderText: "revenue, or * for all"; Layout.fillWidth: true }
                    PlainCombo { id: ruleKind; objectName: "ruleKind"; model: page.kinds; Layout.fillWidth: true }
                    PlainCombo { id: rulePeriod; model: ["(default)", "day", "week", "month", "all"]; Layout.fillWidth: true }
                    TextField { id: ruleBadge; placeholderText: "badge key"; Layout.fillWidth: true }
                    FieldLabel { text: "Values"; Layout.columnSpan: 2 }
                    FieldLabel { text: "Step" }
                    FieldLabel { text: "Title (optional)" }
                    TextField { id: ruleValues; objectName: "ruleValues"; placeholderText: "10000, 25000, 50000"; Layout.fillWidth: true; Layout.columnSpan: 2 }
                    TextField { id: ruleStep; placeholderText: "e.g. 1000"; Layout.fillWidth: true }
                    TextField { id: ruleTitle; placeholderText: "shown on the wall"; Layout.fillWidth: true }
                }
                Label { textFormat: Text.PlainText; text: page.kindHelp[ruleKind.currentText] || ""; color: Style.dim; font.pixelSize: Style.consoleSize.small }
                ErrorText { id: ruleError; objectName: "ruleError" }
                RowLayout {
                    Button {
                        objectName: "saveRuleButton"
                        text: page.editingRule ? "Save rule" : "Add rule"
                        highlighted: true
                        enabled: !saveRule.running
                        onClicked: saveRule.start()
                    }
                    Button { text: "Clear"; flat: true; onClicked: { page.editingRule = null; ruleValues.text = ""; ruleStep.text = ""; ruleBadge.text = ""; ruleTitle.text = ""; ruleError.text = "" } }
                }
            }

            // ---- levels and tiers ----
            Card {
                title: "Levels & tiers"
                subtitle: "Level = XP ÷ step. A tier starts at a level."
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                GridLayout {
                    columns: 3
                    Layout.fillWidth: true
                    FieldLabel { text: "XP metric" }
                    FieldLabel { text: "XP per level" }
                    FieldLabel { text: "Big rank move" }
                    TextField { id: xpMetricField; Layout.fillWidth: true }
                    TextField { id: levelStepField; Layout.fillWidth: true }
                    TextField { id: rankMoveField; Layout.fillWidth: true }
                }
                FieldLabel { text: "Tiers (name:first level, …)" }
                TextField { id: tiersField; objectName: "tiersField"; placeholderText: "Bronze:1, Silver:5, Gold:10"; Layout.fillWidth: true }
                ErrorText { id: settingsError; objectName: "settingsError" }
                Button {
                    objectName: "saveSettingsButton"
                    text: "Save levels and tiers"
                    highlighted: true
                    enabled: !saveSettings.running
                    onClicked: saveSettings.start()
                }
            }

            // ---- metrics and badges ----
            Card {
                title: "Metrics & badges"
                subtitle: "Create or update by key."
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                TabBar {
                    id: catTabs
                    objectName: "catalogueTabs"
                    Layout.fillWidth: true
                    TabButton { text: "Badges (" + page.badges.count + ")" }
                    TabButton { text: "Metrics (" + page.metrics.count + ")" }
                }
                StackLayout {
                    currentIndex: catTabs.currentIndex
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ColumnLayout {
                        ListView {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: page.badges
                            delegate: ItemDelegate {
                                required property var model
                                width: ListView.view.width
                                height: 30
                                onClicked: { bKey.text = model.key; bName.text = model.name; bDesc.text = model.description || ""; bIcon.text = model.icon || ""; bRarity.currentIndex = Math.max(0, bRarity.model.indexOf(model.rarity)) }
                                contentItem: RowLayout {
                                    RarityChip { rarity: parent.parent.model.rarity || "common"; Layout.preferredWidth: 104 }
                                    Label { textFormat: Text.PlainText; text: parent.parent.model.name; color: Style.text; Layout.preferredWidth: 130; elide: Text.ElideRight }
                                    Label { textFormat: Text.PlainText; text: parent.parent.model.description || ""; color: Style.dim; font.pixelSize: Style.consoleSize.small; elide: Text.ElideRight; Layout.fillWidth: true }
                                }
                            }
                        }
                        RowLayout {
                            TextField { id: bKey; objectName: "badgeKey"; placeholderText: "key"; Layout.preferredWidth: 90 }
                            TextField { id: bName; objectName: "badgeName"; placeholderText: "name"; Layout.fillWidth: true }
                            TextField { id: bIcon; objectName: "badgeIcon"; placeholderText: "icon"; Layout.preferredWidth: 50 }
                            PlainCombo { id: bRarity; objectName: "badgeRarity"; model: Style.rarities; Layout.preferredWidth: 120 }
                        }
                        RowLayout {
                            TextField { id: bDesc; objectName: "badgeDescription"; placeholderText: "description"; Layout.fillWidth: true }
                            Button {
                                text: "Save badge"
                                objectName: "saveBadgeButton"
                                enabled: !saveBadge.running
                                onClicked: saveBadge.start()
                            }
                        }
                    }
                    ColumnLayout {
                        ListView {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: page.metrics
                            delegate: ItemDelegate {
                                required property var model
                                width: ListView.view.width
                                height: 30
                                onClicked: { mKey.text = model.key; mLabel.text = model.label; mUnit.currentIndex = Math.max(0, mUnit.model.indexOf(model.unit)); mAgg.currentIndex = Math.max(0, mAgg.model.indexOf(model.aggregation)) }
                                contentItem: RowLayout {
                                    Label { textFormat: Text.PlainText; text: parent.parent.model.key; color: Style.accent; Layout.preferredWidth: 110 }
                                    Label { textFormat: Text.PlainText; text: parent.parent.model.label; color: Style.text; Layout.fillWidth: true }
                                    Label { textFormat: Text.PlainText; text: parent.parent.model.unit + " · " + parent.parent.model.aggregation; color: Style.dim; font.pixelSize: Style.consoleSize.small }
                                }
                            }
                        }
                        RowLayout {
                            TextField { id: mKey; objectName: "metricKey"; placeholderText: "key"; Layout.preferredWidth: 90 }
                            TextField { id: mLabel; objectName: "metricLabel"; placeholderText: "label"; Layout.fillWidth: true }
                            PlainCombo { id: mUnit; model: ["count", "currency", "points", "percent"]; Layout.preferredWidth: 115 }
                            PlainCombo { id: mAgg; model: ["sum", "best", "latest"]; Layout.preferredWidth: 95 }
                            Button {
                                text: "Save"
                                objectName: "saveMetricButton"
                                enabled: !saveMetric.running
                                onClicked: saveMetric.start()
                            }
                        }
                    }
                }
                ErrorText { id: catError; objectName: "catalogueError" }
                SaveBadgeTask {
                    id: saveBadge
                    api: page.api
                    key: bKey.text
                    name: bName.text
                    description: bDesc.text
                    icon: bIcon.text
                    rarity: bRarity.currentText
                    onFinished: function(succeeded) {
                        catError.ok = succeeded
                        catError.text = succeeded ? "Saved badge " + saveBadge.badge.name : saveBadge.error
                        page.badges.refresh()
                    }
                }
                SaveMetricTask {
                    id: saveMetric
                    api: page.api
                    key: mKey.text
                    label: mLabel.text
                    unit: mUnit.currentText
                    aggregation: mAgg.currentText
                    onFinished: function(succeeded) {
                        catError.ok = succeeded
                        catError.text = succeeded ? "Saved metric " + saveMetric.metric.key : saveMetric.error
                        page.metrics.refresh()
                    }
                }
            }
        }
    }
}
