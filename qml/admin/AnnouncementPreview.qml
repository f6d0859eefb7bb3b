import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material

// How the wall will show an announcement, drawn in the wall's colours at a
// 16:9 scale: a ticker line along the bottom, or a full-screen news flash.
Rectangle {
    id: preview
    property string text
    property string kind: "ticker"
    property bool sound: false
    readonly property real s: width / 1920   // the wall's unit at this size

    implicitHeight: width * 9 / 16
    radius: 8
    clip: true
    gradient: Gradient {
        GradientStop { position: 0; color: "#0E1629" }
        GradientStop { position: 1; color: "#060A13" }
    }
    border.color: AdminTheme.line

    // A sketch of the wall behind: header, board rows, feed column.
    Column {
        x: 60 * preview.s; y: 50 * preview.s
        spacing: 18 * preview.s
        opacity: preview.kind === "flash" ? 0.15 : 0.5
        Label { textFormat: Text.PlainText; text: "Revenue Leaders"; font.pixelSize: Math.max(8, 56 * preview.s); font.bold: true; color: AdminTheme.text }
        Repeater {
            model: 6
            Rectangle { width: 1250 * preview.s; height: 92 * preview.s; radius: 12 * preview.s; color: "#111A2E" }
        }
    }
    Rectangle {
        x: 1380 * preview.s; y: 50 * preview.s; width: 480 * preview.s; height: 840 * preview.s
        radius: 14 * preview.s; color: "#111A2E"; opacity: preview.kind === "flash" ? 0.15 : 0.5
    }

    // Ticker
    Rectangle {
        visible: preview.kind === "ticker"
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 84 * preview.s
        color: "#0B1222"
        Rectangle { width: 200 * preview.s; height: parent.height; color: AdminTheme.accent
            Label { textFormat: Text.PlainText; anchors.centerIn: parent; text: "NEWS"; font.pixelSize: Math.max(7, 34 * preview.s); font.bold: true; color: "#060A13" } }
        Label {
            textFormat: Text.PlainText
            x: 230 * preview.s
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width - x - 20 * preview.s
            text: preview.text || "Your ticker line appears here"
            elide: Text.ElideRight
            font.pixelSize: Math.max(8, 38 * preview.s)
            color: preview.text ? AdminTheme.text : AdminTheme.faint
        }
    }

    // News flash
    Rectangle {
        visible: preview.kind === "flash"
        anchors.centerIn: parent
        width: parent.width * 0.8
        height: parent.height * 0.5
        radius: 24 * preview.s
        color: "#18233D"
        border.color: AdminTheme.accent
        border.width: Math.max(1, 4 * preview.s)
        ColumnLayout {
            anchors.centerIn: parent
            width: parent.width * 0.85
            spacing: 20 * preview.s
            Label { textFormat: Text.PlainText; text: "NEWS FLASH" + (preview.sound ? "  ♪" : ""); font.pixelSize: Math.max(8, 40 * preview.s); font.letterSpacing: 4 * preview.s; font.bold: true; color: AdminTheme.accent; Layout.alignment: Qt.AlignHCenter }
            Label {
                textFormat: Text.PlainText
                text: preview.text || "Your news flash appears here"
                font.pixelSize: Math.max(10, 84 * preview.s); font.bold: true
                color: preview.text ? AdminTheme.text : AdminTheme.faint
                wrapMode: Text.WordWrap; horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
        }
    }
}
