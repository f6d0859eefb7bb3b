import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// People, teams and tokens. Pick a person on the left to edit them on the
// right; "New person" empties the form. Each card is its own file: the list
// (PeopleList), the form (PersonEditor), the teams (TeamsCard) and the
// tokens (TokensCard); this page lays them out and holds who is selected.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel people
    required property JsonListModel teams
    property var shared
    property var selected: null          // the person being edited, or null for a new one

    // Edits `person` (null: a new one).
    function edit(person) {
        selected = person
        editor.load(person)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "People & Teams"
            subtitle: "Everyone on the boards, their teams and colours, and the tokens that let people, TVs and systems in."
            Button { text: "Refresh"; flat: true; onClicked: { page.people.refresh(); page.teams.refresh(); tokensCard.refresh() } }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.gap

            PeopleList {
                people: page.people
                selected: page.selected
                Layout.fillWidth: true
                Layout.fillHeight: true
                onPicked: function(person) { page.edit(person) }
            }

            PersonEditor {
                id: editor
                api: page.api
                people: page.people
                teams: page.teams
                selected: page.selected
                Layout.preferredWidth: 380
                Layout.fillHeight: true
                onSaved: function(person) { page.selected = person }
            }

            ColumnLayout {
                Layout.preferredWidth: 400
                Layout.fillHeight: true
                spacing: Style.gap

                TeamsCard {
                    api: page.api
                    teams: page.teams
                    people: page.people
                    Layout.fillWidth: true
                    Layout.preferredHeight: 300
                }

                TokensCard {
                    id: tokensCard
                    api: page.api
                    selected: page.selected
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                }
            }
        }
    }
}
