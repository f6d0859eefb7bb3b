import QtQuick
import Podium.Models
import Podium.Style

// Announcements crawling along the bottom edge: the ticker bar of
// Podium.Style, fed from the stream's ticker lines.
NewsTicker {
    id: ticker
    property alias stream: lines.stream
    property alias model: lines
    property string fallback: "Welcome to Podium  •  Every sale counts  •  Milestones are celebrated here the moment they happen"

    text: lines.text.length > 0 ? lines.text : ticker.fallback

    TickerModel { id: lines }
}
