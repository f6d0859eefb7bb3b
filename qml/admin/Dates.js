.pragma library

// Times as the console shows them.

// "2026-11-22T00:04:51.063Z" → "Nov 22, 00:04" in local time; "—" for none.
function when(iso) {
    if (!iso)
        return "—"
    const d = new Date(iso)
    return isNaN(d.getTime()) ? iso : Qt.formatDateTime(d, "MMM d, HH:mm")
}
