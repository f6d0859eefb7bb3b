.pragma library

// Formats a value as the server does (Metric::format), so a number that ticks
// up on screen lands exactly on the server's text.
function value(v, unit) {
    const trimmed = function (x) {
        return Math.abs(x - Math.round(x)) < 1e-9 ? x.toFixed(0) : x.toFixed(1)
    }
    if (unit === "currency") {
        const a = Math.abs(v), sign = v < 0 ? "-" : ""
        if (a >= 1e6) return sign + "$" + trimmed(Math.round(a / 1e5) / 10) + "M"
        if (a >= 1e3) return sign + "$" + trimmed(Math.round(a / 1e2) / 10) + "K"
        return sign + "$" + trimmed(Math.round(a * 10) / 10)
    }
    if (unit === "percent")
        return trimmed(Math.round(v * 10) / 10) + "%"
    const n = Math.round(v).toLocaleString(Qt.locale("en_US"), "f", 0)
    return unit === "points" ? n + " pts" : n
}

function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds))
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds / 3600) % 24
    const m = Math.floor(seconds / 60) % 60, s = seconds % 60
    const two = function (x) { return (x < 10 ? "0" : "") + x }
    if (d > 0) return d + "d " + two(h) + "h " + two(m) + "m"
    if (h > 0) return h + ":" + two(m) + ":" + two(s)
    return two(m) + ":" + two(s)
}
