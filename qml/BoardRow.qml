import QtQuick
import "Fmt.js" as Fmt
import Podium.Style

// One row below the podium: rank, movement, avatar, name and team, value.
Panel {
    id: row
    property int rank
    property int previousRank
    property string name
    property string initials
    property color personColor
    property color teamColor
    property string teamName
    property real value
    property real delta
    property string formatted
    property string unit

    u: Style.u
    radius: 16 * Style.u
    border.width: Math.max(1, 1.5 * Style.u)

    // A short glow when the value changes, so the eye finds who just scored.
    Rectangle {
        id: glow
        anchors.fill: parent
        radius: parent.radius
        color: Style.accent
        opacity: 0
        NumberAnimation on opacity { id: flashAnim; running: false; from: 0.28; to: 0; duration: 1600; easing.type: Easing.OutCubic }
    }
    onValueChanged: flashAnim.restart()

    Rectangle {
        width: 6 * Style.u
        height: parent.height - 24 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        anchors.leftMargin: 10 * Style.u
        radius: width / 2
        color: row.teamColor
    }
    Text {
        textFormat: Text.PlainText
        id: rankText
        anchors.left: parent.left
        anchors.leftMargin: 28 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        width: 64 * Style.u
        text: row.rank
        color: Style.text
        font.family: Style.family
        font.bold: true
        font.pixelSize: 40 * Style.u
    }
    RankChange {
        id: change
        anchors.left: rankText.right
        anchors.verticalCenter: parent.verticalCenter
        width: 70 * Style.u
        rank: row.rank
        previousRank: row.previousRank
        font.pixelSize: 22 * Style.u
    }
    Avatar {
        id: face
        anchors.left: change.right
        anchors.verticalCenter: parent.verticalCenter
        size: 60 * Style.u
        initials: row.initials
        fill: row.personColor
        ring: row.teamColor
    }
    Column {
        anchors.left: face.right
        anchors.leftMargin: 20 * Style.u
        anchors.right: values.left
        anchors.rightMargin: 12 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        Text {
            textFormat: Text.PlainText
            objectName: "boardName"
            width: parent.width
            text: row.name
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 20 * Style.u
            color: Style.text
            font.family: Style.family
            font.bold: true
            font.pixelSize: 32 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            text: row.teamName
            visible: text.length > 0
            elide: Text.ElideRight
            color: Style.dim
            font.family: Style.family
            font.pixelSize: 20 * Style.u
        }
    }
    Column {
        id: values
        anchors.right: parent.right
        anchors.rightMargin: 26 * Style.u
        anchors.verticalCenter: parent.verticalCenter
        TickingNumber {
            anchors.right: parent.right
            value: row.value
            unit: row.unit
            formatted: row.formatted
            font.pixelSize: 36 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            anchors.right: parent.right
            visible: row.delta > 0
            text: "+" + Fmt.value(row.delta, row.unit)
            color: Style.up
            font.family: Style.family
            font.pixelSize: 20 * Style.u
        }
    }
}
