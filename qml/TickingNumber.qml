import QtQuick
import "Fmt.js" as Fmt
import Podium.Style

// A value that counts up (or down) to its new figure instead of jumping, and
// ends on the server's own text.
Text {
    textFormat: Text.PlainText
    id: number
    property real value: 0
    property string unit: "count"
    property string formatted
    property real shown: value
    readonly property bool ticking: Math.abs(shown - value) > 1e-6

    Behavior on shown {
        NumberAnimation { duration: 1400; easing.type: Easing.OutCubic }
    }
    text: ticking ? Fmt.tick(shown, value, unit) : formatted.length === 0 ? Fmt.value(value, unit) : formatted
    font.family: Style.family
    font.bold: true
    color: Style.text
}
