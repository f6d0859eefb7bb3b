pragma Singleton
import QtQuick

// Podium's look in one place, for the TV wall and the admin console alike:
// the palette by role, the type scale, spacing and radii. Colours appear as
// literals only in this module; tst_qmlcolours fails on a hex colour
// anywhere else under qml/. A colour that is data (a person's or team's own
// colour from the server) stays data and is only defaulted from here.
//
// Sizes. The wall is read from about 3 m away on an office TV; every wall size
// is in units of `u`, one pixel on a 1080-line screen, so one layout is right
// at 1080p and at 4K (the wall binds `u` to its window). The console is a
// desktop window designed at 1440×900 and uses plain pixels.
//
// Every Text in this module sets textFormat: Text.PlainText: names, team
// names, ticker lines and flashes are typed by users, and the default
// (AutoText) renders markup and fetches the images an <img> names.
QtObject {
    // The wall's unit: window height / 1080 (set by the wall's Main.qml).
    property real u: 1

    // Surfaces, darkest first.
    readonly property color bgDeep: "#04070E"
    readonly property color bg: "#060A13"
    readonly property color sidebar: "#0A1120"
    readonly property color tickerBar: "#0A101E"
    readonly property color field: "#0C1426"
    readonly property color stripe: "#0D1528"     // every other row of a log
    readonly property color bgTop: "#0E1629"
    readonly property color panel: "#111A2E"
    readonly property color hover: "#141F36"
    readonly property color panelHi: "#18233D"
    readonly property color line: "#24314F"
    readonly property color scrim: "#F2060A13"    // the wall behind a full-screen flash
    readonly property color shadow: "#A0000000"
    readonly property color shadowSoft: "#80000000"

    // Text levels.
    readonly property color text: "#F4F6FB"
    readonly property color dim: "#8E9BB8"
    readonly property color faint: "#56627E"
    readonly property color textOnColour: "#FFFFFF"   // on a saturated fill (avatar, flash)
    readonly property color textOnAccent: "#1A1300"   // on the amber accent

    // Accent and states.
    readonly property color accent: "#FFC940"
    readonly property color accentLight: "#FFE08A"
    readonly property color accentDeep: "#F59E0B"
    readonly property color spark: "#FFE89A"
    readonly property color success: "#2EE6A0"
    readonly property color warning: "#FFB020"
    readonly property color danger: "#FF5C7A"
    readonly property color info: "#3DA9FF"
    readonly property color infoFill: "#553DA9FF"
    readonly property color dangerSurface: "#3A1D2A"      // a chip or button that warns
    readonly property color dangerSurfaceFaint: "#2A1422" // a failed row in a list
    readonly property color flashFrom: "#B91C3C"
    readonly property color flashTo: "#7C1230"
    // What changes mean on the wall.
    readonly property color up: success
    readonly property color down: danger
    readonly property color live: success
    readonly property color connecting: warning
    readonly property color offline: danger

    // People and teams: the colour a person gets when the server sends none,
    // and the colours the console offers for a person or a team.
    readonly property color avatarFallback: "#3B82F6"
    readonly property var identityColours: ["#FF5C7A", "#FFB020", "#FFC940", "#2EE6A0", "#3DA9FF", "#7C6CFF", "#C05CFF", "#FF7AD9"]

    // Medals for the top three.
    readonly property color gold: "#FFD34D"
    readonly property color silver: "#CBD5E1"
    readonly property color bronze: "#E39A5B"
    function medal(rank) {
        return rank === 1 ? gold : rank === 2 ? silver : rank === 3 ? bronze : dim
    }

    // Achievements and badges by rarity; anything unknown is common.
    readonly property var rarities: ["common", "rare", "epic", "legendary"]
    function rarityColor(rarity) {
        switch (rarity) {
        case "legendary": return "#FFC52E"
        case "epic": return "#C05CFF"
        case "rare": return "#3DA9FF"
        default: return "#2EE6A0"
        }
    }
    // Confetti for a celebration of that rarity.
    function celebrationColours(rarity) {
        switch (rarity) {
        case "legendary": return ["#FFD34D", "#FFC52E", "#FFF1B8", "#F59E0B", "#FFE08A"]
        case "epic": return ["#C05CFF", "#FF5C7A", "#FFD34D", "#8B5CF6", "#F0ABFC"]
        case "rare": return ["#3DA9FF", "#2EE6A0", "#FFFFFF", "#60A5FA", "#FFD34D"]
        default: return ["#2EE6A0", "#3DA9FF", "#FFD34D", "#FF5C7A", "#C05CFF"]
        }
    }

    // Type.
    readonly property string family: "DejaVu Sans"
    readonly property string condensed: "DejaVu Sans Condensed"
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
    // The wall's scale at 3 m, in wall units (multiply by u).
    readonly property QtObject tvSize: QtObject {
        readonly property real display: 84   // a flash, a celebration title
        readonly property real title: 56     // a slide's title
        readonly property real heading: 40   // ranks, tags over a flash
        readonly property real body: 30      // names, the ticker line
        readonly property real label: 26     // tags and chips
        readonly property real caption: 20   // team names, deltas: the smallest a TV shows
    }
    // The console's scale at 1440×900, in pixels.
    readonly property QtObject consoleSize: QtObject {
        readonly property int page: 26      // a page's title
        readonly property int title: 22
        readonly property int brand: 20     // the product's name in the sidebar
        readonly property int figure: 18    // a place in the standings
        readonly property int heading: 16
        readonly property int name: 15      // a name in a list, a chart's title
        readonly property int body: 14
        readonly property int note: 13      // a message under a form, a page's subtitle
        readonly property int small: 12
        readonly property int caption: 11   // tags (LIVE, FLASH) and times
        readonly property int tiny: 10
    }
    // What the console types CSV in.
    readonly property string mono: "DejaVu Sans Mono"

    // A contest's state in the console: live, scheduled, or over.
    function contestStateColor(state) {
        return state === "live" ? success : state === "scheduled" ? warning : dim
    }

    // Spacing and radii (console pixels; the wall multiplies its own by u).
    readonly property int gap: 16
    readonly property int gapSmall: 8
    readonly property int radius: 10
    readonly property int radiusSmall: 6
}
