import QtQuick
import QtTest
import Podium.Style

// Podium.Style, the design system of the wall and the console: the colour of
// each rarity, and every shared piece builds and shows user text as plain text.
TestCase {
    id: testCase
    name: "Style"
    width: 800
    height: 600
    when: windowShown

    Component { id: avatar; Avatar {} }
    Component { id: rankChange; RankChange {} }
    Component { id: rarityChip; RarityChip {} }
    Component { id: panel; Panel {} }
    Component { id: newsTicker; NewsTicker { width: 600; height: 40 } }
    Component { id: newsFlash; NewsFlash { width: 800; height: 450 } }

    function test_rarityColor_data() {
        return [
            { tag: "common", rarity: "common", colour: "#2ee6a0" },
            { tag: "rare", rarity: "rare", colour: "#3da9ff" },
            { tag: "epic", rarity: "epic", colour: "#c05cff" },
            { tag: "legendary", rarity: "legendary", colour: "#ffc52e" },
            { tag: "unknown is common", rarity: "mythic", colour: "#2ee6a0" },
            { tag: "missing is common", rarity: undefined, colour: "#2ee6a0" }
        ]
    }
    function test_rarityColor(row) {
        compare(Qt.color(Style.rarityColor(row.rarity)).toString(), row.colour)
    }

    // Each rarity the console offers has its own colour.
    function test_raritiesAreDistinct() {
        compare(Style.rarities, ["common", "rare", "epic", "legendary"])
        const seen = {}
        for (let i = 0; i < Style.rarities.length; ++i)
            seen[Qt.color(Style.rarityColor(Style.rarities[i])).toString()] = true
        compare(Object.keys(seen).length, 4)
    }

    function test_medals() {
        compare(Qt.color(Style.medal(1)).toString(), Qt.color(Style.gold).toString())
        compare(Qt.color(Style.medal(2)).toString(), Qt.color(Style.silver).toString())
        compare(Qt.color(Style.medal(3)).toString(), Qt.color(Style.bronze).toString())
        compare(Qt.color(Style.medal(4)).toString(), Qt.color(Style.dim).toString())
    }

    // The wall's sizes are in units of u; the console's are pixels.
    function test_typeScale() {
        verify(Style.tvSize.caption < Style.tvSize.body && Style.tvSize.body < Style.tvSize.display)
        verify(Style.consoleSize.small < Style.consoleSize.body && Style.consoleSize.body < Style.consoleSize.title)
        // Readable from 3 m on a 1080p TV: nothing on the wall under 20 px.
        verify(Style.tvSize.caption >= 20)
    }

    function texts(item, out) {
        if (item instanceof Text)
            out.push(item)
        for (let i = 0; i < item.children.length; ++i)
            texts(item.children[i], out)
        return out
    }
    function verifyPlain(item) {
        const all = texts(item, [])
        verify(all.length > 0)
        for (let i = 0; i < all.length; ++i)
            compare(all[i].textFormat, Text.PlainText, "Text '" + all[i].text + "'")
    }

    function test_avatar() {
        const item = createTemporaryObject(avatar, testCase, { initials: "<b>AL</b>", fill: "#ff0000", size: 80 })
        verify(item)
        compare(item.width, 80)
        compare(findChild(item, "avatarInitials").text, "<b>AL</b>")
        verifyPlain(item)
        const plain = createTemporaryObject(avatar, testCase)
        compare(Qt.color(plain.fill).toString(), Qt.color(Style.avatarFallback).toString())
    }

    function test_rankChange_data() {
        return [
            { tag: "climbed", rank: 1, previous: 4, text: "▲3", colour: Style.up },
            { tag: "fell", rank: 5, previous: 3, text: "▼2", colour: Style.down },
            { tag: "steady", rank: 2, previous: 2, text: "–", colour: Style.faint },
            { tag: "new", rank: 7, previous: 0, text: "NEW", colour: Style.accent }
        ]
    }
    function test_rankChange(row) {
        const item = createTemporaryObject(rankChange, testCase, { rank: row.rank, previousRank: row.previous })
        compare(item.text, row.text)
        compare(item.color.toString(), Qt.color(row.colour).toString())
        compare(item.textFormat, Text.PlainText)
    }

    function test_rarityChip_data() {
        return [
            { tag: "common", rarity: "common" },
            { tag: "rare", rarity: "rare" },
            { tag: "epic", rarity: "epic" },
            { tag: "legendary", rarity: "legendary" }
        ]
    }
    function test_rarityChip(row) {
        const item = createTemporaryObject(rarityChip, testCase, { rarity: row.rarity })
        const label = findChild(item, "rarityChipText")
        compare(label.text, row.rarity.toUpperCase())
        compare(label.color.toString(), Qt.color(Style.rarityColor(row.rarity)).toString())
        verify(item.implicitWidth > label.implicitWidth)
        verifyPlain(item)
    }

    function test_panel() {
        const item = createTemporaryObject(panel, testCase, { width: 100, height: 50 })
        compare(item.color.toString(), Qt.color(Style.panel).toString())
        item.raised = true
        compare(item.color.toString(), Qt.color(Style.panelHi).toString())
    }

    function test_newsTicker() {
        const item = createTemporaryObject(newsTicker, testCase, { text: "<img src=x>Pizza", crawling: false })
        compare(findChild(item, "tickerText").text, "<img src=x>Pizza")
        verifyPlain(item)
    }

    function test_newsFlash() {
        const item = createTemporaryObject(newsFlash, testCase, { text: "<i>Pizza</i> at five", u: 800 / 1920 })
        compare(findChild(item, "flashText").text, "<i>Pizza</i> at five")
        verifyPlain(item)
    }
}
