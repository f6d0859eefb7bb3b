import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material

RowLayout {
    property string title
    property string subtitle
    default property alias tools: toolRow.data
    spacing: 12
    ColumnLayout {
        spacing: 2
        Layout.fillWidth: true
        Label { textFormat: Text.PlainText; text: parent.parent.title; font.pixelSize: 26; font.bold: true; color: AdminTheme.text }
        Label { textFormat: Text.PlainText; text: parent.parent.subtitle; font.pixelSize: 13; color: AdminTheme.dim; wrapMode: Text.WordWrap; Layout.fillWidth: true }
    }
    RowLayout { id: toolRow; spacing: 8 }
}
