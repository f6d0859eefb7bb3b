import QtQuick

// ▲ 3 in green, ▼ 2 in red, NEW for a first appearance, – when steady.
Text {
    textFormat: Text.PlainText
    property int rank: 0
    property int previousRank: 0
    readonly property int places: previousRank > 0 ? previousRank - rank : 0

    text: previousRank === 0 ? "NEW" : places > 0 ? "▲" + places : places < 0 ? "▼" + (-places) : "–"
    color: previousRank === 0 ? Style.accent : places > 0 ? Style.up : places < 0 ? Style.down : Style.faint
    font.family: Style.family
    font.bold: true
}
