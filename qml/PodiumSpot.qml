import QtQuick
import Podium.Style

// One of the three places on the podium: the person above a pedestal in
// medal colours, the winner's pedestal tallest.
Item {
    id: spot
    // Filled from the leaderboard model's roles (the spot is a delegate).
    required property int index
    required property int rank
    required property string name
    required property string initials
    required property string color
    required property string teamColor
    required property string teamName
    required property real value
    required property string formatted
    property string unit
    readonly property int place: index + 1 // 1, 2 or 3: its slot follows the row
    readonly property color personColor: color

    readonly property real pedestal: (place === 1 ? 250 : place === 2 ? 185 : 140) * Style.u
    readonly property color medal: Style.medal(place)

    Rectangle {
        id: block
        anchors.bottom: parent.bottom
        width: parent.width
        height: spot.pedestal
        radius: 14 * Style.u
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.rgba(spot.medal.r, spot.medal.g, spot.medal.b, 0.55) }
            GradientStop { position: 0.08; color: Qt.rgba(spot.medal.r, spot.medal.g, spot.medal.b, 0.22) }
            GradientStop { position: 1; color: Qt.rgba(spot.medal.r, spot.medal.g, spot.medal.b, 0.03) }
        }
        border.color: Qt.rgba(spot.medal.r, spot.medal.g, spot.medal.b, 0.6)
        border.width: Math.max(1, 2 * Style.u)
        Behavior on height { NumberAnimation { duration: 700; easing.type: Easing.OutCubic } }
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.top
            anchors.topMargin: 10 * Style.u
            text: spot.rank
            color: spot.medal
            font.family: Style.family
            font.bold: true
            font.pixelSize: (spot.place === 1 ? 120 : 92) * Style.u
        }
    }

    Column {
        anchors.bottom: block.top
        anchors.bottomMargin: 18 * Style.u
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width
        spacing: 6 * Style.u
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            visible: spot.place === 1
            text: "♛"
            color: Style.medal(1)
            font.pixelSize: 54 * Style.u
            font.family: Style.family
        }
        Avatar {
            anchors.horizontalCenter: parent.horizontalCenter
            size: (spot.place === 1 ? 150 : 118) * Style.u
            initials: spot.initials
            fill: spot.personColor
            ring: spot.medal
        }
        Item { width: 1; height: 6 * Style.u }
        Text {
            textFormat: Text.PlainText
            objectName: "podiumName"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: spot.name
            // Whole names, shrunk to fit rather than cut.
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 18 * Style.u
            color: Style.text
            font.family: Style.family
            font.bold: true
            font.pixelSize: (spot.place === 1 ? 38 : 32) * Style.u
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: spot.teamName
            color: spot.teamColor
            font.family: Style.family
            font.pixelSize: 22 * Style.u
            elide: Text.ElideRight
        }
        TickingNumber {
            anchors.horizontalCenter: parent.horizontalCenter
            value: spot.value
            unit: spot.unit
            formatted: spot.formatted
            color: spot.place === 1 ? Style.accent : Style.text
            font.pixelSize: (spot.place === 1 ? 60 : 48) * Style.u
        }
    }
}
