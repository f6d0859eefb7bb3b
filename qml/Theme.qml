pragma Singleton
import QtQuick

// The wall's look in one place. Every size is in units of `u`: one unit is one
// pixel on a 1080-line screen, so the same layout is right at 1080p and 4K.
//
// Every Text on the wall sets textFormat: Text.PlainText. Names, team names,
// ticker lines, flashes and titles are typed by users, and Text's default
// (AutoText) renders markup and fetches the images an <img> names. Set on
// each Text rather than through a wrapper type, so the Text stays a Text for
// anchors and tools; tst_wallplaintext walks the rendered wall and fails on
// any Text that is not plain.
QtObject {
    property real u: 1

    readonly property color bg: "#060A13"
    readonly property color bgTop: "#0E1629"
    readonly property color panel: "#111A2E"
    readonly property color panelHi: "#18233D"
    readonly property color line: "#24314F"
    readonly property color text: "#F4F6FB"
    readonly property color dim: "#8E9BB8"
    readonly property color faint: "#56627E"
    readonly property color accent: "#FFC940"
    readonly property color up: "#2EE6A0"
    readonly property color down: "#FF5C7A"
    readonly property color live: "#2EE6A0"
    readonly property color connecting: "#FFB020"
    readonly property color offline: "#FF4D5E"

    readonly property string family: "DejaVu Sans"
    readonly property string condensed: "DejaVu Sans Condensed"

    function medal(rank) {
        return rank === 1 ? "#FFD34D" : rank === 2 ? "#CBD5E1" : rank === 3 ? "#E39A5B" : dim
    }

    function rarityColor(rarity) {
        switch (rarity) {
        case "legendary": return "#FFC52E"
        case "epic": return "#C05CFF"
        case "rare": return "#3DA9FF"
        default: return "#2EE6A0"
        }
    }

    // Achievement icons arrive as emoji, which no font Debian ships by default
    // renders; show a glyph DejaVu has instead of an empty box.
    function glyph(icon, type) {
        const map = { "💵": "$", "💰": "$", "💎": "◆", "👑": "♛", "🏆": "♛", "🔥": "✹", "⚡": "⚡",
                      "🎯": "◎", "🎖️": "✪", "🎖": "✪", "🏅": "✪", "⭐": "★", "🚀": "➜", "📈": "▲" }
        if (icon && map[icon] !== undefined)
            return map[icon]
        if (icon && icon.length > 0 && icon.codePointAt(0) < 0x1F000)
            return icon
        switch (type) {
        case "level": return "✪"
        case "rank": return "♛"
        case "streak": return "✹"
        case "contest": return "♛"
        default: return "★"
        }
    }
}
