import QtQuick
import Podium.Models
import Podium.Style

// Live / Connecting / Offline, readable from across the room.
Rectangle {
    id: badge
    property int state: EventStream.Offline
    readonly property color tone: state === EventStream.Live ? Style.live
                                : state === EventStream.Connecting ? Style.connecting : Style.offline
    readonly property string label: state === EventStream.Live ? "LIVE"
                                  : state === EventStream.Connecting ? "CONNECTING" : "OFFLINE"

    objectName: "statusBadge"
    implicitWidth: row.implicitWidth + 36 * Style.u
    implicitHeight: 44 * Style.u
    radius: height / 2
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.14)
    border.color: Qt.rgba(tone.r, tone.g, tone.b, 0.55)
    border.width: Math.max(1, 2 * Style.u)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 12 * Style.u
        Rectangle {
            id: dot
            anchors.verticalCenter: parent.verticalCenter
            width: 14 * Style.u
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
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 2 * Style.u
            font.pixelSize: 22 * Style.u
        }
    }
}
