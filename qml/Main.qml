import QtQuick
import QtQuick.Window
import Podium.Models
import Podium.Style

// The TV wall. A playlist of slides rotates in the middle; the feed runs down
// the right, the live-now strip and the ticker along the bottom. A celebration
// or a news flash takes the whole screen, pauses the playlist, then hands it
// back. Every size derives from the window height (Style.u).
Window {
    id: root
    required property EventStream stream
    // Slides and their time on screen; the application may pass its own.
    property var playlist: [
        { kind: "board", metric: "revenue", period: "month", title: "Revenue Leaders", subtitle: "THIS MONTH", seconds: 16 },
        { kind: "teams", metric: "revenue", period: "month", title: "Team Standings", subtitle: "REVENUE · THIS MONTH", seconds: 12 },
        { kind: "contest", title: "Live Contest", subtitle: "HEAD TO HEAD", seconds: 14 },
        { kind: "board", metric: "signups", period: "week", title: "Signups", subtitle: "THIS WEEK", seconds: 12 },
        { kind: "chart", metric: "revenue", title: "Revenue by Team", subtitle: "THIS MONTH, AS IT HAPPENED", seconds: 14 },
        { kind: "board", metric: "xp", period: "all", title: "XP Leaders", subtitle: "ALL TIME", seconds: 12 }
    ]
    property int current: 0
    property real elapsed: 0
    readonly property var slide: playlist.length > 0 ? playlist[current] : ({})
    readonly property bool interrupted: celebration.busy || flash.busy

    width: 1920
    height: 1080
    color: Style.bg
    title: "Podium"

    Binding {
        target: Style
        property: "u"
        value: Math.min(root.height / 1080, root.width / 1920)
    }

    function advance() {
        for (let step = 1; step <= slides.count; ++step) {
            const next = (current + step) % slides.count
            const loader = slides.itemAt(next)
            if (loader && loader.item && loader.item.available) {
                current = next
                break
            }
        }
        elapsed = 0
    }

    ContestModel { id: contests; stream: root.stream }
    CelebrationQueue { id: celebrations; stream: root.stream }

    Timer {
        interval: 100
        repeat: true
        running: !root.interrupted && root.playlist.length > 0
        onTriggered: {
            root.elapsed += interval
            if (root.elapsed >= (root.slide.seconds || 12) * 1000)
                root.advance()
        }
    }

    // Backdrop: deep navy with a soft light from the top.
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0; color: Style.bgTop }
            GradientStop { position: 0.45; color: Style.bg }
            GradientStop { position: 1; color: Style.bgDeep }
        }
    }
    Item {
        id: frame
        anchors.fill: parent
        anchors.margins: 36 * Style.u

        Header {
            id: header
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: 100 * Style.u
            title: root.slide.kind === "contest" && contests.featured.name ? contests.featured.name : (root.slide.title || "")
            subtitle: root.slide.kind === "contest" ? "LIVE CONTEST" : (root.slide.subtitle || "")
            streamState: root.stream ? root.stream.state : EventStream.Offline
            progress: Math.min(1, root.elapsed / ((root.slide.seconds || 12) * 1000))
        }

        FeedColumn {
            id: feed
            anchors.right: parent.right
            anchors.top: header.bottom
            anchors.topMargin: 30 * Style.u
            anchors.bottom: live.top
            anchors.bottomMargin: 26 * Style.u
            width: 440 * Style.u
            stream: root.stream
        }

        Item {
            id: stage
            objectName: "stage"
            anchors.left: parent.left
            anchors.right: feed.left
            anchors.rightMargin: 32 * Style.u
            anchors.top: header.bottom
            anchors.topMargin: 36 * Style.u
            anchors.bottom: live.top
            anchors.bottomMargin: 26 * Style.u

            Repeater {
                id: slides
                model: root.playlist
                delegate: Loader {
                    id: loader
                    required property var modelData
                    required property int index
                    readonly property bool shown: index === root.current
                    width: stage.width
                    height: stage.height
                    opacity: shown ? 1 : 0
                    visible: opacity > 0
                    x: shown ? 0 : 60 * Style.u
                    Behavior on opacity { NumberAnimation { duration: 700; easing.type: Easing.InOutQuad } }
                    Behavior on x { NumberAnimation { duration: 700; easing.type: Easing.OutCubic } }
                    Component.onCompleted: {
                        const s = modelData
                        if (s.kind === "board")
                            setSource("LeaderboardSlide.qml", { stream: root.stream, metric: s.metric, period: s.period || "month" })
                        else if (s.kind === "teams")
                            setSource("TeamSlide.qml", { stream: root.stream, metric: s.metric, period: s.period || "month" })
                        else if (s.kind === "contest")
                            setSource("ContestSlide.qml", { contests: contests })
                        else if (s.kind === "chart")
                            setSource("ChartSlide.qml", { stream: root.stream, metric: s.metric || "revenue" })
                    }
                }
            }
        }

        LiveStrip {
            id: live
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: ticker.top
            anchors.bottomMargin: 22 * Style.u
            height: 96 * Style.u
            stream: root.stream
        }

        Ticker {
            id: ticker
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 62 * Style.u
            radius: 12 * Style.u
            stream: root.stream
        }
    }

    CelebrationOverlay {
        id: celebration
        anchors.fill: parent
        queue: celebrations
    }

    FlashOverlay {
        id: flash
        anchors.fill: parent
        blocked: celebration.busy
        Connections {
            target: ticker.model
            function onFlash(text) { flash.show(text) }
        }
    }
}
