import QtQuick

// A badge's rarity as a chip: a dot and the rarity's name on a tint of its
// colour. `u` scales it (the wall passes its u, the console 1).
Rectangle {
    id: chip
    property string rarity: "common"
    property string text: rarity.toUpperCase()
    property real u: 1
    readonly property color tone: Style.rarityColor(rarity)

    implicitWidth: row.implicitWidth + 14 * u
    implicitHeight: Math.round(Math.max(label.implicitHeight, dot.height) + 6 * u)
    radius: height / 2
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.16)
    border.color: Qt.rgba(tone.r, tone.g, tone.b, 0.55)
    border.width: Math.max(1, u)

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 5 * chip.u
        Rectangle {
            id: dot
            anchors.verticalCenter: parent.verticalCenter
            width: 7 * chip.u
            height: width
            radius: width / 2
            color: chip.tone
        }
        Text {
            textFormat: Text.PlainText
            id: label
            objectName: "rarityChipText"
            anchors.verticalCenter: parent.verticalCenter
            text: chip.text
            color: chip.tone
            font.family: Style.family
            font.bold: true
            font.letterSpacing: chip.u
            font.pixelSize: Style.consoleSize.tiny * chip.u
        }
    }
}
