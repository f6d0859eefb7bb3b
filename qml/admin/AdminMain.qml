import QtQuick
import QtQuick.Layouts
import QtQuick.Window
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// The admin console: a sidebar with one entry per job, one page per entry.
// Everything goes through `api` (REST with an admin token), so the console
// beside the local server and one against a remote server are the same.
ApplicationWindow {
    id: root
    required property url baseUrl
    required property string token
    property alias currentPage: sidebar.currentIndex

    width: 1440
    height: 900
    minimumWidth: 1200
    minimumHeight: 760
    visible: true
    title: "Podium Admin — " + baseUrl
    color: Style.bg
    font.family: Style.family

    Material.theme: Material.Dark
    Material.accent: Style.accent
    Material.primary: Style.panelHi
    Material.foreground: Style.text

    readonly property var pages: [
        { key: "people", title: "People & Teams", hint: "Add, edit, deactivate · teams · tokens" },
        { key: "activity", title: "Activity", hint: "Record, correct, award XP and badges" },
        { key: "contests", title: "Contests", hint: "Create, start, end, payout · standings" },
        { key: "rules", title: "Rules & Badges", hint: "Metrics, milestones, levels, badges" },
        { key: "announcements", title: "Announcements", hint: "Ticker lines and news flashes" },
        { key: "live", title: "Live", hint: "Connections, kick · charts" },
        { key: "log", title: "Log", hint: "Every event, filtered and paged" },
        { key: "import", title: "Import / Export", hint: "CSV people and activity · exports" }
    ]

    AdminApi {
        id: adminApi
        baseUrl: root.baseUrl
        token: root.token
    }

    // Shared lists every page picks from (people, metrics, badges, teams).
    JsonListModel { id: peopleModel; api: adminApi; path: "/api/people"; listKey: "people"; roles: ["id", "name", "team", "teamName", "color", "initials", "email", "externalId", "active"] }
    JsonListModel { id: teamsModel; api: adminApi; path: "/api/teams"; listKey: "teams"; roles: ["id", "name", "color"] }
    JsonListModel { id: metricsModel; api: adminApi; path: "/api/metrics"; listKey: "metrics"; idKey: "key"; roles: ["key", "label", "unit", "aggregation", "higherIsBetter", "periods"] }
    JsonListModel { id: badgesModel; api: adminApi; path: "/api/badges"; listKey: "badges"; idKey: "key"; roles: ["key", "name", "description", "icon", "rarity"] }

    property bool online: false
    function refreshShared() {
        peopleModel.refresh(); teamsModel.refresh(); metricsModel.refresh(); badgesModel.refresh()
    }
    Component.onCompleted: refreshShared()

    Timer {
        interval: 5000
        running: true
        repeat: true
        triggeredOnStart: true
        onTriggered: adminApi.get("/api/health", function(status, body) { root.online = status === 200 })
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            Layout.preferredWidth: 250
            Layout.fillHeight: true
            pages: root.pages
            online: root.online
            serverText: String(root.baseUrl)
            currentIndex: 0
        }

        StackLayout {
            id: stack
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: sidebar.currentIndex

            PeoplePage { objectName: "peoplePage"; api: adminApi; people: peopleModel; teams: teamsModel; shared: root }
            ActivityPage { objectName: "activityPage"; api: adminApi; people: peopleModel; metrics: metricsModel; badges: badgesModel; shared: root }
            ContestsPage { objectName: "contestsPage"; api: adminApi; metrics: metricsModel }
            RulesPage { objectName: "rulesPage"; api: adminApi; metrics: metricsModel; badges: badgesModel; shared: root }
            AnnouncementsPage { objectName: "announcementsPage"; api: adminApi }
            LivePage { objectName: "livePage"; api: adminApi; metrics: metricsModel; active: stack.currentIndex === 5 }
            LogPage { objectName: "logPage"; api: adminApi; people: peopleModel; metrics: metricsModel }
            ImportExportPage { objectName: "importPage"; api: adminApi; metrics: metricsModel; shared: root }
        }
    }
}
