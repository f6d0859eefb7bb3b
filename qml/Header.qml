import QtQuick
import Podium.Models

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
        spacing: 16 * Theme.u
        Rectangle {
            width: 56 * Theme.u
            height: width
            radius: 14 * Theme.u
            anchors.verticalCenter: parent.verticalCenter
            gradient: Gradient {
                GradientStop { position: 0; color: "#FFE08A" }
                GradientStop { position: 1; color: "#F59E0B" }
            }
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: "♛"
                color: "#1A1300"
                font.pixelSize: 36 * Theme.u
                font.family: Theme.family
            }
        }
        Text {
            textFormat: Text.PlainText
            anchors.verticalCenter: parent.verticalCenter
            text: "PODIUM"
            color: Theme.text
            font.family: Theme.family
            font.bold: true
            font.letterSpacing: 6 * Theme.u
            font.pixelSize: 34 * Theme.u
        }
    }

    Column {
        anchors.left: brand.right
        anchors.leftMargin: 56 * Theme.u
        anchors.verticalCenter: parent.verticalCenter
        spacing: 2 * Theme.u
        Text {
            textFormat: Text.PlainText
            objectName: "slideTitle"
            text: header.title
            color: Theme.text
            font.family: Theme.family
            font.bold: true
            font.pixelSize: 38 * Theme.u
        }
        Text {
            textFormat: Text.PlainText
            text: header.subtitle
            visible: text.length > 0
            color: Theme.accent
            font.family: Theme.family
            font.letterSpacing: 3 * Theme.u
            font.pixelSize: 18 * Theme.u
        }
    }

    Row {
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: 28 * Theme.u
        Text {
            textFormat: Text.PlainText
            id: clock
            anchors.verticalCenter: parent.verticalCenter
            color: Theme.dim
            font.family: Theme.family
            font.pixelSize: 32 * Theme.u
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
        height: Math.max(1, 3 * Theme.u)
        color: Theme.line
        Rectangle {
            height: parent.height
            width: parent.width * header.progress
            color: Theme.accent
        }
    }
}
