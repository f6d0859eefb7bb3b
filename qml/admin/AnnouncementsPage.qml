import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style
import "Dates.js" as Dates

// Announcements: write one, see how the wall will show it, send it.
Item {
    id: page
    required property AdminApi api

    JsonListModel { id: announcements; objectName: "announcementsModel"; api: page.api; path: "/api/announcements"; listKey: "announcements"; roles: ["id", "text", "kind", "sound", "createdAt", "expiresAt"] }
    Component.onCompleted: announcements.refresh()

    // Checks the form and sends it (SendAnnouncementTask).
    function send() { sendAnnouncement.start() }

    SendAnnouncementTask {
        id: sendAnnouncement
        api: page.api
        text: annText.text
        kind: flashRadio.checked ? "flash" : "ticker"
        sound: annSound.checked
        duration: annDuration.text
        onFinished: function(succeeded) {
            sendError.ok = succeeded
            const r = sendAnnouncement.announcement
            sendError.text = succeeded ? "On the wall now: " + (r.kind === "flash" ? "news flash" : "ticker line") + " #" + r.id : sendAnnouncement.error
            if (succeeded) { annText.text = ""; announcements.refresh() }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "Announcements"
            subtitle: "A ticker line scrolls along the bottom of every wall; a news flash takes the whole screen for a moment."
            Button { text: "Refresh"; flat: true; onClicked: announcements.refresh() }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.gap

            Card {
                title: "New announcement"
                Layout.preferredWidth: 420
                Layout.fillHeight: true
                FieldLabel { text: "Kind" }
                RowLayout {
                    RadioButton { id: tickerRadio; objectName: "tickerRadio"; text: "Ticker line"; checked: true }
                    RadioButton { id: flashRadio; objectName: "flashRadio"; text: "News flash" }
                }
                FieldLabel { text: "Text" }
                TextField { id: annText; objectName: "announcementText"; placeholderText: "Pizza at 5 in the kitchen!"; Layout.fillWidth: true; onAccepted: page.send() }
                Label { textFormat: Text.PlainText; text: annText.text.length + " characters" + (annText.text.length > 90 && tickerRadio.checked ? " — long lines scroll" : ""); color: Style.faint; font.pixelSize: Style.consoleSize.caption }
                FieldLabel { text: "Show for (minutes, optional)" }
                TextField { id: annDuration; objectName: "announcementDuration"; placeholderText: "60"; Layout.fillWidth: true }
                CheckBox { id: annSound; objectName: "announcementSound"; text: "Play a sound on the wall" }
                ErrorText { id: sendError; objectName: "announcementError" }
                Button { objectName: "sendAnnouncementButton"; text: "Send to the wall"; highlighted: true; Layout.fillWidth: true; enabled: !sendAnnouncement.running; onClicked: page.send() }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Style.gap
                Card {
                    title: "Preview"
                    subtitle: "What the wall will show, at its proportions."
                    Layout.fillWidth: true
                    AnnouncementPreview {
                        objectName: "announcementPreview"
                        Layout.fillWidth: true
                        Layout.preferredHeight: width * 9 / 16
                        text: annText.text
                        kind: flashRadio.checked ? "flash" : "ticker"
                        sound: annSound.checked
                    }
                }
                Card {
                    title: "Current announcements"
                    subtitle: announcements.count + " active"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ListView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: announcements
                        delegate: RowLayout {
                            required property var model
                            width: ListView.view.width
                            height: 30
                            Label { textFormat: Text.PlainText; text: parent.model.kind === "flash" ? "FLASH" : "TICKER"; font.pixelSize: Style.consoleSize.caption; font.bold: true; color: parent.model.kind === "flash" ? Style.accent : Style.success; Layout.preferredWidth: 60 }
                            Label { textFormat: Text.PlainText; text: parent.model.text; color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true }
                            Label { textFormat: Text.PlainText; text: Dates.when(parent.model.createdAt) + (parent.model.expiresAt ? " → " + Dates.when(parent.model.expiresAt) : ""); color: Style.dim; font.pixelSize: Style.consoleSize.small }
                        }
                    }
                }
            }
        }
    }
}
