import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style
import "Dates.js" as Dates

// Contests: the list on the left, the chosen one's live standings and
// controls in the middle, a form to create or schedule one on the right.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel metrics
    property var current: null

    JsonListModel {
        id: contests
        api: page.api
        path: "/api/contests"
        listKey: "contests"
        roles: ["id", "name", "metric", "mode", "startsAt", "endsAt", "state", "remainingSeconds", "standings", "placements", "payout"]
        onRefreshed: {
            if (page.current) {
                const i = indexOf(page.current.id)
                page.current = i >= 0 ? get(i) : null
            } else if (count > 0) {
                page.current = get(0)
            }
        }
    }
    Component.onCompleted: contests.refresh()
    Timer { interval: 5000; running: page.visible; repeat: true; onTriggered: contests.refresh() }

    // Starts or ends the chosen contest now (ContestActionTask).
    function act(verb) {
        contestAction.action = verb
        contestAction.start()
    }
    ContestActionTask {
        id: contestAction
        api: page.api
        contestId: page.current ? page.current.id : 0
        onFinished: function(succeeded) {
            controlError.ok = succeeded
            const r = contestAction.contest
            controlError.text = succeeded ? r.name + " is " + r.state : contestAction.error
            contests.refresh()
        }
    }
    RecordPayoutTask {
        id: recordPayout
        api: page.api
        contestId: page.current ? page.current.id : 0
        place: payPlace.value
        amount: payAmount.text
        note: payNote.text
        onFinished: function(succeeded) {
            payError.ok = succeeded
            payError.text = succeeded ? "Payout recorded" : recordPayout.error
            contests.refresh()
        }
    }
    function remaining(sec) {
        if (sec === undefined || sec === null || sec <= 0) return ""
        if (sec < 60) return Math.round(sec) + "s"
        const d = Math.floor(sec / 86400), h = Math.floor(sec % 86400 / 3600), m = Math.floor(sec % 3600 / 60)
        return (d > 0 ? d + "d " : "") + h + "h " + m + "m"
    }
    function isoIn(hours) {
        const d = new Date(Date.now() + hours * 3600 * 1000)
        d.setSeconds(0, 0)
        return d.toISOString().replace(".000Z", "Z")
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Contests"
            subtitle: "Contests start and end by themselves at their times; start or end one early here. Placements become achievements when it ends."
            Button { text: "Refresh"; flat: true; onClicked: contests.refresh() }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.gap

            Card {
                title: "All contests"
                subtitle: contests.count + " · click one for standings and controls"
                Layout.preferredWidth: 360
                Layout.fillHeight: true
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 4
                    model: contests
                    delegate: ItemDelegate {
                        id: cRow
                        required property var model
                        width: ListView.view.width
                        height: 62
                        highlighted: page.current && page.current.id === model.id
                        onClicked: page.current = model.row
                        background: Rectangle { radius: 6; color: cRow.highlighted ? Style.panelHi : "transparent"; border.color: Style.line }
                        contentItem: ColumnLayout {
                            spacing: 2
                            RowLayout {
                                Label { textFormat: Text.PlainText; text: cRow.model.name; font.pixelSize: Style.consoleSize.name; font.bold: true; color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true }
                                Label { textFormat: Text.PlainText; text: cRow.model.state.toUpperCase(); font.pixelSize: Style.consoleSize.caption; font.bold: true; color: Style.contestStateColor(cRow.model.state) }
                            }
                            Label {
                                textFormat: Text.PlainText
                                text: cRow.model.metric + " · " + cRow.model.mode + " · " + Dates.when(cRow.model.startsAt) + " → " + Dates.when(cRow.model.endsAt)
                                font.pixelSize: Style.consoleSize.small; color: Style.dim; elide: Text.ElideRight; Layout.fillWidth: true
                            }
                        }
                    }
                }
            }

            Card {
                title: page.current ? page.current.name : "No contest yet"
                subtitle: page.current ? (page.current.state === "live" ? "LIVE · ends in " + page.remaining(page.current.remainingSeconds)
                                          : page.current.state === "scheduled" ? "Scheduled · starts " + Dates.when(page.current.startsAt)
                                          : "Ended " + Dates.when(page.current.endsAt)) : "Create one with the form on the right."
                Layout.fillWidth: true
                Layout.fillHeight: true
                actions: [
                    Button { objectName: "startContestButton"; text: "Start now"; enabled: page.current && page.current.state === "scheduled" && !contestAction.running; highlighted: true; onClicked: page.act("start") },
                    Button { objectName: "endContestButton"; text: "End now"; enabled: page.current && page.current.state === "live" && !contestAction.running; onClicked: page.act("end") }
                ]
                ErrorText { id: controlError; objectName: "contestControlError" }
                FieldLabel { text: "Standings" }
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.current ? (page.current.standings || []) : []
                    delegate: RowLayout {
                        required property var modelData
                        required property int index
                        width: ListView.view.width
                        height: 36
                        Label { textFormat: Text.PlainText; text: modelData.rank || (index + 1); font.bold: true; font.pixelSize: Style.consoleSize.figure; color: (modelData.rank || index + 1) <= 3 ? Style.accent : Style.dim; Layout.preferredWidth: 34 }
                        Rectangle { width: 10; height: 10; radius: 5; color: modelData.color || Style.faint }
                        Label { textFormat: Text.PlainText; text: modelData.name || modelData.teamName || ("#" + (modelData.person || modelData.team)); color: Style.text; font.pixelSize: Style.consoleSize.name; Layout.fillWidth: true }
                        Label { textFormat: Text.PlainText; text: modelData.formatted || modelData.value; color: Style.text; font.pixelSize: Style.consoleSize.name }
                    }
                    Label { textFormat: Text.PlainText; anchors.centerIn: parent; visible: parent.count === 0; text: "No entries yet"; color: Style.faint }
                }
                Rectangle { Layout.fillWidth: true; height: 1; color: Style.line }
                FieldLabel { text: "Record payout (after the end)" }
                RowLayout {
                    Layout.fillWidth: true
                    Label { textFormat: Text.PlainText; text: "Place"; color: Style.dim }
                    SpinBox { id: payPlace; from: 1; to: 10; value: 1; Layout.preferredWidth: 130 }
                    TextField { id: payAmount; objectName: "payoutAmount"; placeholderText: "amount, e.g. 500"; Layout.fillWidth: true }
                }
                RowLayout {
                    Layout.fillWidth: true
                    TextField { id: payNote; objectName: "payoutNote"; placeholderText: "note, e.g. gift card"; Layout.fillWidth: true }
                    Button {
                        objectName: "recordPayoutButton"
                        text: "Record payout"
                        enabled: page.current !== null && !recordPayout.running
                        onClicked: recordPayout.start()
                    }
                }
                ErrorText { id: payError; objectName: "payoutError" }
                Label {
                    textFormat: Text.PlainText
                    visible: page.current && page.current.payout && JSON.stringify(page.current.payout) !== "null" && JSON.stringify(page.current.payout) !== "[]"
                    text: page.current ? "Paid: " + JSON.stringify(page.current.payout) : ""
                    color: Style.dim; font.pixelSize: Style.consoleSize.small; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true
                }
            }

            Card {
                title: "Create or schedule"
                subtitle: "Times are ISO 8601 (UTC). A start in the future schedules it."
                Layout.preferredWidth: 360
                Layout.fillHeight: true
                FieldLabel { text: "Name" }
                TextField { id: cName; objectName: "contestName"; placeholderText: "November Blitz"; Layout.fillWidth: true }
                FieldLabel { text: "Metric" }
                ModelCombo { id: cMetric; preferred: "revenue"; model: page.metrics; textRole: "label"; valueRole: "key"; Layout.fillWidth: true }
                FieldLabel { text: "Who competes" }
                RowLayout {
                    RadioButton { id: cIndividuals; text: "Individuals"; checked: true }
                    RadioButton { text: "Teams" }
                }
                FieldLabel { text: "Starts at" }
                RowLayout {
                    TextField { id: cStart; text: page.isoIn(0); Layout.fillWidth: true }
                    Button { text: "Now"; flat: true; onClicked: cStart.text = page.isoIn(0) }
                }
                FieldLabel { text: "Ends at" }
                RowLayout {
                    TextField { id: cEnd; objectName: "contestEnd"; text: page.isoIn(24); Layout.fillWidth: true }
                    Button { text: "+1d"; flat: true; onClicked: cEnd.text = page.isoIn(24) }
                    Button { text: "+1w"; flat: true; onClicked: cEnd.text = page.isoIn(24 * 7) }
                }
                FieldLabel { text: "Prizes (one per line, 1st first)" }
                TextArea { id: cPrizes; placeholderText: "$500 gift card\nTeam lunch"; Layout.fillWidth: true; Layout.preferredHeight: 70 }
                ErrorText { id: createError; objectName: "createContestError" }
                CreateContestTask {
                    id: createContest
                    api: page.api
                    name: cName.text
                    metric: cMetric.currentValue !== undefined ? cMetric.currentValue : ""
                    mode: cIndividuals.checked ? "individuals" : "teams"
                    startsAt: cStart.text
                    endsAt: cEnd.text
                    prizes: cPrizes.text
                    onFinished: function(succeeded) {
                        createError.ok = succeeded
                        const contest = createContest.contest
                        createError.text = succeeded ? "Created " + contest.name + " (" + contest.state + ")" : createContest.error
                        if (succeeded) { page.current = contest; contests.refresh() }
                    }
                }
                Button {
                    objectName: "createContestButton"
                    text: "Create contest"
                    highlighted: true
                    Layout.fillWidth: true
                    enabled: !createContest.running
                    onClicked: createContest.start()
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
