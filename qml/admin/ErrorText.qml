import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.Style

// The server's message about what is wrong, shown where the manager typed.
// `ok` turns it into a confirmation instead.
Label {
    textFormat: Text.PlainText
    property bool ok: false
    visible: text.length > 0
    color: ok ? Style.success : Style.danger
    font.pixelSize: Style.consoleSize.note
    wrapMode: Text.WordWrap
    Layout.fillWidth: true
    text: ""
    leftPadding: 4
}
