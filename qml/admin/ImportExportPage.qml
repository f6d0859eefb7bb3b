import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// CSV in and out. An import is checked line by line against the server's
// people and metrics and previewed; nothing is sent until "Import".
Item {
    id: page
    required property AdminApi api
    required property JsonListModel metrics
    property var shared

    CsvImport { id: importer; objectName: "csvImport"; api: page.api; kind: peopleRadio.checked ? "people" : "activities"
        onCommitted: if (page.shared) page.shared.refreshShared() }
    CsvExport { id: exporter }

    readonly property string peopleExample: "name,team,color,email,externalId\nMia Park,Red,#FF5C7A,mia@example.com,CRM-101\nLeo Grant,Blue,,,CRM-102"
    readonly property string activitiesExample: "person,metric,amount,at,key\nCRM-101,revenue,2500,2026-11-20T10:00:00Z,deal-881\nMia Park,signups,3,,su-17"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Import / Export"
            subtitle: "Bring people and activity in from a spreadsheet; take leaderboards and the log out."
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.gap

            Card {
                title: "1 · CSV to import"
                subtitle: "Paste the file, or give its path. The first line names the columns."
                Layout.preferredWidth: 330
                Layout.fillHeight: true
                RowLayout {
                    RadioButton { id: activitiesRadio; text: "Activities"; checked: true }
                    RadioButton { id: peopleRadio; objectName: "importPeople"; text: "People" }
                }
                Label {
                    textFormat: Text.PlainText
                    text: peopleRadio.checked ? "Columns: name, team (required) · color, email, externalId"
                                              : "Columns: person, metric, amount (required) · at, key, source\nperson = id, externalId, e-mail or name"
                    color: Style.dim; font.pixelSize: Style.consoleSize.small; wrapMode: Text.WordWrap; Layout.fillWidth: true
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        id: csvText
                        objectName: "csvText"
                        font.family: Style.mono
                        font.pixelSize: Style.consoleSize.note
                        placeholderText: peopleRadio.checked ? page.peopleExample : page.activitiesExample
                        wrapMode: TextEdit.NoWrap
                        background: Rectangle { color: Style.field; radius: 6; border.color: Style.line }
                    }
                }
                RowLayout {
                    TextField { id: filePath; placeholderText: "/path/to/file.csv"; Layout.fillWidth: true }
                    Button { text: "Load file"; onClicked: importer.loadFile("file://" + filePath.text) }
                }
                RowLayout {
                    Button { objectName: "checkButton"; text: "Check lines"; highlighted: true; Layout.fillWidth: true; onClicked: importer.load(csvText.text) }
                    Button { text: "Example"; flat: true; onClicked: csvText.text = peopleRadio.checked ? page.peopleExample : page.activitiesExample }
                }
            }

            Card {
                title: "2 · Preview"
                subtitle: importer.preview.length === 0 ? "Check the lines to see what would be imported."
                          : importer.validCount + " ready · " + importer.errorCount + " with errors (skipped)"
                Layout.fillWidth: true
                Layout.fillHeight: true
                actions: Button {
                    objectName: "importButton"
                    text: "Import " + importer.validCount + " lines"
                    highlighted: true
                    enabled: importer.validCount > 0 && !importer.busy && importer.report === ""
                    onClicked: importer.commit()
                }
                RowLayout {
                    Layout.fillWidth: true
                    FieldLabel { text: "Line"; Layout.preferredWidth: 44 }
                    Repeater { model: importer.columns; FieldLabel { text: modelData; elide: Text.ElideRight; Layout.fillWidth: true; Layout.preferredWidth: 60 } }
                    FieldLabel { text: "Status"; Layout.preferredWidth: 230 }
                }
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: importer.preview
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Rectangle {
                        id: line
                        required property var modelData
                        width: ListView.view.width
                        height: 30
                        color: modelData.ok ? "transparent" : Style.dangerSurfaceFaint
                        RowLayout {
                            anchors.fill: parent
                            Label { textFormat: Text.PlainText; text: line.modelData.line; color: Style.faint; Layout.preferredWidth: 44 }
                            Repeater { model: importer.columns.length
                                Label { textFormat: Text.PlainText; text: line.modelData.cells[index] !== undefined ? line.modelData.cells[index] : ""; color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true; Layout.preferredWidth: 60 } }
                            Label { textFormat: Text.PlainText; text: line.modelData.ok ? "✓ ready" : "✗ " + line.modelData.message; color: line.modelData.ok ? Style.success : Style.danger; elide: Text.ElideRight; Layout.preferredWidth: 230 }
                        }
                    }
                }
                FieldLabel { visible: importer.errorCount > 0; text: "Errors — these lines will not be imported" }
                Repeater {
                    model: importer.errors   // every problem, in full (header problems have no preview line)
                    ErrorText { text: modelData.text }
                }
                ErrorText { objectName: "importReport"; text: importer.report; ok: importer.commitErrors.length === 0 }
                Repeater { model: importer.commitErrors; ErrorText { text: modelData.text } }
            }

            Card {
                title: "Export"
                subtitle: "CSV files a spreadsheet opens."
                Layout.preferredWidth: 270
                Layout.fillHeight: true
                FieldLabel { text: "Leaderboard" }
                ModelCombo { id: exMetric; preferred: "revenue"; model: page.metrics; textRole: "label"; Layout.fillWidth: true }
                RowLayout {
                    PlainCombo { id: exPeriod; model: ["day", "week", "month", "all"]; currentIndex: 2; Layout.fillWidth: true }
                    PlainCombo { id: exScope; model: ["people", "teams"]; Layout.fillWidth: true }
                }
                TextField { id: boardPath; text: "/tmp/podium-leaderboard.csv"; Layout.fillWidth: true }
                Button {
                    text: "Export leaderboard"
                    Layout.fillWidth: true
                    onClicked: {
                        const m = page.metrics.get(exMetric.currentIndex)
                        page.api.get("/api/leaderboards/" + m.key + "?period=" + exPeriod.currentText + "&scope=" + exScope.currentText + "&limit=1000", function(s, r) {
                            if (s !== 200) { boardError.ok = false; boardError.text = page.api.errorText(s, r); return }
                            const err = exporter.save("file://" + boardPath.text, exporter.leaderboard(r))
                            boardError.ok = err === ""
                            boardError.text = err === "" ? "Saved " + r.entries.length + " rows to " + boardPath.text : err
                        })
                    }
                }
                ErrorText { id: boardError }
                Item { height: 10 }
                FieldLabel { text: "Activity log" }
                Label { textFormat: Text.PlainText; text: "Filter and page on the Log page, then export from there — or everything here:"; color: Style.dim; font.pixelSize: Style.consoleSize.small; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                TextField { id: logPath; text: "/tmp/podium-activity.csv"; Layout.fillWidth: true }
                Button {
                    text: "Export last 1000 activities"
                    Layout.fillWidth: true
                    enabled: !lastActivities.running
                    onClicked: lastActivities.start()
                }
                // The last activities of the log, for the export above.
                LoadRecentEventsTask {
                    id: lastActivities
                    api: page.api
                    rooms: "activity:feed"
                    event: "activity:new"
                    window: 5000
                    onFinished: function(succeeded) {
                        if (!succeeded) { logError.ok = false; logError.text = lastActivities.error; return }
                        const rows = lastActivities.events
                        const err = exporter.save("file://" + logPath.text, exporter.events(rows))
                        logError.ok = err === ""
                        logError.text = err === "" ? "Saved " + rows.length + " activities to " + logPath.text : err
                    }
                }
                ErrorText { id: logError }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
