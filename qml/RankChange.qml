import QtQuick

// ▲ 3 in green, ▼ 2 in red, NEW for a first appearance, nothing when steady.
Text {
    textFormat: Text.PlainText
    property int rank: 0
    property int previousRank: 0
    readonly property int places: previousRank > 0 ? previousRank - rank : 0

    text: previousRank === 0 ? "NEW" : places > 0 ? "▲" + places : places < 0 ? "▼" + (-places) : "–"
    color: previousRank === 0 ? Theme.accent : places > 0 ? Theme.up : places < 0 ? Theme.down : Theme.faint
    font.family: Theme.family
    font.bold: true
}
