pragma Singleton
import QtQuick
import Podium.Style

// What only the console needs on top of Podium.Style (the palette, type and
// spacing the wall uses too, so the two windows read as one product).
//
// Every Label and Text here sets textFormat: Text.PlainText, and drop-downs
// are PlainCombo: names and announcements are typed by users, and the
// default (AutoText) renders markup and fetches the images an <img> names
// (a stock ComboBox list item showing one even crashes Qt 6.4).
// tests/qml/admin/tst_plaintext.qml checks every page and list.
QtObject {
    function stateColor(state) {
        return state === "live" ? Style.success : state === "scheduled" ? Style.warning : Style.dim
    }

    // "2026-11-22T00:04:51.063Z" → "Nov 22, 00:04" in local time.
    function when(iso) {
        if (!iso)
            return "—"
        const d = new Date(iso)
        return isNaN(d.getTime()) ? iso : Qt.formatDateTime(d, "MMM d, HH:mm")
    }
}
