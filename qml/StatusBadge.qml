import QtQuick
import Podium.Models

// Live / Connecting / Offline, readable from across the room.
Rectangle {
    id: badge
    property int state: EventStream.Offline
    readonly property color tone: state === EventStream.Live ? Theme.live
                                : state === EventStream.Connecting ? Theme.connecting : Theme.offline
    readonly property string label: state === EventStream.Live ? "LIVE"
                                  : state === EventStream.Connecting ? "CONNECTING" : "OFFLINE"

    objectName: "statusBadge"
    implicitWidth: row.implicitWidth + 36 * Theme.u
    implicitHeight: 44 * Theme.u
    radius: height / 2
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.14)
    border.color: Qt.rgba(tone.r, tone.g, tone.b, 0.55)
    border.width: Math.max(1, 2 * Theme.u)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 12 * Theme.u
        Rectangle {
            id: dot
            anchors.verticalCenter: parent.verticalCenter
            width: 14 * Theme.u
            height: width
            radius: width / 2
            color: badge.tone
            SequentialAnimation on opacity {
                running: badge.state !== EventStream.Offline
                loops: Animation.Infinite
                NumberAnimation { to: 0.25; duration: 900; easing.type: Easing.InOutSine }
                NumberAnimation { to: 1; duration: 900; easing.type: Easing.InOutSine }
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "statusText"
            text: badge.label
            color: badge.tone
            font.family: Theme.family
            font.bold: true
            font.letterSpacing: 2 * Theme.u
            font.pixelSize: 22 * Theme.u
        }
    }
}
