import QtQuick
import QtTest
import Podium.Admin
import Podium.AdminModels

// The People, Announcement, Contest and Rules forms, used the way a manager
// uses them: click a field, type, click the button. What counts is the
// server's state after.
Item {
    id: root
    width: 1440
    height: 900

    AdminApi { id: adminApi; baseUrl: serverUrl; token: adminToken }
    JsonListModel { id: peopleModel; api: adminApi; path: "/api/people"; listKey: "people"; roles: ["id", "name", "team", "teamName", "color", "initials", "email", "externalId", "active"] }
    JsonListModel { id: teamsModel; api: adminApi; path: "/api/teams"; listKey: "teams"; roles: ["id", "name", "color"] }
    JsonListModel { id: metricsModel; api: adminApi; path: "/api/metrics"; listKey: "metrics"; idKey: "key"; roles: ["key", "label", "unit", "aggregation", "higherIsBetter", "periods"] }
    JsonListModel { id: badgesModel; api: adminApi; path: "/api/badges"; listKey: "badges"; idKey: "key"; roles: ["key", "name", "description", "icon", "rarity"] }
    Component.onCompleted: { metricsModel.refresh(); badgesModel.refresh() }

    Component { id: peoplePage; PeoplePage { anchors.fill: parent; api: adminApi; people: peopleModel; teams: teamsModel } }
    Component { id: announcementsPage; AnnouncementsPage { anchors.fill: parent; api: adminApi } }
    Component { id: contestsPage; ContestsPage { anchors.fill: parent; api: adminApi; metrics: metricsModel } }
    Component { id: activityPage; ActivityPage { anchors.fill: parent; api: adminApi; people: peopleModel; metrics: metricsModel; badges: badgesModel } }
    Component { id: savePersonTask; SavePersonTask { api: adminApi } }
    Component { id: rulesPage; RulesPage { anchors.fill: parent; api: adminApi; metrics: metricsModel; badges: badgesModel } }

    // A blocking GET for assertions: returns the body once it arrives.
    function fetch(path) {
        let result = null
        adminApi.get(path, function(status, body) { result = { status: status, body: body } })
        tryVerify(function() { return result !== null }, 5000, "no answer to GET " + path)
        return result
    }
    // A blocking POST: returns the body of a 201.
    function post(path, body) {
        let result = null
        adminApi.post(path, body, function(status, reply) { result = { status: status, body: reply } })
        tryVerify(function() { return result !== null }, 5000, "no answer to POST " + path)
        testCase.compare(result.status, 201, JSON.stringify(result.body))
        return result.body
    }
    function tryVerify(f, timeout, message) { testCase.tryVerify(f, timeout, message) }

    TestCase {
        id: testCase
        name: "AdminForms"
        when: windowShown

        function type(item, text) {
            mouseClick(item)
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }
        function clearAndType(item, text) {
            mouseClick(item)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            keyClick(Qt.Key_Delete)
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }
        function personNamed(name) {
            const list = root.fetch("/api/people").body.people
            for (let i = 0; i < list.length; ++i)
                if (list[i].name === name) return list[i]
            return null
        }

        function test_1_addPerson() {
            const page = createTemporaryObject(peoplePage, root)
            verify(page)
            mouseClick(findChild(page, "newPersonButton"))
            type(findChild(page, "personName"), "Zoe Quinn")
            type(findChild(page, "personTeam"), "Falcons")
            type(findChild(page, "personEmail"), "zoe@example.com")
            mouseClick(findChild(page, "savePersonButton"))
            const message = findChild(page, "personError")
            tryVerify(function() { return message.text.indexOf("Added Zoe Quinn") === 0 }, 5000, message.text)
            verify(message.ok)

            const zoe = personNamed("Zoe Quinn")
            verify(zoe !== null, "the server has no Zoe Quinn")
            compare(zoe.teamName, "Falcons")
            compare(zoe.email, "zoe@example.com")
            compare(zoe.active, true)
            // The new team exists too.
            const teamsNow = root.fetch("/api/teams").body.teams.map(function(t) { return t.name })
            verify(teamsNow.indexOf("Falcons") >= 0)
            // And the list on the left shows her.
            tryVerify(function() { return peopleModel.indexOf(zoe.id) >= 0 }, 5000)
        }

        function test_2_validationMessages() {
            const page = createTemporaryObject(peoplePage, root)
            const message = findChild(page, "personError")
            mouseClick(findChild(page, "newPersonButton"))
            type(findChild(page, "personName"), "Kai Ito")
            mouseClick(findChild(page, "savePersonButton"))
            compare(message.text, "field 'team' is empty: pick a team or type a new one")
            verify(!message.ok)

            // The server's own words about a bad colour, verbatim.
            type(findChild(page, "personTeam"), "Falcons")
            type(findChild(page, "personColor"), "red")
            mouseClick(findChild(page, "savePersonButton"))
            tryVerify(function() { return message.text.length > 0 && message.text.indexOf("'color'") >= 0 }, 5000, message.text)
            let direct = null
            adminApi.post("/api/people", { name: "Kai Ito", team: "Falcons", color: "red" }, function(s, b) { direct = b })
            tryVerify(function() { return direct !== null })
            compare(message.text, direct.error.message)
            compare(personNamed("Kai Ito"), null)
        }

        function test_3_editAndDeactivate() {
            const page = createTemporaryObject(peoplePage, root)
            peopleModel.refresh()
            tryVerify(function() { return peopleModel.count > 0 })
            const zoe = personNamed("Zoe Quinn")
            verify(zoe)
            page.edit(peopleModel.get(peopleModel.indexOf(zoe.id)))
            compare(findChild(page, "savePersonButton").text, "Save changes")
            clearAndType(findChild(page, "personName"), "Zoe Q. Quinn")
            clearAndType(findChild(page, "personColor"), "#2EE6A0")
            clearAndType(findChild(page, "personTeam"), "Owls") // a team that does not exist yet
            mouseClick(findChild(page, "savePersonButton"))
            const message = findChild(page, "personError")
            tryCompare(message, "text", "Saved Zoe Q. Quinn", 5000)
            const edited = root.fetch("/api/people/" + zoe.id).body
            compare(edited.name, "Zoe Q. Quinn")
            compare(edited.color.toUpperCase(), "#2EE6A0")
            compare(edited.teamName, "Owls")

            const deactivate = findChild(page, "deactivateButton")
            compare(deactivate.text, "Deactivate")
            mouseClick(deactivate)
            tryCompare(message, "text", "Zoe Q. Quinn is deactivated", 5000)
            compare(root.fetch("/api/people/" + zoe.id).body.active, false)
            tryCompare(deactivate, "text", "Reactivate")
        }

        function test_4_announcementFlash() {
            const page = createTemporaryObject(announcementsPage, root)
            const message = findChild(page, "announcementError")
            // Nothing typed: a message, and nothing sent.
            mouseClick(findChild(page, "sendAnnouncementButton"))
            compare(message.text, "field 'text' is empty: write what the wall should say")

            mouseClick(findChild(page, "flashRadio"))
            type(findChild(page, "announcementText"), "Pizza at five")
            // The preview shows it the way the wall will.
            const preview = findChild(page, "announcementPreview")
            compare(preview.kind, "flash")
            compare(preview.text, "Pizza at five")
            type(findChild(page, "announcementDuration"), "30")
            mouseClick(findChild(page, "sendAnnouncementButton"))
            tryVerify(function() { return message.text.indexOf("On the wall now: news flash") === 0 }, 5000, message.text)

            const list = root.fetch("/api/announcements").body.announcements
            const sent = list.filter(function(a) { return a.text === "Pizza at five" })
            compare(sent.length, 1)
            compare(sent[0].kind, "flash")
            compare(sent[0].sound, false)
            const minutes = (new Date(sent[0].expiresAt) - new Date(sent[0].createdAt)) / 60000
            verify(Math.abs(minutes - 30) < 0.1, "expires after " + minutes + " minutes")
            // The form is ready for the next one.
            compare(findChild(page, "announcementText").text, "")
        }

        function test_5_announcementTickerWithBadDuration() {
            const page = createTemporaryObject(announcementsPage, root)
            const message = findChild(page, "announcementError")
            type(findChild(page, "announcementText"), "Kickoff on Monday")
            type(findChild(page, "announcementDuration"), "soon")
            mouseClick(findChild(page, "sendAnnouncementButton"))
            compare(message.text, "duration: 'soon' is not a positive number of minutes")
            clearAndType(findChild(page, "announcementDuration"), "")
            keyClick(Qt.Key_Return) // Enter in the duration field does nothing…
            mouseClick(findChild(page, "announcementText"))
            keyClick(Qt.Key_Return) // …Enter in the text field sends
            tryVerify(function() { return message.text.indexOf("On the wall now: ticker line") === 0 }, 5000, message.text)
            const list = root.fetch("/api/announcements").body.announcements
            compare(list.filter(function(a) { return a.text === "Kickoff on Monday" && a.kind === "ticker" }).length, 1)
        }

        function test_6_issueTokens() {
            const page = createTemporaryObject(peoplePage, root)
            const message = findChild(page, "tokenError")
            const issued = findChild(page, "issuedToken")
            mouseClick(findChild(page, "newPersonButton"))
            type(findChild(page, "tokenLabel"), "Lobby TV")
            mouseClick(findChild(page, "issueTokenButton"))
            tryVerify(function() { return message.text.indexOf("Issued #") === 0 }, 5000, message.text)
            verify(message.ok)
            const id = Number(/^Issued #(\d+) /.exec(message.text)[1])
            const listed = root.fetch("/api/tokens").body.tokens.filter(function(t) { return t.id === id })
            compare(listed.length, 1)
            compare(listed[0].kind, "display")
            const text = issued.text
            verify(text.length >= 16, text)
            verify(issued.visible)

            // A person token with nobody picked: refused, and the text just
            // issued stays on screen to be copied.
            const kind = findChild(page, "tokenKind")
            kind.currentIndex = kind.find("person")
            mouseClick(findChild(page, "issueTokenButton"))
            compare(message.text, "pick a person in the list first")
            verify(!message.ok)
            compare(issued.text, text)

            // Revoked from its row: gone from the list.
            let revoke = null
            tryVerify(function() { revoke = findChild(page, "revokeToken" + id); return revoke !== null && revoke.visible }, 5000)
            mouseClick(revoke)
            tryCompare(message, "text", "Token #" + id + " revoked", 5000)
            verify(message.ok)
            compare(root.fetch("/api/tokens").body.tokens.filter(function(t) { return t.id === id }).length, 0)
        }

        function test_6b_teams() {
            const page = createTemporaryObject(peoplePage, root)
            const message = findChild(page, "teamError")
            type(findChild(page, "teamName"), "Herons")
            type(findChild(page, "teamColor"), "#7C6CFF")
            mouseClick(findChild(page, "addTeamButton"))
            tryCompare(message, "text", "Added team Herons", 5000)
            verify(message.ok)
            const herons = root.fetch("/api/teams").body.teams.filter(function(t) { return t.name === "Herons" })
            compare(herons.length, 1)
            compare(herons[0].color.toUpperCase(), "#7C6CFF")

            // The same name again: the server's words.
            mouseClick(findChild(page, "addTeamButton"))
            tryCompare(message, "text", "field 'name': a team called 'Herons' exists (id " + herons[0].id + ")", 5000)
            verify(!message.ok)
        }

        function test_7_createContest() {
            const page = createTemporaryObject(contestsPage, root)
            tryVerify(function() { return metricsModel.count > 0 }, 5000)
            const message = findChild(page, "createContestError")
            type(findChild(page, "contestName"), "Forms Blitz")
            mouseClick(findChild(page, "createContestButton"))
            tryVerify(function() { return message.text === "Created Forms Blitz (live)" }, 5000, message.text)
            verify(message.ok)
            const made = root.fetch("/api/contests").body.contests.filter(function(c) { return c.name === "Forms Blitz" })
            compare(made.length, 1)
            compare(made[0].metric, "revenue")
            compare(made[0].state, "live")

            // The server's words about a contest that ends before it starts.
            clearAndType(findChild(page, "contestEnd"), "2020-01-01T00:00:00Z")
            mouseClick(findChild(page, "createContestButton"))
            tryCompare(message, "text", "field 'endsAt' must be after 'startsAt'", 5000)
            verify(!message.ok)
            compare(root.fetch("/api/contests").body.contests.filter(function(c) { return c.name === "Forms Blitz" }).length, 1)

            // End it now, then record what it paid.
            const control = findChild(page, "contestControlError")
            const end = findChild(page, "endContestButton")
            tryVerify(function() { return end.enabled }, 5000)
            mouseClick(end)
            tryCompare(control, "text", "Forms Blitz is ended", 5000)
            verify(control.ok)
            compare(root.fetch("/api/contests/" + made[0].id).body.state, "ended")
            type(findChild(page, "payoutAmount"), "250")
            type(findChild(page, "payoutNote"), "lunch")
            mouseClick(findChild(page, "recordPayoutButton"))
            const pay = findChild(page, "payoutError")
            tryCompare(pay, "text", "Payout recorded", 5000)
            verify(pay.ok)
            compare(JSON.stringify(root.fetch("/api/contests/" + made[0].id).body.payout.payouts),
                    JSON.stringify([{ amount: 250, note: "lunch", place: 1 }]))
        }

        function test_8_rulesAndTiers() {
            const page = createTemporaryObject(rulesPage, root)
            const ruleError = findChild(page, "ruleError")
            type(findChild(page, "ruleMetric"), "revenue")
            type(findChild(page, "ruleValues"), "100, 2x")
            mouseClick(findChild(page, "saveRuleButton"))
            compare(ruleError.text, "values: '2x' is not a number")
            verify(!ruleError.ok)
            clearAndType(findChild(page, "ruleValues"), "123, 456")
            mouseClick(findChild(page, "saveRuleButton"))
            tryVerify(function() { return ruleError.text.indexOf("Saved rule #") === 0 }, 5000, ruleError.text)
            const id = Number(ruleError.text.substring("Saved rule #".length))
            const rule = root.fetch("/api/rules").body.rules.filter(function(r) { return r.id === id })[0]
            compare(rule.metric, "revenue")
            compare(rule.kind, "threshold")
            compare(JSON.stringify(rule.values), "[123,456]")

            // Switched off from its row, then deleted.
            let toggle = null
            tryVerify(function() { toggle = findChild(page, "ruleSwitch" + id); return toggle !== null && toggle.checked }, 5000)
            mouseClick(toggle)
            tryCompare(ruleError, "text", "Rule #" + id + " off", 5000)
            compare(root.fetch("/api/rules").body.rules.filter(function(r) { return r.id === id })[0].enabled, false)
            let remove = findChild(page, "deleteRule" + id)
            tryVerify(function() { return remove.enabled }, 5000)
            mouseClick(remove)
            tryCompare(ruleError, "text", "Deleted rule #" + id, 5000)
            verify(ruleError.ok)
            compare(root.fetch("/api/rules").body.rules.filter(function(r) { return r.id === id }).length, 0)

            // Tiers: once the form shows the server's, change them.
            const tiers = findChild(page, "tiersField")
            tryVerify(function() { return tiers.text.length > 0 }, 5000)
            const settingsError = findChild(page, "settingsError")
            clearAndType(tiers, "Rookie:1, Pro")
            mouseClick(findChild(page, "saveSettingsButton"))
            compare(settingsError.text, "tiers: write 'Name:level', got 'Pro'")
            clearAndType(tiers, "Rookie:1, Pro:5")
            mouseClick(findChild(page, "saveSettingsButton"))
            tryCompare(settingsError, "text", "Saved", 5000)
            verify(settingsError.ok)
            const saved = root.fetch("/api/settings").body.tiers.map(function(t) { return t.key + ":" + t.name + ":" + t.minLevel })
            compare(saved.join(" "), "rookie:Rookie:1 pro:Pro:5")
            compare(tiers.text, "Rookie:1, Pro:5") // as read back

            // The catalogue: a badge, then a metric.
            const catalogue = findChild(page, "catalogueError")
            type(findChild(page, "badgeKey"), "forms-badge")
            type(findChild(page, "badgeName"), "Forms Badge")
            mouseClick(findChild(page, "saveBadgeButton"))
            tryCompare(catalogue, "text", "Saved badge Forms Badge", 5000)
            verify(catalogue.ok)
            compare(root.fetch("/api/badges").body.badges.filter(function(b) { return b.key === "forms-badge" })[0].rarity, "common")
            findChild(page, "catalogueTabs").currentIndex = 1
            waitForRendering(page)
            type(findChild(page, "metricKey"), "Bad Key")
            type(findChild(page, "metricLabel"), "Bad")
            mouseClick(findChild(page, "saveMetricButton"))
            tryCompare(catalogue, "text", "field 'key' must be lowercase letters, digits or _ (e.g. revenue)", 5000)
            verify(!catalogue.ok)
        }

        // What a page binds to: a task's state (AdminTask's enum), `running`
        // and `error`, from QML.
        function test_9_aTaskSeenFromQml() {
            const task = createTemporaryObject(savePersonTask, root)
            verify(task)
            compare(task.state, AdminTask.Idle)
            const states = []
            task.stateChanged.connect(function() { states.push(task.state) })
            task.name = "Quinn Task"
            task.start() // no team: refused at once
            compare(JSON.stringify(states), JSON.stringify([AdminTask.Running, AdminTask.Failed]))
            compare(task.error, "field 'team' is empty: pick a team or type a new one")
            verify(!task.running)
            task.team = "Falcons"
            task.start()
            verify(task.running)
            compare(task.error, "")
            tryVerify(function() { return task.state === AdminTask.Succeeded }, 5000, task.error)
            compare(task.person.name, "Quinn Task")
            verify(task.created)
            compare(personNamed("Quinn Task").teamName, "Falcons")
        }

        function test_9b_recordAndVoid() {
            const person = root.post("/api/people", { name: "Val Record", team: "Falcons" })
            peopleModel.refresh()
            tryVerify(function() { return peopleModel.indexOf(person.id) >= 0 && metricsModel.count > 0 }, 5000)
            const page = createTemporaryObject(activityPage, root)
            const message = findChild(page, "activityError")
            const picker = findChild(page, "activityPerson")
            tryVerify(function() { return picker.currentIndex >= 0 }, 5000)
            picker.currentIndex = peopleModel.indexOf(person.id)
            type(findChild(page, "activityAmount"), "12x")
            mouseClick(findChild(page, "recordButton"))
            compare(message.text, "the amount must be a number")
            verify(!message.ok)
            const before = root.fetch("/api/people/" + person.id).body.totals
            clearAndType(findChild(page, "activityAmount"), "700")
            mouseClick(findChild(page, "recordButton"))
            tryVerify(function() { return message.text.indexOf("Recorded activity #") === 0 }, 5000, message.text)
            verify(message.ok)
            const id = Number(/^Recorded activity #(\d+) /.exec(message.text)[1])

            // And back out, by its id.
            type(findChild(page, "voidId"), String(id))
            mouseClick(findChild(page, "voidButton"))
            const voided = findChild(page, "voidError")
            tryCompare(voided, "text", "Voided activity #" + id + " (revenue)", 5000)
            verify(voided.ok)
            compare(JSON.stringify(root.fetch("/api/people/" + person.id).body.totals), JSON.stringify(before))
            mouseClick(findChild(page, "voidButton"))
            tryCompare(voided, "text", "activity " + id + " is already voided", 5000)
            verify(!voided.ok)

            // XP by hand (to the first person in that list).
            type(findChild(page, "xpAmount"), "4o")
            mouseClick(findChild(page, "awardXpButton"))
            compare(findChild(page, "xpError").text, "XP must be a number")
        }
    }
}
