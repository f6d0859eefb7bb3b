import QtQuick
import Podium.Models
import Podium.Style

// The right-hand column: what just happened, newest on top.
Rectangle {
    id: column
    property alias stream: feed.stream

    radius: 22 * Style.u
    color: Qt.rgba(1, 1, 1, 0.025)
    border.color: Style.line
    border.width: Math.max(1, 1.5 * Style.u)

    FeedModel {
        id: feed
        capacity: 30
    }

    Text {
        textFormat: Text.PlainText
        id: heading
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: 26 * Style.u
        text: "LATEST"
        color: Style.dim
        font.family: Style.family
        font.bold: true
        font.letterSpacing: 6 * Style.u
        font.pixelSize: 22 * Style.u
    }

    ListView {
        id: list
        anchors.top: heading.bottom
        anchors.topMargin: 18 * Style.u
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 18 * Style.u
        clip: true
        interactive: false
        spacing: 12 * Style.u
        model: feed
        delegate: Item {
            id: item
            required property string kind
            required property string title
            required property string detail
            required property string initials
            required property string color
            required property string icon
            required property string rarity
            readonly property bool special: kind !== "activity"
            readonly property color tone: special ? Style.rarityColor(rarity) : Style.line
            width: ListView.view.width
            height: (special ? 112 : 84) * Style.u

            Rectangle {
                anchors.fill: parent
                radius: 14 * Style.u
                color: item.special ? Qt.rgba(item.tone.r, item.tone.g, item.tone.b, 0.12) : Style.panel
                border.color: item.special ? Qt.rgba(item.tone.r, item.tone.g, item.tone.b, 0.6) : Style.line
                border.width: Math.max(1, 1.5 * Style.u)
            }
            Avatar {
                id: face
                visible: !item.special
                anchors.left: parent.left
                anchors.leftMargin: 14 * Style.u
                anchors.verticalCenter: parent.verticalCenter
                size: 52 * Style.u
                initials: item.initials
                fill: item.color || Style.avatarFallback
            }
            Rectangle {
                visible: item.special
                anchors.left: parent.left
                anchors.leftMargin: 14 * Style.u
                anchors.verticalCenter: parent.verticalCenter
                width: 64 * Style.u
                height: width
                radius: width / 2
                color: Qt.rgba(item.tone.r, item.tone.g, item.tone.b, 0.25)
                border.color: item.tone
                border.width: Math.max(1, 2 * Style.u)
                Text {
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    text: Style.glyph(item.icon, "")
                    color: item.tone
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 32 * Style.u
                }
            }
            Column {
                anchors.left: parent.left
                anchors.leftMargin: (item.special ? 94 : 82) * Style.u
                anchors.right: parent.right
                anchors.rightMargin: 14 * Style.u
                anchors.verticalCenter: parent.verticalCenter
                spacing: 2 * Style.u
                Text {
                    textFormat: Text.PlainText
                    objectName: "feedTitle"
                    width: parent.width
                    text: item.title
                    elide: Text.ElideRight
                    color: Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: (item.special ? 26 : 24) * Style.u
                }
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: item.detail
                    elide: Text.ElideRight
                    maximumLineCount: item.special ? 2 : 1
                    wrapMode: Text.WordWrap
                    color: item.special ? Style.dim : Style.up
                    font.family: Style.family
                    font.pixelSize: 20 * Style.u
                }
            }
        }
        add: Transition {
            ParallelAnimation {
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 500 }
                NumberAnimation { property: "x"; from: 80 * Style.u; to: 0; duration: 500; easing.type: Easing.OutCubic }
            }
        }
        addDisplaced: Transition { NumberAnimation { properties: "y"; duration: 500; easing.type: Easing.OutCubic } }
    }

    Text {
        textFormat: Text.PlainText
        anchors.centerIn: parent
        visible: feed.count === 0
        text: "Sales, milestones and badges\nshow up here as they happen"
        horizontalAlignment: Text.AlignHCenter
        color: Style.faint
        font.family: Style.family
        font.pixelSize: 22 * Style.u
    }
}
