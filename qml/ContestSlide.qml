import QtQuick
import Podium.Models
import "Fmt.js" as Fmt
import Podium.Style

// The contest that matters now: its name, a big countdown, its standings.
Item {
    id: slide
    property ContestModel contests
    readonly property var contest: contests ? contests.featured : ({})
    readonly property bool available: contests !== null && contests.count > 0
    readonly property bool live: contest.state === "live"
    readonly property bool ended: contest.state === "ended"

    Column {
        id: left
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.topMargin: 20 * Style.u
        width: parent.width * 0.46
        spacing: 18 * Style.u

        Rectangle {
            width: chip.implicitWidth + 36 * Style.u
            height: 46 * Style.u
            radius: height / 2
            color: slide.live ? Style.down : slide.ended ? Style.panelHi : Style.connecting
            Text {
                textFormat: Text.PlainText
                id: chip
                anchors.centerIn: parent
                text: slide.live ? "● LIVE CONTEST" : slide.ended ? "FINAL RESULTS" : "STARTS SOON"
                color: Style.textOnColour
                font.family: Style.family
                font.bold: true
                font.letterSpacing: 3 * Style.u
                font.pixelSize: 22 * Style.u
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "contestName"
            width: parent.width
            text: slide.contest.name || ""
            wrapMode: Text.WordWrap
            color: Style.text
            font.family: Style.family
            font.bold: true
            font.pixelSize: 72 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            text: slide.live ? "ENDS IN" : slide.ended ? "ENDED" : "STARTS IN"
            color: Style.dim
            font.family: Style.family
            font.letterSpacing: 6 * Style.u
            font.pixelSize: 26 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            objectName: "countdown"
            text: slide.ended ? "00:00" : Fmt.clock(slide.live ? (slide.contest.remainingSeconds || 0)
                                                               : (new Date(slide.contest.startsAt) - new Date()) / 1000)
            color: slide.live && (slide.contest.remainingSeconds || 0) < 60 ? Style.down : Style.accent
            font.family: Style.family
            font.bold: true
            font.pixelSize: 150 * Style.u
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            visible: text.length > 0
            text: {
                const prizes = slide.contest.prizes || []
                const parts = []
                for (let i = 0; i < prizes.length && i < 3; ++i) {
                    const p = prizes[i]
                    parts.push(typeof p === "string" ? p : (p.label || p.name || p.prize || JSON.stringify(p)))
                }
                return parts.length ? "Prizes: " + parts.join("  ·  ") : ""
            }
            wrapMode: Text.WordWrap
            color: Style.dim
            font.family: Style.family
            font.pixelSize: 26 * Style.u
        }
    }

    Column {
        anchors.left: left.right
        anchors.leftMargin: 40 * Style.u
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: 20 * Style.u
        spacing: 14 * Style.u
        Text {
            textFormat: Text.PlainText
            text: "STANDINGS"
            color: Style.dim
            font.family: Style.family
            font.letterSpacing: 6 * Style.u
            font.pixelSize: 24 * Style.u
        }
        Repeater {
            model: (slide.contest.standings || []).slice(0, 6)
            delegate: Rectangle {
                required property var modelData
                width: parent.width
                height: 92 * Style.u
                radius: 16 * Style.u
                color: modelData.rank === 1 ? Qt.rgba(1, 0.8, 0.25, 0.14) : Style.panel
                border.color: modelData.rank <= 3 ? Style.medal(modelData.rank) : Style.line
                border.width: Math.max(1, 2 * Style.u)
                Text {
                    textFormat: Text.PlainText
                    id: place
                    anchors.left: parent.left
                    anchors.leftMargin: 26 * Style.u
                    anchors.verticalCenter: parent.verticalCenter
                    width: 60 * Style.u
                    text: modelData.rank
                    color: Style.medal(modelData.rank)
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 42 * Style.u
                }
                Avatar {
                    id: face
                    anchors.left: place.right
                    anchors.verticalCenter: parent.verticalCenter
                    size: 60 * Style.u
                    initials: modelData.initials || Fmt.initials(modelData.name)
                    fill: modelData.color || Style.avatarFallback
                }
                Text {
                    textFormat: Text.PlainText
                    anchors.left: face.right
                    anchors.leftMargin: 20 * Style.u
                    anchors.right: score.left
                    anchors.verticalCenter: parent.verticalCenter
                    text: modelData.name || ""
                    elide: Text.ElideRight
                    color: Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 34 * Style.u
                }
                Text {
                    textFormat: Text.PlainText
                    id: score
                    anchors.right: parent.right
                    anchors.rightMargin: 26 * Style.u
                    anchors.verticalCenter: parent.verticalCenter
                    text: modelData.formatted || ""
                    color: modelData.rank === 1 ? Style.accent : Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 38 * Style.u
                }
            }
        }
        Text {
            textFormat: Text.PlainText
            visible: (slide.contest.standings || []).length === 0
            text: "No scores yet — first one takes the lead!"
            color: Style.dim
            font.family: Style.family
            font.pixelSize: 30 * Style.u
        }
    }
}
