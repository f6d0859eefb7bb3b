import QtQuick
import "Fmt.js" as Fmt
import Podium.Models
import Podium.Style

// "Live now": who is mid-session right now, with their running figures.
Item {
    id: strip
    property alias stream: sessions.stream
    readonly property alias count: sessions.count

    LiveSessionsModel { id: sessions }

    Rectangle {
        id: label
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        width: 190 * Style.u
        height: parent.height
        radius: 16 * Style.u
        color: Qt.rgba(0.18, 0.9, 0.63, 0.12)
        border.color: Qt.rgba(0.18, 0.9, 0.63, 0.5)
        Column {
            anchors.centerIn: parent
            Text {
                textFormat: Text.PlainText
                anchors.horizontalCenter: parent.horizontalCenter
                text: "● LIVE NOW"
                color: Style.live
                font.family: Style.family
                font.bold: true
                font.letterSpacing: 2 * Style.u
                font.pixelSize: 22 * Style.u
            }
            Text {
                textFormat: Text.PlainText
                anchors.horizontalCenter: parent.horizontalCenter
                text: sessions.count === 1 ? "1 session" : sessions.count + " sessions"
                color: Style.dim
                font.family: Style.family
                font.pixelSize: 18 * Style.u
            }
        }
    }

    ListView {
        anchors.left: label.right
        anchors.leftMargin: 18 * Style.u
        anchors.right: parent.right
        height: parent.height
        orientation: ListView.Horizontal
        interactive: false
        spacing: 16 * Style.u
        clip: true
        model: sessions
        delegate: Item {
            id: card
            required property string name
            required property string initials
            required property string color
            required property string kind
            required property string title
            required property var wpm
            required property var accuracy
            required property var score
            required property var progress
            width: 420 * Style.u
            height: ListView.view.height
            Panel {
                anchors.fill: parent
                u: Style.u
                radius: 16 * Style.u
                border.width: 1
            }
            Avatar {
                id: face
                anchors.left: parent.left
                anchors.leftMargin: 16 * Style.u
                anchors.verticalCenter: parent.verticalCenter
                size: 58 * Style.u
                initials: card.initials
                fill: card.color
            }
            Column {
                anchors.left: face.right
                anchors.leftMargin: 16 * Style.u
                anchors.right: parent.right
                anchors.rightMargin: 16 * Style.u
                anchors.verticalCenter: parent.verticalCenter
                spacing: 4 * Style.u
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    text: card.name
                    elide: Text.ElideRight
                    color: Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 26 * Style.u
                }
                Text {
                    textFormat: Text.PlainText
                    width: parent.width
                    elide: Text.ElideRight
                    text: {
                        const parts = []
                        if (card.wpm !== undefined) parts.push(Math.round(card.wpm) + " wpm")
                        if (card.accuracy !== undefined) parts.push(Fmt.value(card.accuracy, "percent"))
                        if (card.score !== undefined) parts.push(Fmt.value(card.score, "points"))
                        return parts.length ? parts.join("  ·  ") : (card.title || card.kind)
                    }
                    color: Style.live
                    font.family: Style.family
                    font.pixelSize: 22 * Style.u
                }
                Rectangle {
                    width: parent.width
                    height: 6 * Style.u
                    radius: height / 2
                    color: Style.line
                    visible: card.progress !== undefined
                    Rectangle {
                        height: parent.height
                        radius: parent.radius
                        width: parent.width * Math.min(1, Math.max(0, (card.progress || 0) > 1 ? card.progress / 100 : (card.progress || 0)))
                        color: Style.live
                        Behavior on width { NumberAnimation { duration: 600 } }
                    }
                }
            }
        }
        add: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 500 } }
        displaced: Transition { NumberAnimation { properties: "x"; duration: 500; easing.type: Easing.OutCubic } }
    }

    Text {
        textFormat: Text.PlainText
        anchors.left: label.right
        anchors.leftMargin: 28 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        visible: sessions.count === 0
        text: "Nobody is mid-session right now"
        color: Style.faint
        font.family: Style.family
        font.pixelSize: 24 * Style.u
    }
}
