import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import QtCharts
import Podium.AdminModels
import Podium.Style
import "Dates.js" as Dates

// Who is connected right now (kick one), and three charts: connections over
// time (sampled while the console runs), events per minute (from the log) and
// metric totals by team (from the team leaderboard).
Item {
    id: page
    required property AdminApi api
    required property JsonListModel metrics
    property bool active: false
    property var samples: []          // [{t, n}] connections
    property int teamMetricIndex: -1

    JsonListModel {
        id: connections
        api: page.api
        path: "/api/connections"
        listKey: "connections"
        roles: ["id", "address", "identity", "person", "rooms", "connectedAt", "sent", "dropped", "received", "queuedBytes"]
        onRefreshed: page.sample()
    }

    function sample() {
        const now = Date.now()
        const next = samples.concat([{ t: now, n: connections.count }]).filter(function(p) { return now - p.t < 30 * 60 * 1000 })
        samples = next
        connSeries.clear()
        const t0 = next.length ? next[0].t : now
        let maxN = 1
        for (let i = 0; i < next.length; ++i) {
            connSeries.append((next[i].t - now) / 60000, next[i].n)
            maxN = Math.max(maxN, next[i].n)
        }
        connY.max = Math.ceil(maxN * 1.25) + 1
    }

    // Events per minute over the last 30 minutes, from the last 1000 events
    // of the log (LoadRecentEventsTask).
    function loadEventRate() { recentEvents.start() }
    LoadRecentEventsTask {
        id: recentEvents
        api: page.api
        window: 1000
        onFinished: function(succeeded) { if (succeeded) page.showEventRate(recentEvents.events) }
    }
    function showEventRate(events) {
        const now = Date.now()
        const buckets = []
        for (let i = 0; i < 30; ++i) buckets.push(0)
        for (let i = 0; i < events.length; ++i) {
            const age = Math.floor((now - new Date(events[i].at).getTime()) / 60000)
            if (age >= 0 && age < 30) buckets[29 - age]++
        }
        rateSeries.clear()
        let maxN = 1
        for (let i = 0; i < 30; ++i) { rateSeries.append(i - 29, buckets[i]); maxN = Math.max(maxN, buckets[i]) }
        rateY.max = Math.ceil(maxN * 1.2) + 1
    }

    function loadTeams() {
        if (metrics.count === 0)
            return
        if (teamMetricIndex < 0 || !metrics.get(teamMetricIndex).key)
            teamMetricIndex = Math.max(0, metrics.indexOf("revenue"))
        const m = metrics.get(teamMetricIndex)
        teamMetric.currentIndex = teamMetricIndex
        if (!m || !m.key) return
        api.get("/api/leaderboards/" + m.key + "?scope=teams&period=month", function(s, r) {
            if (s !== 200) return
            const names = [], values = []
            let maxV = 1
            for (let i = 0; i < r.entries.length && i < 8; ++i) {
                names.push(r.entries[i].teamName || r.entries[i].name)
                values.push(r.entries[i].value)
                maxV = Math.max(maxV, r.entries[i].value)
            }
            teamAxis.categories = names
            teamSet.values = values
            teamY.max = maxV * 1.15
        })
    }

    function refreshAll() { connections.refresh(); loadEventRate(); loadTeams() }
    Component.onCompleted: refreshAll()
    Connections { target: page.metrics; function onRefreshed() { page.loadTeams() } }
    Timer { interval: 5000; running: true; repeat: true; onTriggered: { connections.refresh(); if (page.active) page.loadEventRate() } }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Live"
            subtitle: "Every screen and browser connected to this server. Kicking closes the connection (code 4003); a wall reconnects by itself."
            Button { text: "Refresh"; flat: true; onClicked: page.refreshAll() }
        }

        Card {
            title: "Connections"
            subtitle: connections.count + " open" + (connections.error ? " · " + connections.error : "")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 2
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Repeater {
                    model: [["ID", 50], ["ADDRESS", 160], ["IDENTITY", 110], ["ROOMS", -1], ["CONNECTED SINCE", 140], ["SENT", 70], ["DROPPED", 80], ["", 80]]
                    FieldLabel { text: modelData[0]; Layout.preferredWidth: modelData[1]; Layout.fillWidth: modelData[1] < 0 }
                }
            }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: connections
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: conn
                    required property var model
                    required property int index
                    width: ListView.view.width
                    height: 36
                    color: index % 2 ? "transparent" : Style.stripe
                    RowLayout {
                        anchors.fill: parent
                        spacing: 8
                        Label { textFormat: Text.PlainText; text: conn.model.id; color: Style.faint; Layout.preferredWidth: 50 }
                        Label { textFormat: Text.PlainText; text: conn.model.address; color: Style.text; Layout.preferredWidth: 160; elide: Text.ElideMiddle }
                        Label { textFormat: Text.PlainText; text: conn.model.identity + (conn.model.person ? " #" + conn.model.person : ""); color: conn.model.identity === "admin" ? Style.accent : Style.text; Layout.preferredWidth: 110 }
                        Label { textFormat: Text.PlainText; text: (conn.model.rooms || []).join(", ") || "—"; color: Style.dim; elide: Text.ElideRight; Layout.fillWidth: true }
                        Label { textFormat: Text.PlainText; text: Dates.when(conn.model.connectedAt); color: Style.text; Layout.preferredWidth: 140 }
                        Label { textFormat: Text.PlainText; text: conn.model.sent; color: Style.text; Layout.preferredWidth: 70 }
                        Label { textFormat: Text.PlainText; text: conn.model.dropped; color: conn.model.dropped > 0 ? Style.danger : Style.text; Layout.preferredWidth: 80 }
                        Button {
                            text: "Kick"; flat: true; Layout.preferredWidth: 80
                            Material.foreground: Style.danger
                            enabled: !kick.running
                            onClicked: kick.start()
                            KickConnectionTask {
                                id: kick
                                api: page.api
                                connectionId: conn.model.id
                                onFinished: function(succeeded) {
                                    kickError.ok = succeeded
                                    kickError.text = succeeded ? "Kicked connection " + kick.kicked : kick.error
                                    connections.refresh()
                                }
                            }
                        }
                    }
                }
                Label { textFormat: Text.PlainText; anchors.centerIn: parent; visible: parent.count === 0; text: "No one is connected"; color: Style.faint }
            }
            ErrorText { id: kickError }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 3
            spacing: Style.gap

            component Chart: ChartView {
                Layout.fillWidth: true
                Layout.preferredWidth: 400
                Layout.fillHeight: true
                theme: ChartView.ChartThemeDark
                backgroundColor: Style.panel
                backgroundRoundness: Style.radius
                plotAreaColor: Style.panel
                titleColor: Style.text
                titleFont.pixelSize: Style.consoleSize.name
                titleFont.bold: true
                legend.visible: false
                antialiasing: true
                margins { left: 6; right: 10; top: 6; bottom: 6 }
            }

            Chart {
                title: "Connections (last 30 min)"
                ValueAxis { id: connX; min: -30; max: 0; labelFormat: "%d m"; labelsColor: Style.dim; gridLineColor: Style.line; tickCount: 7 }
                ValueAxis { id: connY; min: 0; max: 5; labelFormat: "%d"; labelsColor: Style.dim; gridLineColor: Style.line }
                LineSeries { id: connSeries; axisX: connX; axisY: connY; color: Style.success; width: 3; pointsVisible: true }
            }
            Chart {
                title: "Events per minute"
                ValueAxis { id: rateX; min: -29; max: 0; labelFormat: "%d m"; labelsColor: Style.dim; gridLineColor: Style.line; tickCount: 7 }
                ValueAxis { id: rateY; min: 0; max: 10; labelFormat: "%d"; labelsColor: Style.dim; gridLineColor: Style.line }
                AreaSeries {
                    axisX: rateX; axisY: rateY
                    color: Style.infoFill; borderColor: Style.info; borderWidth: 2
                    upperSeries: LineSeries { id: rateSeries }
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 400
                Layout.fillHeight: true
                spacing: 4
                ModelCombo {
                    id: teamMetric
                    currentIndex: page.teamMetricIndex
                    model: page.metrics
                    textRole: "label"
                    Layout.fillWidth: true
                    onActivated: function(i) { page.teamMetricIndex = i; page.loadTeams() }
                }
                Chart {
                    title: "Totals by team (this month)"
                    BarSeries {
                        axisX: BarCategoryAxis { id: teamAxis; labelsColor: Style.dim; gridLineColor: Style.line }
                        axisY: ValueAxis { id: teamY; min: 0; max: 10; labelFormat: "%.0f"; labelsColor: Style.dim; gridLineColor: Style.line }
                        BarSet { id: teamSet; label: "total"; color: Style.accent; borderColor: Style.accent }
                    }
                }
            }
        }
    }
}
