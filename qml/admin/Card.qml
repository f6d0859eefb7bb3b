import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.Style

// A titled panel (Podium.Style's Panel). Children go into the column under the title.
Panel {
    id: card
    property string title
    property string subtitle
    default property alias content: body.data
    property alias actions: actionRow.data

    implicitHeight: body.implicitHeight + header.implicitHeight + 3 * Style.gap
    implicitWidth: 320

    RowLayout {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Style.gap }
        spacing: 8
        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Label {
                textFormat: Text.PlainText
                text: card.title
                font.pixelSize: Style.consoleSize.heading
                font.bold: true
                color: Style.text
            }
            Label {
                textFormat: Text.PlainText
                visible: card.subtitle.length > 0
                text: card.subtitle
                font.pixelSize: Style.consoleSize.small
                color: Style.dim
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        RowLayout { id: actionRow; spacing: 6 }
    }

    ColumnLayout {
        id: body
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; margins: Style.gap }
        spacing: 8
    }
}
