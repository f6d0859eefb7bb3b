import QtQuick
import QtQuick.Controls.Material
import Podium.Style

// How the wall will show an announcement, at a 16:9 scale: the wall's own
// ticker bar (NewsTicker) along the bottom, or its own news flash (NewsFlash)
// over the whole screen, both from Podium.Style, over a sketch of the wall's
// layout. The ticker holds still here so the line can be read while typing,
// and is drawn a third larger than on the wall: at the wall's own size its
// line would be under 11 px in this window.
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
        GradientStop { position: 0; color: Style.bgTop }
        GradientStop { position: 0.45; color: Style.bg }
        GradientStop { position: 1; color: Style.bgDeep }
    }
    border.color: Style.line

    // The wall behind, in its proportions: header, board rows, feed column,
    // live strip, ticker.
    Item {
        id: frame
        anchors.fill: parent
        anchors.margins: 36 * preview.s

        Label {
            textFormat: Text.PlainText
            x: 72 * preview.s
            height: 100 * preview.s
            verticalAlignment: Text.AlignVCenter
            text: "Revenue Leaders"
            font.family: Style.family
            font.pixelSize: Math.max(8, Style.tvSize.title * preview.s)
            font.bold: true
            color: Style.text
            opacity: 0.5
        }
        Column {
            y: 136 * preview.s
            width: parent.width - 472 * preview.s
            spacing: 14 * preview.s
            opacity: 0.5
            Repeater {
                model: 6
                Panel { width: parent.width; height: 88 * preview.s; u: preview.s }
            }
        }
        Panel {
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.topMargin: 130 * preview.s
            anchors.bottom: live.top
            anchors.bottomMargin: 26 * preview.s
            width: 440 * preview.s
            u: preview.s
            radius: 14 * preview.s
            opacity: 0.5
        }
        Panel {
            id: live
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: ticker.top
            anchors.bottomMargin: 22 * preview.s
            height: 96 * preview.s
            u: preview.s
            opacity: 0.5
        }
        NewsTicker {
            id: ticker
            objectName: "previewTicker"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 62 * u
            radius: 12 * u
            u: preview.s * 4 / 3
            crawling: false
            text: preview.text || "Your ticker line appears here"
            textColor: preview.text ? Style.text : Style.faint
            opacity: preview.kind === "ticker" ? 1 : 0.5
        }
    }

    NewsFlash {
        objectName: "previewFlash"
        anchors.fill: parent
        visible: preview.kind === "flash"
        u: preview.s
        sound: preview.sound
        text: preview.text || "Your news flash appears here"
    }
}
