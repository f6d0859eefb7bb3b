import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// The teams: add one, or pick one to rename it or change its colour
// (SaveTeamTask).
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
            objectName: "addTeamButton"
            text: "Add team"
            enabled: !addTeam.running
            onClicked: addTeam.start()
        }
        Button {
            objectName: "saveTeamButton"
            text: "Save team"
            enabled: teamCard.team !== null && !saveTeam.running
            onClicked: saveTeam.start()
        }
    }
    SaveTeamTask {
        id: addTeam
        api: teamCard.api
        name: teamName.text
        color: teamColor.text
        onFinished: function(succeeded) {
            teamError.ok = succeeded
            teamError.text = succeeded ? "Added team " + addTeam.team.name : addTeam.error
            if (succeeded) teamCard.teams.refresh()
        }
    }
    SaveTeamTask {
        id: saveTeam
        api: teamCard.api
        teamId: teamCard.team ? teamCard.team.id : 0
        name: teamName.text
        color: teamColor.text
        onFinished: function(succeeded) {
            teamError.ok = succeeded
            teamError.text = succeeded ? "Saved team " + saveTeam.team.name : saveTeam.error
            if (succeeded) { teamCard.teams.refresh(); teamCard.people.refresh() }
        }
    }
    ErrorText { id: teamError; objectName: "teamError" }
}
