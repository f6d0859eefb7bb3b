import QtQuick
import Podium.Models
import Podium.Style

// Team totals as broad bars in each team's colour, leader first.
Item {
    id: slide
    property alias stream: board.stream
    property alias metric: board.metric
    property alias period: board.period
    readonly property bool available: board.count > 0

    LeaderboardModel {
        id: board
        scope: "teams"
        limit: 8
    }

    ListView {
        id: list
        anchors.fill: parent
        anchors.topMargin: 10 * Style.u
        interactive: false
        model: board
        spacing: 22 * Style.u
        readonly property real maxValue: board.count > 0 ? Math.max(1, board.get(0).value) : 1
        readonly property real rowHeight: Math.min(150 * Style.u, (height - spacing * 4) / Math.max(4, board.count))

        delegate: Item {
            id: cell
            required property int index
            required property int rank
            required property int previousRank
            required property string name
            required property string color
            required property real value
            required property string formatted
            width: list.width
            height: list.rowHeight

            Text {
                textFormat: Text.PlainText
                id: rankText
                anchors.verticalCenter: parent.verticalCenter
                width: 90 * Style.u
                text: cell.rank
                color: Style.medal(cell.rank)
                font.family: Style.family
                font.bold: true
                font.pixelSize: 64 * Style.u
            }
            Rectangle {
                id: track
                anchors.left: rankText.right
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                height: parent.height
                radius: 18 * Style.u
                color: Style.panel
                border.color: Style.line
                Rectangle {
                    height: parent.height
                    radius: parent.radius
                    width: Math.max(parent.height, parent.width * Math.min(1, cell.value / list.maxValue))
                    Behavior on width { NumberAnimation { duration: 1400; easing.type: Easing.OutCubic } }
                    gradient: Gradient {
                        orientation: Gradient.Horizontal
                        GradientStop { position: 0; color: Qt.rgba(Qt.color(cell.color).r, Qt.color(cell.color).g, Qt.color(cell.color).b, 0.25) }
                        GradientStop { position: 1; color: Qt.rgba(Qt.color(cell.color).r, Qt.color(cell.color).g, Qt.color(cell.color).b, 0.85) }
                    }
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "teamName"
                    anchors.left: parent.left
                    anchors.leftMargin: 36 * Style.u
                    anchors.verticalCenter: parent.verticalCenter
                    text: cell.name
                    color: Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 46 * Style.u
                    style: Text.Raised
                    styleColor: Style.shadowSoft
                }
                RankChange {
                    anchors.right: amount.left
                    anchors.rightMargin: 28 * Style.u
                    anchors.verticalCenter: parent.verticalCenter
                    rank: cell.rank
                    previousRank: cell.previousRank === 0 ? cell.rank : cell.previousRank
                    font.pixelSize: 28 * Style.u
                }
                TickingNumber {
                    id: amount
                    anchors.right: parent.right
                    anchors.rightMargin: 36 * Style.u
                    anchors.verticalCenter: parent.verticalCenter
                    value: cell.value
                    unit: board.unit
                    formatted: cell.formatted
                    font.pixelSize: 54 * Style.u
                    style: Text.Raised
                    styleColor: Style.shadowSoft
                }
            }
        }
        move: Transition { NumberAnimation { properties: "y"; duration: 900; easing.type: Easing.InOutCubic } }
        moveDisplaced: Transition { NumberAnimation { properties: "y"; duration: 900; easing.type: Easing.InOutCubic } }
    }
}
