import QtQuick

// A person's initials on their colour, ringed in their team's colour.
// `fill` and `ring` are data from the server; `size` is in pixels.
Rectangle {
    id: avatar
    property string initials
    property color fill: Style.avatarFallback
    property color ring: "transparent"
    property real size: 64 * Style.u

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
            objectName: "avatarInitials"
            anchors.centerIn: parent
            text: avatar.initials
            color: Style.textOnColour
            font.family: Style.family
            font.bold: true
            font.pixelSize: avatar.size * 0.38
        }
    }
}
