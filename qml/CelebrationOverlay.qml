import QtQuick
import Podium.Models
import Podium.Style

// The full-screen moment for an achievement. It plays the queue's current
// celebration, then asks for the next one: never two at once, none skipped.
// Rarity sets the colour, the burst and the time on screen; a legendary one
// is gold, with rays, glitter and the biggest, longest shower.
Item {
    id: overlay
    property CelebrationQueue queue
    readonly property var item: queue && queue.active ? queue.current : ({})
    readonly property string rarity: item.rarity || "common"
    readonly property bool legendary: rarity === "legendary"
    readonly property color tone: Style.rarityColor(rarity)
    readonly property bool busy: queue !== null && queue.active
    // Past a few waiting, the next ones are shown with the current one as a
    // roll call and retired with it: a flood drains instead of piling up.
    property var rollCall: []

    objectName: "celebrationOverlay"
    opacity: 0
    visible: opacity > 0.001

    // Time on screen: rarer is longer; a backlog shortens each show so the
    // queue drains instead of growing.
    function duration() {
        const base = { legendary: 9500, epic: 7500, rare: 6500 }[rarity] || 5500
        const waiting = queue ? queue.pending : 0
        const factor = waiting > 8 ? 0.4 : waiting > 2 ? 0.6 : 1
        return Math.max(2500, base * factor)
    }

    function play() {
        outro.stop()
        fadeOut.stop()
        rollCall = queue.pending >= 6 ? queue.upcoming(5) : []
        intro.restart()
        confetti.burst()
        hold.interval = duration()
        hold.restart()
    }

    Connections {
        target: overlay.queue
        function onStarted() { overlay.play() }
        // Emptied from outside (or the last one finished): just fade away.
        function onCurrentChanged() {
            if (!overlay.queue.active) {
                hold.stop()
                fadeOut.start()
            }
        }
    }
    NumberAnimation { id: fadeOut; target: overlay; property: "opacity"; to: 0; duration: 450 }
    Component.onCompleted: if (busy) play()

    Timer {
        id: hold
        onTriggered: outro.start()
    }
    SequentialAnimation {
        id: intro
        NumberAnimation { target: overlay; property: "opacity"; to: 1; duration: 350 }
    }
    SequentialAnimation {
        id: outro
        NumberAnimation { target: overlay; property: "opacity"; to: 0; duration: 450 }
        PauseAnimation { duration: 250 }
        ScriptAction { script: overlay.queue.finishCurrent(overlay.rollCall.length) }
    }

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0; color: Qt.rgba(overlay.tone.r * 0.3, overlay.tone.g * 0.3, overlay.tone.b * 0.3, 0.94) }
            GradientStop { position: 0.55; color: Qt.rgba(0.02, 0.03, 0.07, 0.95) }
            GradientStop { position: 1; color: Qt.rgba(0.01, 0.01, 0.03, 0.97) }
        }
    }

    // Rays turning slowly behind the emblem, for epic and legendary.
    Item {
        id: rays
        visible: overlay.rarity === "legendary" || overlay.rarity === "epic"
        x: parent.width / 2
        y: emblem.y + emblem.height / 2 + card.y
        RotationAnimation on rotation { from: 0; to: 360; duration: 40000; loops: Animation.Infinite; running: rays.visible }
        Repeater {
            model: 16
            delegate: Rectangle {
                required property int index
                width: 70 * Style.u
                height: overlay.height * 0.9
                x: -width / 2
                y: 0
                transformOrigin: Item.Top
                rotation: index * 22.5
                opacity: overlay.legendary ? 0.22 : 0.12
                gradient: Gradient {
                    GradientStop { position: 0; color: overlay.tone }
                    GradientStop { position: 1; color: "transparent" }
                }
            }
        }
    }

    Confetti {
        id: confetti
        anchors.fill: parent
        palette: Style.celebrationColours(overlay.rarity)
        amount: overlay.legendary ? 520 : overlay.rarity === "epic" ? 380 : overlay.rarity === "rare" ? 260 : 180
        sparkle: overlay.legendary
    }

    Column {
        id: card
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.verticalCenter: parent.verticalCenter
        anchors.verticalCenterOffset: overlay.rollCall.length > 0 ? -120 * Style.u : 0
        width: parent.width * 0.8
        spacing: 22 * Style.u
        scale: overlay.opacity < 1 ? 0.85 + 0.15 * overlay.opacity : 1

        Text {
            textFormat: Text.PlainText
            objectName: "celebrationRarity"
            anchors.horizontalCenter: parent.horizontalCenter
            text: overlay.rarity.toUpperCase() + (overlay.item.achievementType === "badge" ? "  BADGE" : "  ACHIEVEMENT")
            color: overlay.tone
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 10 * Style.u
            font.pixelSize: (overlay.legendary ? 40 : 30) * Style.u
        }
        Rectangle {
            id: emblem
            anchors.horizontalCenter: parent.horizontalCenter
            width: (overlay.legendary ? 300 : 240) * Style.u
            height: width
            radius: width / 2
            gradient: Gradient {
                GradientStop { position: 0; color: Qt.lighter(overlay.tone, 1.35) }
                GradientStop { position: 1; color: Qt.darker(overlay.tone, 1.8) }
            }
            border.color: Qt.lighter(overlay.tone, 1.5)
            border.width: 6 * Style.u
            SequentialAnimation on scale {
                running: overlay.visible
                loops: Animation.Infinite
                NumberAnimation { to: 1.06; duration: 700; easing.type: Easing.InOutSine }
                NumberAnimation { to: 1.0; duration: 700; easing.type: Easing.InOutSine }
            }
            Text {
                textFormat: Text.PlainText
                anchors.centerIn: parent
                text: Style.glyph(overlay.item.icon, overlay.item.achievementType)
                color: Style.textOnColour
                style: Text.Raised
                styleColor: Qt.darker(overlay.tone, 2.5)
                font.family: Style.family
                font.bold: true
                font.pixelSize: emblem.width * 0.5
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "celebrationTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: overlay.item.title || ""
            wrapMode: Text.WordWrap
            color: overlay.legendary ? Style.accentLight : Style.text
            style: Text.Raised
            styleColor: Style.shadow
            font.family: Style.family
            font.bold: true
            font.pixelSize: (overlay.legendary ? 104 : 88) * Style.u
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 24 * Style.u
            Avatar {
                anchors.verticalCenter: parent.verticalCenter
                size: 96 * Style.u
                initials: overlay.item.initials || ""
                fill: overlay.item.color || Style.avatarFallback
                ring: overlay.tone
            }
            Column {
                anchors.verticalCenter: parent.verticalCenter
                Text {
                    textFormat: Text.PlainText
                    objectName: "celebrationName"
                    text: overlay.item.name || ""
                    color: Style.text
                    font.family: Style.family
                    font.bold: true
                    font.pixelSize: 54 * Style.u
                }
                Text {
                    textFormat: Text.PlainText
                    text: overlay.item.teamName || ""
                    visible: text.length > 0
                    color: Style.dim
                    font.family: Style.family
                    font.pixelSize: 30 * Style.u
                }
            }
        }
        Text {
            textFormat: Text.PlainText
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: overlay.item.description || ""
            wrapMode: Text.WordWrap
            color: Style.dim
            font.family: Style.family
            font.pixelSize: 36 * Style.u
        }
    }

    Column {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 50 * Style.u
        spacing: 8 * Style.u
        visible: overlay.rollCall.length > 0
        Text {
            textFormat: Text.PlainText
            anchors.horizontalCenter: parent.horizontalCenter
            text: "ALSO CELEBRATING"
            color: Style.dim
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 6 * Style.u
            font.pixelSize: 22 * Style.u
        }
        Repeater {
            model: overlay.rollCall
            delegate: Text {
                textFormat: Text.PlainText
                required property var modelData
                anchors.horizontalCenter: parent.horizontalCenter
                text: modelData.name + "  ·  " + modelData.title
                color: Style.rarityColor(modelData.rarity)
                font.family: Style.family
                font.bold: true
                font.pixelSize: 28 * Style.u
            }
        }
    }

    Text {
        textFormat: Text.PlainText
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 40 * Style.u
        visible: overlay.queue !== null && overlay.queue.pending - overlay.rollCall.length > 0
        text: overlay.queue ? "+" + (overlay.queue.pending - overlay.rollCall.length) + " more to celebrate" : ""
        color: Style.dim
        font.family: Style.family
        font.pixelSize: 28 * Style.u
    }
}
