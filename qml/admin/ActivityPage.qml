import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style
import "Dates.js" as Dates

// Recording by hand: an activity (a negative amount is a correction), taking
// a wrong activity back out (void), XP and badges awarded by a manager.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel people
    required property JsonListModel metrics
    required property JsonListModel badges
    property var shared
    property string xpMetric: "xp"
    property var recent: []

    function personId(combo) {
        const p = people.get(combo.currentIndex)
        return p ? p.id : 0
    }
    // The last activities of the log, newest first (LoadRecentEventsTask).
    // Asked again while a load runs (a new activity was just recorded): load
    // once more after it, so the list shows that activity.
    function loadRecent() { if (!recentActivity.start()) recentActivity.again = true }
    LoadRecentEventsTask {
        id: recentActivity
        property bool again: false
        api: page.api
        rooms: "activity:feed"
        event: "activity:new"
        window: 400
        onFinished: function(succeeded) {
            if (succeeded) page.recent = recentActivity.events.slice(-14).reverse()
            if (recentActivity.again) { recentActivity.again = false; recentActivity.start() }
        }
    }
    Component.onCompleted: {
        api.get("/api/settings", function(s, r) { if (s === 200 && r.xpMetric) page.xpMetric = r.xpMetric })
        loadRecent()
    }

    component PersonPicker: ModelCombo {
        model: page.people
        textRole: "name"
        Layout.fillWidth: true
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Activity"
            subtitle: "Record what happened, correct what was wrong, and reward by hand. Every entry runs the same rules as an integration's."
            Button { text: "Refresh"; flat: true; onClicked: page.loadRecent() }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: 3
            columnSpacing: Style.gap
            rowSpacing: Style.gap

            Card {
                title: "Record activity"
                subtitle: "A negative amount is a correction (e.g. a refund of -500)."
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                FieldLabel { text: "Person" }
                PersonPicker { id: actPerson; objectName: "activityPerson" }
                FieldLabel { text: "Metric" }
                ModelCombo { id: actMetric; preferred: "revenue"; objectName: "activityMetric"; model: page.metrics; textRole: "label"; valueRole: "key"; Layout.fillWidth: true }
                FieldLabel { text: page.metrics.get(actMetric.currentIndex).aggregation === "sum" ? "Amount (added)" : "Value (" + (page.metrics.get(actMetric.currentIndex).aggregation || "best") + " counts)" }
                TextField { id: actAmount; objectName: "activityAmount"; placeholderText: "e.g. 2500 or -500"; Layout.fillWidth: true; inputMethodHints: Qt.ImhFormattedNumbersOnly }
                FieldLabel { text: "Idempotency key (optional)" }
                TextField { id: actKey; placeholderText: "e.g. crm-deal-881: a second send counts once"; Layout.fillWidth: true }
                ErrorText { id: actError; objectName: "activityError" }
                Button {
                    objectName: "recordButton"
                    text: "Record"
                    highlighted: true
                    Layout.fillWidth: true
                    enabled: !recordActivity.running
                    onClicked: {
                        // The person and metric picked now (the lists may have changed under the boxes).
                        const m = page.metrics.get(actMetric.currentIndex)
                        recordActivity.personId = page.personId(actPerson) || 0
                        recordActivity.metric = m.key || ""
                        recordActivity.aggregation = m.aggregation || ""
                        recordActivity.start()
                    }
                }
                RecordActivityTask {
                    id: recordActivity
                    api: page.api
                    amount: actAmount.text
                    key: actKey.text
                    onFinished: function(succeeded) {
                        actError.ok = succeeded
                        const r = recordActivity.activity
                        actError.text = succeeded ? "Recorded activity #" + r.id + " — " + (r.events ? r.events.length : 0) + " events (rank, milestones…)" : recordActivity.error
                        if (succeeded) page.loadRecent()
                    }
                }
                Item { Layout.fillHeight: true }
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: tips.implicitHeight + 20
                    radius: 8
                    color: Style.field
                    Label {
                        textFormat: Text.PlainText
                        id: tips
                        anchors { fill: parent; margins: 10 }
                        wrapMode: Text.WordWrap
                        color: Style.dim
                        font.pixelSize: Style.consoleSize.small
                        text: "Corrections\n• Wrong entry: Void it (right) — it leaves every total, board and contest.\n"
                              + "• Wrong amount: void it and record the right one, or record the difference (e.g. -500).\n"
                              + "• Sent twice by a system? Keys make a retry count once."
                    }
                }
            }

            Card {
                title: "Award XP"
                subtitle: "Adds to '" + page.xpMetric + "': levels and tiers follow."
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                FieldLabel { text: "Person" }
                PersonPicker { id: xpPerson }
                FieldLabel { text: "XP" }
                TextField { id: xpField; objectName: "xpAmount"; placeholderText: "e.g. 250"; Layout.fillWidth: true }
                ErrorText { id: xpError; objectName: "xpError" }
                Button {
                    objectName: "awardXpButton"
                    text: "Award XP"
                    highlighted: true
                    Layout.fillWidth: true
                    enabled: !awardXp.running
                    onClicked: {
                        awardXp.personId = page.personId(xpPerson) || 0
                        awardXp.start()
                    }
                }
                AwardXpTask {
                    id: awardXp
                    api: page.api
                    xpMetric: page.xpMetric
                    xpAmount: xpField.text
                    onFinished: function(succeeded) {
                        xpError.ok = succeeded
                        xpError.text = succeeded ? "Awarded " + awardXp.awarded + " XP" : awardXp.error
                        if (succeeded) page.loadRecent()
                    }
                }
                Item { height: 12 }
                Label { textFormat: Text.PlainText; text: "Award a badge"; font.bold: true; font.pixelSize: Style.consoleSize.heading; color: Style.text }
                FieldLabel { text: "Person" }
                PersonPicker { id: badgePerson }
                FieldLabel { text: "Badge" }
                ModelCombo {
                    id: badgeBox
                    model: page.badges
                    textRole: "name"
                    Layout.fillWidth: true
                }
                TextField { id: badgeReason; placeholderText: "Reason (shown to the person)"; Layout.fillWidth: true }
                ErrorText { id: badgeError }
                Button {
                    text: "Award badge"
                    Layout.fillWidth: true
                    enabled: !awardBadge.running
                    onClicked: {
                        const b = page.badges.get(badgeBox.currentIndex)
                        awardBadge.personId = page.personId(badgePerson) || 0
                        awardBadge.badge = b.key || ""
                        awardBadge.badgeName = b.name || ""
                        awardBadge.start()
                    }
                }
                AwardBadgeTask {
                    id: awardBadge
                    property string badgeName   // for the message: the badge as it was picked
                    api: page.api
                    reason: badgeReason.text
                    onFinished: function(succeeded) {
                        badgeError.ok = succeeded
                        badgeError.text = succeeded ? "Awarded " + awardBadge.badgeName : awardBadge.error
                    }
                }
                Item { Layout.fillHeight: true }
            }

            Card {
                title: "Recent activity"
                subtitle: "Void takes an activity back out of every total and board."
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1.3
                RowLayout {
                    TextField { id: voidId; objectName: "voidId"; placeholderText: "activity id"; Layout.fillWidth: true }
                    Button {
                        objectName: "voidButton"
                        text: "Void"
                        enabled: !voidTask.running
                        Material.background: Style.dangerSurface
                        onClicked: voidActivity(voidId.text)
                    }
                }
                ErrorText { id: voidError; objectName: "voidError" }
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.recent
                    spacing: 2
                    delegate: Rectangle {
                        required property var modelData
                        width: ListView.view.width
                        height: 44
                        radius: 6
                        color: Style.panelHi
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: 10
                            anchors.rightMargin: 4
                            Rectangle { width: 8; height: 8; radius: 4; color: parent.parent.modelData.data.color || Style.faint }
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                Label { textFormat: Text.PlainText; text: parent.parent.parent.modelData.data.name + "  " + parent.parent.parent.modelData.data.formatted + " " + parent.parent.parent.modelData.data.label; color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true }
                                Label { textFormat: Text.PlainText; text: "#" + parent.parent.parent.modelData.data.id + " · " + Dates.when(parent.parent.parent.modelData.at); color: Style.dim; font.pixelSize: Style.consoleSize.caption }
                            }
                            Button { text: "Void"; flat: true; enabled: !voidTask.running; Material.foreground: Style.danger; onClicked: voidActivity(String(parent.parent.modelData.data.id)) }
                        }
                    }
                }
            }
        }
    }

    // Takes the activity with this id (the form's text) back out (VoidActivityTask).
    function voidActivity(id) {
        if (voidTask.running) return   // the Void buttons are off meanwhile
        voidTask.activityId = id
        voidTask.start()
    }
    VoidActivityTask {
        id: voidTask
        api: page.api
        onFinished: function(succeeded) {
            voidError.ok = succeeded
            voidError.text = succeeded ? "Voided activity #" + voidTask.activityId + " (" + voidTask.activity.metric + ")" : voidTask.error
        }
    }
}
