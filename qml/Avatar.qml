import QtQuick

// A person's initials on their colour, ringed in their team's colour.
Rectangle {
    id: avatar
    property string initials
    property color fill: "#3B82F6"
    property color ring: "transparent"
    property real size: 64 * Theme.u

    width: size
    height: size
    radius: size / 2
    color: ring
    Rectangle {
        anchors.centerIn: parent
        width: parent.width - (avatar.ring.a > 0 ? avatar.size * 0.12 : 0)
        height: width
        radius: width / 2
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.lighter(avatar.fill, 1.25) }
            GradientStop { position: 1; color: Qt.darker(avatar.fill, 1.35) }
        }
        border.color: Qt.rgba(1, 1, 1, 0.18)
        border.width: Math.max(1, avatar.size * 0.03)
        Text {
            textFormat: Text.PlainText
            anchors.centerIn: parent
            text: avatar.initials
            color: "white"
            font.family: Theme.family
            font.bold: true
            font.pixelSize: avatar.size * 0.38
        }
    }
}
