.pragma library

// Formats a value as the server does (Metric::format, docs/API.md "Values on
// screen"), step for step on the same doubles, so a number that ticks up on
// screen lands exactly on the server's text. tests/data/format-cases.json
// holds both.
const twoTo52 = 4503599627370496 // from here every double is whole
const tenthsLimit = 1e14         // beyond this a fraction digit means nothing
const shownLimit = 1e21          // no digits beyond this: shown as not available
const notAvailable = "\u2014"
const currencySteps = [[1, ""], [1e3, "K"], [1e6, "M"], [1e9, "B"], [1e12, "T"]]

// Halves up, on magnitudes only.
function roundHalfUp(magnitude) {
    return magnitude >= twoTo52 ? magnitude : Math.floor(magnitude + 0.5)
}

function tenthsOf(magnitude) {
    return magnitude >= tenthsLimit ? roundHalfUp(magnitude) * 10 : roundHalfUp(magnitude * 10)
}

// Whole digits in groups of three, then ".d" unless the tenth is zero.
function numberText(magnitude) {
    let whole, tenth = 0
    if (magnitude >= tenthsLimit) {
        whole = roundHalfUp(magnitude).toFixed(0)
    } else {
        const tenths = roundHalfUp(magnitude * 10)
        tenth = tenths % 10
        whole = ((tenths - tenth) / 10).toFixed(0)
    }
    for (let at = whole.length - 3; at > 0; at -= 3)
        whole = whole.slice(0, at) + "," + whole.slice(at)
    return tenth ? whole + "." + tenth : whole
}

// Which of currencySteps a magnitude is written in.
function currencyStep(magnitude) {
    const last = currencySteps.length - 1
    let step = 0
    while (step < last && magnitude >= currencySteps[step + 1][0])
        ++step
    if (step < last && tenthsOf(magnitude / currencySteps[step][0]) >= 10000)
        ++step // 999,960 rounds to 1000.0K: that is $1M
    return step
}

// The number alone: grouped in threes, at most one decimal, no unit.
function number(v) {
    const magnitude = Math.abs(v)
    if (!(magnitude < shownLimit))
        return notAvailable
    return (v < 0 && tenthsOf(magnitude) > 0 ? "-" : "") + numberText(magnitude)
}

function value(v, unit) {
    v = Number(v)
    const magnitude = Math.abs(v)
    if (!(magnitude < shownLimit))
        return notAvailable
    if (unit === "currency") {
        const step = currencyStep(magnitude)
        const scaled = magnitude / currencySteps[step][0]
        return (v < 0 && tenthsOf(scaled) > 0 ? "-" : "") + "$" + numberText(scaled) + currencySteps[step][1]
    }
    const n = number(v)
    if (unit === "percent")
        return n + "%"
    if (unit === "points")
        return n + " pts"
    return n
}

// While a value animates towards target, whole steps of the target's own
// precision (no "$25.3K" flicker on the way to "$26K").
function tick(v, target, unit) {
    if (unit === "currency" && Math.abs(target) >= 1e3) {
        const scale = currencySteps[currencyStep(Math.abs(target))][0] / 10
        return value(Math.round(v / scale) * scale, unit)
    }
    return value(Number.isInteger(target) ? Math.round(v) : Math.round(v * 10) / 10, unit)
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
