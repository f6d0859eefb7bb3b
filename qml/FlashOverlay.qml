import QtQuick
import Podium.Style

// A news flash: full screen for a few seconds, then the wall comes back.
// Flashes that arrive during another flash or a celebration wait their turn.
// What it looks like is Podium.Style's NewsFlash.
NewsFlash {
    id: flash
    property bool blocked: false // a celebration is on screen
    property var waiting: []
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
}
