import QtQuick
import Podium.Models

// Announcements crawling along the bottom edge.
Rectangle {
    id: ticker
    property alias stream: lines.stream
    property alias model: lines
    property string fallback: "Welcome to Podium  •  Every sale counts  •  Milestones are celebrated here the moment they happen"

    color: "#0A101E"
    clip: true

    TickerModel { id: lines }

    Rectangle {
        id: tag
        z: 1
        height: parent.height
        width: tagText.implicitWidth + 48 * Theme.u
        color: Theme.accent
        Text {
            textFormat: Text.PlainText
            id: tagText
            anchors.centerIn: parent
            text: "NEWS"
            color: "#1A1300"
            font.family: Theme.family
            font.bold: true
            font.letterSpacing: 4 * Theme.u
            font.pixelSize: 26 * Theme.u
        }
    }

    Text {
        textFormat: Text.PlainText
        id: crawl
        objectName: "tickerText"
        anchors.verticalCenter: parent.verticalCenter
        text: lines.text.length > 0 ? lines.text : ticker.fallback
        color: Theme.text
        font.family: Theme.family
        font.pixelSize: 30 * Theme.u
        x: tag.width + 30 * Theme.u
        // Restart the crawl whenever the text or the size changes.
        onTextChanged: scroll.restart()
        onWidthChanged: scroll.restart()
        readonly property real speed: 120 * Theme.u // pixels per second
        // The first pass starts at the tag, so the text is readable at once;
        // later passes come in from the right edge.
        SequentialAnimation {
            id: scroll
            running: true
            NumberAnimation {
                target: crawl
                property: "x"
                from: tag.width + 30 * Theme.u
                to: -crawl.width
                duration: Math.max(4000, (crawl.width + tag.width) / crawl.speed * 1000)
            }
            NumberAnimation {
                target: crawl
                property: "x"
                from: ticker.width
                to: -crawl.width
                duration: Math.max(8000, (ticker.width + crawl.width) / crawl.speed * 1000)
                loops: Animation.Infinite
            }
        }
    }
}
