import QtQuick
import Podium.Models
import Podium.Style

// One leaderboard: the top three on a podium, the rest in rows beside it.
// Rows move to their new place when ranks change (ListView move transitions,
// fed by the model's beginMoveRows) and values count up.
Item {
    id: slide
    property alias stream: board.stream
    property alias metric: board.metric
    property alias period: board.period
    property alias model: board
    readonly property bool available: board.count > 0

    LeaderboardModel {
        id: board
        limit: 10
    }

    Item {
        id: podium
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: parent.width * 0.44
        readonly property real spotWidth: (width - 48 * Style.u) / 3

        Repeater {
            model: board
            delegate: PodiumSpot {
                visible: index < 3
                // Slots left to right: 2nd, 1st, 3rd. A change of place slides.
                x: (index === 0 ? 1 : index === 1 ? 0 : 2) * (podium.spotWidth + 24 * Style.u)
                Behavior on x { NumberAnimation { duration: 900; easing.type: Easing.InOutCubic } }
                width: podium.spotWidth
                height: podium.height
                unit: board.unit
            }
        }
    }

    ListView {
        id: list
        objectName: "boardList"
        anchors.left: podium.right
        anchors.leftMargin: 32 * Style.u
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        interactive: false
        model: board
        spacing: 0
        readonly property real rowHeight: Math.min(96 * Style.u, height / 7)

        delegate: Item {
            id: cell
            required property int index
            required property int rank
            required property int previousRank
            required property string name
            required property string initials
            required property string color
            required property string teamColor
            required property string teamName
            required property real value
            required property real delta
            required property string formatted

            width: list.width
            // The podium shows the top three; their rows fold away here.
            height: index < 3 ? 0 : list.rowHeight
            visible: index >= 3
            Behavior on height { NumberAnimation { duration: 500 } }
            BoardRow {
                anchors.fill: parent
                anchors.bottomMargin: 12 * Style.u
                rank: cell.rank
                previousRank: cell.previousRank
                name: cell.name
                initials: cell.initials
                personColor: cell.color
                teamColor: cell.teamColor
                teamName: cell.teamName
                value: cell.value
                delta: cell.delta
                formatted: cell.formatted
                unit: board.unit
            }
        }
        move: Transition {
            NumberAnimation { properties: "y"; duration: 900; easing.type: Easing.InOutCubic }
        }
        moveDisplaced: Transition {
            NumberAnimation { properties: "y"; duration: 900; easing.type: Easing.InOutCubic }
        }
        displaced: Transition {
            NumberAnimation { properties: "y"; duration: 600; easing.type: Easing.OutCubic }
        }
        add: Transition {
            NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 600 }
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: board.count === 0
        text: "Waiting for the first scores…"
        color: Style.dim
        font.family: Style.family
        font.pixelSize: 40 * Style.u
    }
}
