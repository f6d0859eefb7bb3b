import QtQuick
import QtCharts
import Podium.Models
import Podium.Style

// This month's totals per team over time, one line per team in its colour.
Item {
    id: slide
    property alias stream: trend.stream
    property alias metric: trend.metric
    readonly property bool available: trend.count > 0

    // Redrawing a chart is costly (QtCharts paints it in software on the GUI
    // thread): draw only while the slide is on screen, at most once a second,
    // and catch up when it comes back.
    property bool stale: true
    TeamTrendModel {
        id: trend
        onPointsChanged: {
            slide.stale = true
            if (slide.visible && !rebuild.running)
                rebuild.start()
        }
    }
    Timer {
        id: rebuild
        interval: 1000
        onTriggered: slide.draw()
    }
    onVisibleChanged: if (visible && stale) draw()

    function draw() {
        stale = false
        chart.removeAllSeries()
        const scale = 1000 // currency in thousands: "$120K" on the axis
        for (let i = 0; i < trend.count; ++i) {
            const idx = trend.index(i, 0)
            const name = trend.data(idx, TeamTrendModel.NameRole)
            const color = trend.data(idx, TeamTrendModel.ColorRole)
            const points = trend.data(idx, TeamTrendModel.PointsRole)
            const series = chart.createSeries(ChartView.SeriesTypeLine, name, axisX, axisY)
            series.color = color
            series.width = 5 * Style.u
            for (let p = 0; p < points.length; ++p)
                series.append(points[p].x, points[p].y / scale)
            // Every line runs to "now", also a team that has not scored lately.
            if (points.length > 0)
                series.append(Math.max(Date.now(), trend.maxTime), points[points.length - 1].y / scale)
        }
        const from = trend.minTime > 0 ? trend.minTime - 30000 : Date.now() - 3600000
        const to = Math.max(Date.now(), trend.maxTime) + 15000
        axisX.format = to - from < 15 * 60000 ? "hh:mm:ss" : to - from < 36 * 3600000 ? "hh:mm" : "MMM d"
        axisX.min = new Date(from)
        axisX.max = new Date(to)
        axisY.max = Math.max(1, trend.maxValue / scale * 1.15)
        axisY.applyNiceNumbers()
    }

    ChartView {
        id: chart
        anchors.fill: parent
        antialiasing: true
        theme: ChartView.ChartThemeDark
        legend.alignment: Qt.AlignTop
        legend.font: Qt.font({ family: Style.family, pixelSize: 26 * Style.u, bold: true })
        legend.labelColor: Style.text
        margins { top: 0; bottom: 0; left: 0; right: 0 }
        // The dark theme paints its own grey panels; the wall's backdrop
        // should show through instead (set after the theme applies).
        Component.onCompleted: {
            backgroundColor = "transparent"
            plotAreaColor = Qt.rgba(1, 1, 1, 0.025)
        }

        DateTimeAxis {
            id: axisX
            format: "hh:mm"
            tickCount: 7
            labelsFont: Qt.font({ family: Style.family, pixelSize: 22 * Style.u })
            labelsColor: Style.dim
            gridLineColor: Style.line
            lineVisible: false
        }
        ValueAxis {
            id: axisY
            min: 0
            labelFormat: "$%.0fK"
            labelsFont: Qt.font({ family: Style.family, pixelSize: 22 * Style.u })
            labelsColor: Style.dim
            gridLineColor: Style.line
            lineVisible: false
        }
    }
}
