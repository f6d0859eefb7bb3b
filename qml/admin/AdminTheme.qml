pragma Singleton
import QtQuick

// The console's look: the wall's palette (dark navy, amber accent) at desktop
// sizes, so the two windows read as one product side by side.
//
// Every Label and Text here sets textFormat: Text.PlainText, and drop-downs
// are PlainCombo: names and announcements are typed by users, and the
// default (AutoText) renders markup and fetches the images an <img> names
// (a stock ComboBox list item showing one even crashes Qt 6.4).
// tests/qml/admin/tst_plaintext.qml checks every page and list.
QtObject {
    readonly property color bg: "#060A13"
    readonly property color sidebar: "#0A1120"
    readonly property color panel: "#111A2E"
    readonly property color panelHi: "#18233D"
    readonly property color field: "#0C1426"
    readonly property color line: "#24314F"
    readonly property color text: "#F4F6FB"
    readonly property color dim: "#8E9BB8"
    readonly property color faint: "#56627E"
    readonly property color accent: "#FFC940"
    readonly property color good: "#2EE6A0"
    readonly property color bad: "#FF5C7A"
    readonly property color warn: "#FFB020"
    readonly property string family: "DejaVu Sans"

    readonly property int gap: 16
    readonly property int radius: 10

    function rarityColor(rarity) {
        switch (rarity) {
        case "legendary": return "#FFC52E"
        case "epic": return "#C05CFF"
        case "rare": return "#3DA9FF"
        default: return "#2EE6A0"
        }
    }

    function stateColor(state) {
        return state === "live" ? good : state === "scheduled" ? warn : dim
    }

    // "2026-11-22T00:04:51.063Z" → "Nov 22, 00:04" in local time.
    function when(iso) {
        if (!iso)
            return "—"
        const d = new Date(iso)
        return isNaN(d.getTime()) ? iso : Qt.formatDateTime(d, "MMM d, HH:mm")
    }
}
