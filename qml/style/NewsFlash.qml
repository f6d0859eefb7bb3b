import QtQuick

// A news flash as the wall shows it: the wall dimmed behind a red band with
// NEWS FLASH over the message. Fills its parent; `u` is the wall's unit at
// this size. The wall's FlashOverlay fades it in and out and queues flashes;
// the console's preview shows it still.
Item {
    id: flash
    property string text
    property real u: Style.u
    property bool sound: false // marks a flash that plays a sound

    Rectangle {
        anchors.fill: parent
        color: Style.scrim
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        height: parent.height * 0.42
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0; color: Style.flashFrom }
            GradientStop { position: 1; color: Style.flashTo }
        }
        Text {
            textFormat: Text.PlainText
            id: label
            anchors.left: parent.left
            anchors.leftMargin: 80 * flash.u
            anchors.top: parent.top
            anchors.topMargin: 40 * flash.u
            text: "NEWS FLASH" + (flash.sound ? "  ♪" : "")
            color: Style.accentLight
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 10 * flash.u
            font.pixelSize: Style.tvSize.heading * flash.u
        }
        Text {
            textFormat: Text.PlainText
            objectName: "flashText"
            anchors.left: label.left
            anchors.right: parent.right
            anchors.rightMargin: 80 * flash.u
            anchors.top: label.bottom
            anchors.topMargin: 20 * flash.u
            text: flash.text
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
            color: Style.textOnColour
            font.family: Style.family
            font.bold: true
            font.pixelSize: Style.tvSize.display * flash.u
        }
    }
}
