import QtQuick

// A news flash: full screen for a few seconds, then the wall comes back.
// Flashes that arrive during another flash or a celebration wait their turn.
Item {
    id: flash
    property bool blocked: false // a celebration is on screen
    property var waiting: []
    property string text
    readonly property bool busy: opacity > 0 || waiting.length > 0

    objectName: "flashOverlay"
    opacity: 0
    visible: opacity > 0.001

    function show(message) {
        waiting = waiting.concat([message])
        next()
    }
    function next() {
        if (blocked || run.running || waiting.length === 0)
            return
        text = waiting[0]
        waiting = waiting.slice(1)
        run.start()
    }
    onBlockedChanged: next()

    SequentialAnimation {
        id: run
        NumberAnimation { target: flash; property: "opacity"; to: 1; duration: 400 }
        PauseAnimation { duration: 8000 }
        NumberAnimation { target: flash; property: "opacity"; to: 0; duration: 400 }
        ScriptAction { script: flash.next() }
    }

    Rectangle {
        anchors.fill: parent
        color: "#F2060A13"
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        height: parent.height * 0.42
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: "#B91C3C" }
            GradientStop { position: 1; color: "#7C1230" }
        }
        Text {
            textFormat: Text.PlainText
            id: label
            anchors.left: parent.left
            anchors.leftMargin: 80 * Theme.u
            anchors.top: parent.top
            anchors.topMargin: 40 * Theme.u
            text: "NEWS FLASH"
            color: "#FFE08A"
            font.family: Theme.family
            font.bold: true
            font.letterSpacing: 10 * Theme.u
            font.pixelSize: 40 * Theme.u
        }
        Text {
            textFormat: Text.PlainText
            objectName: "flashText"
            anchors.left: label.left
            anchors.right: parent.right
            anchors.rightMargin: 80 * Theme.u
            anchors.top: label.bottom
            anchors.topMargin: 20 * Theme.u
            text: flash.text
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
            color: "white"
            font.family: Theme.family
            font.bold: true
            font.pixelSize: 84 * Theme.u
        }
    }
}
