import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// The teams: add one, or pick one to rename it or change its colour.
Card {
    id: teamCard
    required property AdminApi api
    required property JsonListModel teams
    required property JsonListModel people   // shows team names: refreshed after a rename
    property var team: null

    title: "Teams"
    subtitle: "Click a team to rename it or change its colour."

    ListView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: teamCard.teams
        delegate: ItemDelegate {
            required property var model
            width: ListView.view.width
            height: 34
            highlighted: teamCard.team !== null && teamCard.team.id === model.id
            onClicked: { teamCard.team = model.row; teamName.text = model.name; teamColor.text = model.color || "" }
            contentItem: RowLayout {
                Rectangle { width: 14; height: 14; radius: 7; color: parent.parent.model.color || Style.faint }
                Label { textFormat: Text.PlainText; text: parent.parent.model.name; color: Style.text; Layout.fillWidth: true }
                Label { textFormat: Text.PlainText; text: "#" + parent.parent.model.id; color: Style.faint; font.pixelSize: Style.consoleSize.small }
            }
        }
    }
    RowLayout {
        TextField { id: teamName; objectName: "teamName"; placeholderText: "Team name"; Layout.fillWidth: true }
        TextField { id: teamColor; objectName: "teamColor"; placeholderText: "#RRGGBB"; Layout.preferredWidth: 100 }
    }
    RowLayout {
        Button {
            text: "Add team"
            onClicked: teamCard.api.post("/api/teams", teamColor.text ? { name: teamName.text, color: teamColor.text } : { name: teamName.text }, function(s, r) {
                teamError.ok = s === 201
                teamError.text = s === 201 ? "Added team " + r.name : teamCard.api.errorText(s, r)
                if (s === 201) teamCard.teams.refresh()
            })
        }
        Button {
            text: "Save team"
            enabled: teamCard.team !== null
            onClicked: teamCard.api.patch("/api/teams/" + teamCard.team.id, teamColor.text ? { name: teamName.text, color: teamColor.text } : { name: teamName.text }, function(s, r) {
                teamError.ok = s === 200
                teamError.text = s === 200 ? "Saved team " + r.name : teamCard.api.errorText(s, r)
                if (s === 200) { teamCard.teams.refresh(); teamCard.people.refresh() }
            })
        }
    }
    ErrorText { id: teamError }
}
