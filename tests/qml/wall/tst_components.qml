import QtQuick
import QtTest
import Podium.Models
import Podium.Wall

// The wall's small components: number formatting that matches the server,
// the countdown clock, rank arrows, the link badge, the ticking number.
TestCase {
    id: testCase
    name: "WallComponents"
    width: 800
    height: 600
    when: windowShown

    Component { id: rankChange; RankChange {} }
    Component { id: badge; StatusBadge {} }
    Component { id: ticking; TickingNumber {} }

    function test_formatValue_data() {
        return [
            { tag: "dollars", value: 950, unit: "currency", text: "$950" },
            { tag: "thousands", value: 12300, unit: "currency", text: "$12.3K" },
            { tag: "round thousands", value: 3000, unit: "currency", text: "$3K" },
            { tag: "millions", value: 1250000, unit: "currency", text: "$1.3M" },
            { tag: "count", value: 12345, unit: "count", text: "12,345" },
            { tag: "points", value: 1110, unit: "points", text: "1,110 pts" },
            { tag: "percent", value: 97.5, unit: "percent", text: "97.5%" }
        ]
    }
    function test_formatValue(row) {
        compare(Fmt.value(row.value, row.unit), row.text)
    }

    // Whole characters, as the server's initials: never a lone surrogate.
    function test_initials_data() {
        const family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"
        return [
            { tag: "latin", name: "ada lovelace", text: "AL" },
            { tag: "emoji first", name: "\uD83D\uDE00 Smile", text: "\uD83D\uDE00S" },
            { tag: "accented", name: "\u00C6var \u00D3lafsson", text: "\u00C6\u00D3" },
            { tag: "decomposed accent", name: "o\u0301scar lee", text: "O\u0301L" },
            { tag: "chinese", name: "\u674E \u5C0F\u9F99", text: "\u674E\u5C0F" },
            { tag: "zwj family", name: family + " Smith", text: family + "S" },
            { tag: "skin tone", name: "\uD83D\uDC4D\uD83C\uDFFD Thumbs", text: "\uD83D\uDC4D\uD83C\uDFFDT" },
            { tag: "flag", name: "\uD83C\uDDEE\uD83C\uDDF8 Team", text: "\uD83C\uDDEE\uD83C\uDDF8T" },
            { tag: "empty", name: "", text: "?" }
        ]
    }
    function test_initials(row) {
        const got = Fmt.initials(row.name)
        verify(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(got), "lone surrogate in " + got)
        compare(got, row.text)
    }

    function test_clock_data() {
        return [
            { tag: "seconds", s: 42, text: "00:42" },
            { tag: "minutes", s: 125, text: "02:05" },
            { tag: "hours", s: 3 * 3600 + 61, text: "3:01:01" },
            { tag: "days", s: 2 * 86400 + 3600, text: "2d 01h 00m" },
            { tag: "never negative", s: -5, text: "00:00" }
        ]
    }
    function test_clock(row) {
        compare(Fmt.clock(row.s), row.text)
    }

    function test_rankChange_data() {
        return [
            { tag: "climbed", rank: 1, previous: 4, text: "▲3" },
            { tag: "fell", rank: 5, previous: 3, text: "▼2" },
            { tag: "steady", rank: 2, previous: 2, text: "–" },
            { tag: "new", rank: 7, previous: 0, text: "NEW" }
        ]
    }
    function test_rankChange(row) {
        const item = createTemporaryObject(rankChange, testCase, { rank: row.rank, previousRank: row.previous })
        compare(item.text, row.text)
    }

    function test_statusBadge_data() {
        return [
            { tag: "live", state: EventStream.Live, text: "LIVE" },
            { tag: "connecting", state: EventStream.Connecting, text: "CONNECTING" },
            { tag: "offline", state: EventStream.Offline, text: "OFFLINE" }
        ]
    }
    function test_statusBadge(row) {
        const item = createTemporaryObject(badge, testCase, { state: row.state })
        compare(item.label, row.text)
        verify(item.width > item.height)
    }

    function test_tickingNumberLandsOnServerText() {
        const item = createTemporaryObject(ticking, testCase, { unit: "currency", value: 1000, formatted: "$1K" })
        tryCompare(item, "text", "$1K")
        item.formatted = "$26K"
        item.value = 26000
        wait(100)
        verify(item.shown > 1000 && item.shown < 26000, "shown = " + item.shown) // counting up, not jumping
        verify(item.text !== "$26K", "text = " + item.text)
        tryCompare(item, "ticking", false, 4000)
        compare(item.text, "$26K")
    }
}
