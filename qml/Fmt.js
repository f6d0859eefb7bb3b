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

// Code points that attach to the one before them: combining marks,
// variation selectors, skin tones, emoji tags, and what follows a zero-width
// joiner. QML's JavaScript has no Intl.Segmenter; this covers what names
// hold (accents, emoji sequences) and never splits a surrogate pair.
function attaches(code, previous) {
    return previous === 0x200D || code === 0x200D
        || (code >= 0x0300 && code <= 0x036F) || (code >= 0x1AB0 && code <= 0x1AFF)
        || (code >= 0x1DC0 && code <= 0x1DFF) || (code >= 0x20D0 && code <= 0x20FF)
        || (code >= 0xFE00 && code <= 0xFE0F) || (code >= 0xFE20 && code <= 0xFE2F)
        || (code >= 0x1F3FB && code <= 0x1F3FF) || (code >= 0xE0020 && code <= 0xE007F)
}

function firstCharacter(word) {
    const points = [] // by code point: for-of (V4's Array.from splits surrogate pairs)
    for (const c of word)
        points.push(c)
    if (points.length === 0)
        return ""
    let n = 1
    const regional = function (c) { return c >= 0x1F1E6 && c <= 0x1F1FF }
    if (points.length > 1 && regional(points[0].codePointAt(0)) && regional(points[1].codePointAt(0)))
        n = 2 // a flag
    while (n < points.length && attaches(points[n].codePointAt(0), points[n - 1].codePointAt(0)))
        ++n
    return points.slice(0, n).join("")
}

// The first character of the first two words, as the server computes a
// person's initials (for rows that arrive without them).
function initials(name) {
    const words = String(name || "").split(/\s+/).filter(function (w) { return w.length > 0 })
    const out = words.slice(0, 2).map(function (w) { return firstCharacter(w).toUpperCase() }).join("")
    return out.length > 0 ? out : "?"
}
