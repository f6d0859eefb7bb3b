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
    function loadRecent() { recentActivity.start() }
    LoadRecentEventsTask {
        id: recentActivity
        api: page.api
        rooms: "activity:feed"
        event: "activity:new"
        window: 400
        onFinished: function(succeeded) { if (succeeded) page.recent = recentActivity.events.slice(-14).reverse() }
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
                    onClicked: {
                        const m = page.metrics.get(actMetric.currentIndex)
                        const n = Number(actAmount.text)
                        actError.ok = false
                        if (actAmount.text.trim() === "" || isNaN(n)) { actError.text = "the amount must be a number"; return }
                        const body = { person: page.personId(actPerson), metric: m.key, source: "admin" }
                        body[m.aggregation === "sum" ? "delta" : "value"] = n
                        if (actKey.text) body.key = actKey.text
                        page.api.post("/api/activities", body, function(s, r) {
                            actError.ok = s === 201 || s === 200
                            actError.text = actError.ok ? "Recorded activity #" + r.id + " — " + (r.events ? r.events.length : 0) + " events (rank, milestones…)" : page.api.errorText(s, r)
                            if (actError.ok) page.loadRecent()
                        })
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
                TextField { id: xpAmount; placeholderText: "e.g. 250"; Layout.fillWidth: true }
                ErrorText { id: xpError }
                Button {
                    text: "Award XP"
                    highlighted: true
                    Layout.fillWidth: true
                    onClicked: {
                        const n = Number(xpAmount.text)
                        xpError.ok = false
                        if (xpAmount.text.trim() === "" || isNaN(n)) { xpError.text = "XP must be a number"; return }
                        page.api.post("/api/activities", { person: page.personId(xpPerson), metric: page.xpMetric, delta: n, source: "admin" }, function(s, r) {
                            xpError.ok = s === 201
                            xpError.text = s === 201 ? "Awarded " + n + " XP" : page.api.errorText(s, r)
                            if (s === 201) page.loadRecent()
                        })
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
                    onClicked: {
                        const b = page.badges.get(badgeBox.currentIndex)
                        const body = { badge: b.key }
                        if (badgeReason.text) body.reason = badgeReason.text
                        page.api.post("/api/people/" + page.personId(badgePerson) + "/badges", body, function(s, r) {
                            badgeError.ok = s === 201
                            badgeError.text = s === 201 ? "Awarded " + b.name : page.api.errorText(s, r)
                        })
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
                        text: "Void"
                        Material.background: Style.dangerSurface
                        onClicked: voidActivity(voidId.text)
                    }
                }
                ErrorText { id: voidError }
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
                            Button { text: "Void"; flat: true; Material.foreground: Style.danger; onClicked: voidActivity(String(parent.parent.modelData.data.id)) }
                        }
                    }
                }
            }
        }
    }

    function voidActivity(id) {
        if (!/^[0-9]+$/.test(id)) { voidError.ok = false; voidError.text = "type the activity's id (a number)"; return }
        api.post("/api/activities/" + id + "/void", undefined, function(s, r) {
            voidError.ok = s === 200
            voidError.text = s === 200 ? "Voided activity #" + id + " (" + r.metric + ")" : api.errorText(s, r)
        })
    }
}
