import QtQuick
import Podium.Models
import Podium.Style

// The top bar: the brand, what this slide shows, the time, the link state.
Item {
    id: header
    property string title
    property string subtitle
    property int streamState: EventStream.Offline
    property real progress: 0

    Row {
        id: brand
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        spacing: 16 * Style.u
        Rectangle {
            width: 56 * Style.u
            height: width
            radius: 14 * Style.u
            anchors.verticalCenter: parent.verticalCenter
            gradient: Gradient {
                GradientStop { position: 0; color: Style.accentLight }
                GradientStop { position: 1; color: Style.accentDeep }
            }
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: "♛"
                color: Style.textOnAccent
                font.pixelSize: 36 * Style.u
                font.family: Style.family
            }
        }
        Text {
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
            text: "PODIUM"
            color: Style.text
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 6 * Style.u
            font.pixelSize: 34 * Style.u
        }
    }

    Column {
        anchors.left: brand.right
        anchors.leftMargin: 56 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2 * Style.u
        Text {
            textFormat: Text.PlainText
            objectName: "slideTitle"
            text: header.title
            color: Style.text
            font.family: Style.family
            font.bold: true
            font.pixelSize: 38 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            text: header.subtitle
            visible: text.length > 0
            color: Style.accent
            font.family: Style.family
            font.letterSpacing: 3 * Style.u
            font.pixelSize: 18 * Style.u
        }
    }

    Row {
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: 28 * Style.u
        Text {
            textFormat: Text.PlainText
            id: clock
            anchors.verticalCenter: parent.verticalCenter
            color: Style.dim
            font.family: Style.family
            font.pixelSize: 32 * Style.u
            function update() { text = Qt.formatTime(new Date(), "hh:mm") }
            Component.onCompleted: update()
            Timer { interval: 5000; running: true; repeat: true; onTriggered: clock.update() }
        }
        StatusBadge {
            anchors.verticalCenter: parent.verticalCenter
            state: header.streamState
        }
    }

    // How long until the next slide: a thin gold line under the bar.
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.max(1, 3 * Style.u)
        color: Style.line
        Rectangle {
            height: parent.height
            width: parent.width * header.progress
            color: Style.accent
        }
    }
}
