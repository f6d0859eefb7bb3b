import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style
import "Dates.js" as Dates

// The activity log: every event with its seq, filtered and paged.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel people
    required property JsonListModel metrics
    property string exportMessage

    ActivityLogModel { id: log; objectName: "logModel"; api: page.api; pageSize: 50 }
    CsvExport { id: exporter }
    Component.onCompleted: log.latest()

    function applyFilters() {
        const p = personFilter.currentIndex > 0 ? page.people.get(personFilter.currentIndex - 1) : null
        log.person = p ? p.id : 0
        const m = metricFilter.currentIndex > 0 ? page.metrics.get(metricFilter.currentIndex - 1) : null
        log.metric = m ? m.key : ""
        log.event = eventFilter.text.trim()
        log.from = fromFilter.text ? new Date(fromFilter.text) : new Date(NaN)
        log.to = toFilter.text ? new Date(toFilter.text) : new Date(NaN)
        log.reload(0)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Log"
            subtitle: "Every event Podium published, oldest first within a page. Filter, page through, export what you see."
            Button { text: "Newest"; flat: true; onClicked: log.latest() }
        }

        Card {
            title: "Filters"
            Layout.fillWidth: true
            RowLayout {
                Layout.fillWidth: true
                spacing: 10
                ColumnLayout { FieldLabel { text: "Person" }
                    PlainCombo { id: personFilter; Layout.preferredWidth: 200
                        model: ["Anyone"].concat(page.people.rows.map(function(p) { return p.name })) } }
                ColumnLayout { FieldLabel { text: "Metric" }
                    PlainCombo { id: metricFilter; Layout.preferredWidth: 170
                        model: ["Any metric"].concat(page.metrics.rows.map(function(m) { return m.label })) } }
                ColumnLayout { FieldLabel { text: "Event contains" }
                    TextField { id: eventFilter; objectName: "eventFilter"; placeholderText: "activity, milestone, level…"; Layout.preferredWidth: 200; onAccepted: page.applyFilters() } }
                ColumnLayout { FieldLabel { text: "From (ISO time)" }
                    TextField { id: fromFilter; placeholderText: "2026-11-01T00:00:00Z"; Layout.preferredWidth: 190 } }
                ColumnLayout { FieldLabel { text: "To" }
                    TextField { id: toFilter; placeholderText: "2026-11-30T23:59:59Z"; Layout.preferredWidth: 190 } }
                Item { Layout.fillWidth: true }
                Button { text: "Apply"; highlighted: true; Layout.alignment: Qt.AlignBottom; onClicked: page.applyFilters() }
                Button {
                    text: "Clear"; flat: true; Layout.alignment: Qt.AlignBottom
                    onClicked: { personFilter.currentIndex = 0; metricFilter.currentIndex = 0; eventFilter.text = ""; fromFilter.text = ""; toFilter.text = ""; page.applyFilters() }
                }
            }
        }

        Card {
            title: "Events"
            subtitle: "Page " + log.page + " · " + log.count + " shown" + (log.loading ? " · loading…" : "") + (log.error ? " · " + log.error : "")
            Layout.fillWidth: true
            Layout.fillHeight: true
            actions: [
                Button { text: "‹ Previous"; enabled: log.hasPrevious; onClicked: log.previous() },
                Button { text: "Next ›"; enabled: log.hasNext; onClicked: log.next() }
            ]
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                FieldLabel { text: "Seq"; Layout.preferredWidth: 70 }
                FieldLabel { text: "Time"; Layout.preferredWidth: 130 }
                FieldLabel { text: "Event"; Layout.preferredWidth: 190 }
                FieldLabel { text: "Room"; Layout.preferredWidth: 150 }
                FieldLabel { text: "What happened"; Layout.fillWidth: true }
            }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: log
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: ev
                    required property var model
                    required property int index
                    width: ListView.view.width
                    height: 30
                    color: index % 2 ? "transparent" : Style.stripe
                    RowLayout {
                        anchors.fill: parent
                        spacing: 8
                        Label { textFormat: Text.PlainText; text: ev.model.seq; color: Style.faint; Layout.preferredWidth: 70 }
                        Label { textFormat: Text.PlainText; text: Dates.when(ev.model.at); color: Style.dim; Layout.preferredWidth: 130 }
                        Label { textFormat: Text.PlainText; text: ev.model.event; color: ev.model.event === "activity:new" ? Style.success : ev.model.event.indexOf("achievement") === 0 || ev.model.event.indexOf("milestone") === 0 ? Style.accent : Style.text; Layout.preferredWidth: 190; elide: Text.ElideRight }
                        Label { textFormat: Text.PlainText; text: ev.model.room; color: Style.dim; Layout.preferredWidth: 150; elide: Text.ElideRight }
                        Label { textFormat: Text.PlainText; text: ev.model.summary; color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true }
                    }
                }
                Label { textFormat: Text.PlainText; anchors.centerIn: parent; visible: parent.count === 0 && !log.loading; text: "No events match"; color: Style.faint }
            }
            RowLayout {
                Layout.fillWidth: true
                FieldLabel { text: "Export this page as CSV to" }
                TextField { id: exportPath; text: "/tmp/podium-log.csv"; Layout.fillWidth: true }
                Button {
                    text: "Export CSV"
                    onClicked: {
                        const err = exporter.save("file://" + exportPath.text, exporter.events(log.rows))
                        exportError.ok = err === ""
                        exportError.text = err === "" ? "Saved " + log.count + " events to " + exportPath.text : err
                    }
                }
            }
            ErrorText { id: exportError }
        }
    }
}
