import QtQuick

// The background of a card or panel: a raised surface with a hairline edge.
// `u` scales the radius and the edge (the wall passes its u, the console 1).
Rectangle {
    property real u: 1
    property bool raised: false // the highlighted or hovered panel of a set

    color: raised ? Style.panelHi : Style.panel
    radius: Style.radius * u
    border.color: Style.line
    border.width: Math.max(1, u)
}
