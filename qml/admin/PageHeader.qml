import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.Style

RowLayout {
    property string title
    property string subtitle
    default property alias tools: toolRow.data
    spacing: 12
    ColumnLayout {
        spacing: 2
        Layout.fillWidth: true
        Label { textFormat: Text.PlainText; text: parent.parent.title; font.pixelSize: Style.consoleSize.page; font.bold: true; color: Style.text }
        Label { textFormat: Text.PlainText; text: parent.parent.subtitle; font.pixelSize: Style.consoleSize.note; color: Style.dim; wrapMode: Text.WordWrap; Layout.fillWidth: true }
    }
    RowLayout { id: toolRow; spacing: 8 }
}
