import QtQuick
import QtTest
import Podium.Admin
import Podium.AdminModels

// Names, team names, contest names and announcements come from users: the
// console shows them as typed. Every text that shows one of them is plain
// text, on every page and in every drop-down list, and nothing asks the host
// an <img> in them names (remoteHost) for the image.
Item {
    id: root
    width: 1440
    height: 900

    readonly property string image: '<img src="http://127.0.0.1:' + remoteHost.port + '/x.png">'
    readonly property string bold: "<b>Bold</b>"

    AdminApi { id: adminApi; baseUrl: serverUrl; token: adminToken }
    Component { id: console_; AdminMain { baseUrl: serverUrl; token: adminToken; width: 1440; height: 900 } }

    function call(method, path, body) {
        let result = null
        adminApi.request(method, path, body, function(status, reply) { result = { status: status, body: reply } })
        testCase.tryVerify(function() { return result !== null }, 5000, "no answer to " + method + " " + path)
        testCase.verify(result.status < 300, method + " " + path + " → " + result.status + " " + JSON.stringify(result.body))
        return result.body
    }

    // Every item below `item`, visual children first.
    function walk(item, out) {
        if (!item)
            return out
        out.push(item)
        const children = item.children || []
        for (let i = 0; i < children.length; ++i)
            walk(children[i], out)
        return out
    }
    // Text items (Text, Label, the styles' own labels) that show user data.
    function dataTexts(window) {
        const all = walk(window.contentItem, []).concat(walk(window.overlay, []))
        return all.filter(function(item) {
            return item.textFormat !== undefined && typeof item.text === "string"
                && (item.text.indexOf("x.png") >= 0 || item.text.indexOf(root.bold) >= 0)
        })
    }
    function describe(items) {
        return items.map(function(i) { return String(i) + " format " + i.textFormat + ": " + i.text }).join("\n")
    }

    TestCase {
        id: testCase
        name: "AdminPlainText"
        when: windowShown

        function initTestCase() {
            const person = root.call("POST", "/api/people", { name: root.image, team: root.bold + " " + root.image })
            root.call("POST", "/api/people", { name: root.bold, team: "Plain Team" })
            root.call("POST", "/api/activities", { person: person.id, metric: "revenue", delta: 1200 })
            root.call("POST", "/api/announcements", { text: "ticker " + root.image, kind: "ticker" })
            const now = new Date()
            root.call("POST", "/api/contests", {
                name: "contest " + root.image, metric: "revenue",
                startsAt: new Date(now.getTime() - 60000).toISOString(),
                endsAt: new Date(now.getTime() + 86400000).toISOString()
            })
        }

        function test_everyPageShowsDataAsTyped() {
            const window = createTemporaryObject(console_, root)
            verify(window)
            // Every page is built at start and loads its lists over REST.
            tryVerify(function() {
                const texts = dataTexts(window).map(function(i) { return i.text })
                return texts.indexOf(root.image) >= 0 && texts.indexOf("contest " + root.image) >= 0
                    && texts.indexOf("ticker " + root.image) >= 0
            }, 10000, "the console did not load the people, contest and ticker line made for this test")
            let seen = 0
            let wrong = []
            for (let page = 0; page < window.pages.length; ++page) {
                window.currentPage = page
                waitForRendering(window.contentItem)
                const items = dataTexts(window)
                wrong = wrong.concat(items.filter(function(i) { return i.textFormat !== Text.PlainText }))
                seen += items.length
                // And in every drop-down's list.
                const combos = walk(window.contentItem, []).filter(function(i) {
                    return i.visible && i.popup !== undefined && i.delegate !== undefined && i.count > 0
                })
                for (let c = 0; c < combos.length; ++c) {
                    combos[c].popup.open()
                    tryVerify(function() { return combos[c].popup.opened }, 3000)
                    const listed = dataTexts(window)
                    wrong = wrong.concat(listed.filter(function(i) { return i.textFormat !== Text.PlainText }))
                    seen += listed.length
                    combos[c].popup.close()
                    tryVerify(function() { return !combos[c].popup.visible }, 3000)
                }
            }
            verify(seen > 0, "no page showed the people and announcements made for this test")
            // Every page rendered, and nothing fetched the image. Barrier: an
            // image asked for after the last frame goes through the engine's
            // one image loader after any fetch those frames started, so once
            // the host has seen it, it has seen those too.
            waitForRendering(window.contentItem)
            const sentinel = createTemporaryQmlObject('import QtQuick; Image { source: "http://127.0.0.1:'
                                                      + remoteHost.port + '/sentinel.png" }', root)
            verify(sentinel)
            tryVerify(function() { return remoteHost.paths.indexOf("/sentinel.png") >= 0 }, 5000, "the sentinel image was not fetched")
            compare(remoteHost.paths.join(" "), "/sentinel.png")
            compare(remoteHost.connections, 1)
            verify(wrong.length === 0, "not plain text:\n" + describe(wrong))
            // The people list shows the name exactly as typed.
            window.currentPage = 0
            tryVerify(function() {
                return dataTexts(window).some(function(i) { return i.visible && i.text === root.image })
            }, 5000, "the people list does not show " + root.image)
        }
    }
}
