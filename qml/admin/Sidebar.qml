import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.Style

// The console's navigation: one entry per page, with what it is for under
// its name, so a manager finds an action by reading, not by hunting.
Rectangle {
    id: bar
    property alias currentIndex: list.currentIndex
    property var pages: []
    property string serverText
    property bool online: false
    color: Style.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 14
        spacing: 10

        RowLayout {
            spacing: 10
            Rectangle {
                width: 36; height: 36; radius: 8
                color: Style.accent
                Label { textFormat: Text.PlainText; anchors.centerIn: parent; text: "P"; font.pixelSize: Style.consoleSize.title; font.bold: true; color: Style.bg }
            }
            ColumnLayout {
                spacing: 0
                Label { textFormat: Text.PlainText; text: "Podium"; font.pixelSize: Style.consoleSize.brand; font.bold: true; color: Style.text }
                Label { textFormat: Text.PlainText; text: "ADMIN CONSOLE"; font.pixelSize: Style.consoleSize.tiny; font.letterSpacing: 1.5; color: Style.accent }
            }
        }
        Item { height: 8 }

        ListView {
            id: list
            objectName: "sidebarList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: bar.pages
            spacing: 4
            interactive: false
            delegate: ItemDelegate {
                id: entry
                objectName: "nav_" + modelData.key
                required property var modelData
                required property int index
                width: ListView.view.width
                height: 58
                highlighted: ListView.isCurrentItem
                onClicked: list.currentIndex = index
                background: Rectangle {
                    radius: 8
                    color: entry.highlighted ? Style.panelHi : entry.hovered ? Style.panel : "transparent"
                    Rectangle {
                        visible: entry.highlighted
                        width: 4; radius: 2
                        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 10 }
                        color: Style.accent
                    }
                }
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        textFormat: Text.PlainText
                        text: entry.modelData.title
                        font.pixelSize: Style.consoleSize.name
                        font.bold: entry.highlighted
                        color: entry.highlighted ? Style.accent : Style.text
                        leftPadding: 8
                    }
                    Label {
                        textFormat: Text.PlainText
                        text: entry.modelData.hint
                        font.pixelSize: Style.consoleSize.caption
                        color: Style.dim
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        leftPadding: 8
                    }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            height: 54
            radius: 8
            color: Style.panel
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 8
                spacing: 2
                RowLayout {
                    Rectangle { width: 9; height: 9; radius: 5; color: bar.online ? Style.success : Style.danger }
                    Label { textFormat: Text.PlainText; text: bar.online ? "Connected" : "Server not answering"; font.pixelSize: Style.consoleSize.small; color: Style.text }
                }
                Label { textFormat: Text.PlainText; text: bar.serverText; font.pixelSize: Style.consoleSize.caption; color: Style.dim; elide: Text.ElideMiddle; Layout.fillWidth: true }
            }
        }
    }
}
