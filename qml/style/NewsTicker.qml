import QtQuick

// The ticker bar along the bottom of the wall: a NEWS tag and a line that
// crawls past it. The wall feeds it announcements; the console's preview
// feeds it what is being typed. `u` is the wall's unit at this size.
Rectangle {
    id: ticker
    property string text
    property real u: Style.u
    property bool crawling: true // false holds the line still at the tag
    property color textColor: Style.text

    color: Style.tickerBar
    clip: true

    Rectangle {
        id: tag
        z: 1
        height: parent.height
        width: tagText.implicitWidth + 48 * ticker.u
        color: Style.accent
        Text {
            textFormat: Text.PlainText
            id: tagText
            anchors.centerIn: parent
            text: "NEWS"
            color: Style.textOnAccent
            font.family: Style.family
            font.bold: true
            font.letterSpacing: 4 * ticker.u
            font.pixelSize: Style.tvSize.label * ticker.u
        }
    }

    Text {
        textFormat: Text.PlainText
        id: crawl
        objectName: "tickerText"
        anchors.verticalCenter: parent.verticalCenter
        text: ticker.text
        color: ticker.textColor
        font.family: Style.family
        font.pixelSize: Style.tvSize.body * ticker.u
        x: tag.width + 30 * ticker.u
        // Restart the crawl whenever the text or the size changes.
        onTextChanged: if (ticker.crawling) scroll.restart()
        onWidthChanged: if (ticker.crawling) scroll.restart()
        readonly property real speed: 120 * ticker.u // pixels per second
        // The first pass starts at the tag, so the text is readable at once;
        // later passes come in from the right edge.
        SequentialAnimation {
            id: scroll
            running: ticker.crawling
            NumberAnimation {
                target: crawl
                property: "x"
                from: tag.width + 30 * ticker.u
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
