import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// People, teams and tokens. Pick a person on the left to edit them on the
// right; "New person" empties the form. Deactivating keeps their history.
Item {
    id: page
    required property AdminApi api
    required property JsonListModel people
    required property JsonListModel teams
    property var shared
    property var selected: null          // the person being edited, or null for a new one
    property string filter: ""

    readonly property var palette: Style.identityColours

    function edit(person) {
        selected = person
        nameField.text = person ? person.name : ""
        teamField.text = person ? (person.teamName || "") : ""
        colorField.text = person ? (person.color || "") : ""
        emailField.text = person ? (person.email || "") : ""
        externalField.text = person ? (person.externalId || "") : ""
        personError.text = ""
        personError.ok = false
    }

    // Adds the person, or saves the one being edited (finding or creating
    // their team first: SavePersonTask).
    SavePersonTask {
        id: savePerson
        api: page.api
        personId: page.selected ? page.selected.id : 0
        name: nameField.text
        team: teamField.text
        color: colorField.text
        email: emailField.text
        externalId: externalField.text
        onFinished: function(succeeded) {
            personError.ok = succeeded
            if (!succeeded) {
                personError.text = savePerson.error
                return
            }
            const person = savePerson.person
            personError.text = savePerson.created ? "Added " + person.name + " (id " + person.id + ")" : "Saved " + person.name
            page.selected = person
            page.people.refresh(); page.teams.refresh()
        }
    }

    IssueTokenTask {
        id: issueToken
        api: page.api
        kind: tokenKind.currentText
        label: tokenLabel.text
        personId: page.selected ? page.selected.id : 0
        onFinished: function(succeeded) {
            tokenError.ok = succeeded
            tokenError.text = succeeded ? "Issued #" + issueToken.tokenId + " — copy it now, it is not shown again:" : issueToken.error
            tokens.refresh()
        }
    }

    function setActive(active) {
        if (!selected) return
        api.patch("/api/people/" + selected.id, { active: active }, function(status, reply) {
            personError.ok = status === 200
            personError.text = status === 200 ? (reply.name + (active ? " is active again" : " is deactivated")) : api.errorText(status, reply)
            if (status === 200) { selected = reply; people.refresh() }
        })
    }

    JsonListModel { id: tokens; api: page.api; path: "/api/tokens"; listKey: "tokens"; roles: ["id", "kind", "person", "label"] }
    Component.onCompleted: tokens.refresh()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Style.gap

        PageHeader {
            title: "People & Teams"
            subtitle: "Everyone on the boards, their teams and colours, and the tokens that let people, TVs and systems in."
            Button { text: "Refresh"; flat: true; onClicked: { people.refresh(); teams.refresh(); tokens.refresh() } }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Style.gap

            // ---- the list ----
            Card {
                title: "People"
                subtitle: people.count + " on file · click one to edit"
                Layout.fillWidth: true
                Layout.fillHeight: true
                actions: Button {
                    objectName: "newPersonButton"
                    text: "+ New person"
                    highlighted: true
                    onClicked: page.edit(null)
                }
                RowLayout {
                    Layout.fillWidth: true
                    TextField {
                        id: search
                        objectName: "peopleSearch"
                        placeholderText: "Search…"
                        Layout.fillWidth: true
                        onTextChanged: page.filter = text.toLowerCase()
                    }
                    Switch { id: showInactive; text: "Show inactive"; checked: true }
                }
                ListView {
                    id: peopleList
                    objectName: "peopleList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.people
                    spacing: 2
                    ScrollBar.vertical: ScrollBar {}
                    delegate: ItemDelegate {
                        id: row
                        required property var model
                        readonly property bool shown: (showInactive.checked || model.active)
                            && (page.filter.length === 0
                                || (model.name + " " + (model.teamName || "") + " " + (model.email || "") + " " + (model.externalId || "")).toLowerCase().indexOf(page.filter) >= 0)
                        width: ListView.view.width
                        height: shown ? 52 : 0
                        visible: shown
                        highlighted: page.selected !== null && page.selected.id === model.id
                        onClicked: page.edit(model.row)
                        background: Rectangle { color: row.highlighted ? Style.panelHi : row.hovered ? Style.hover : "transparent"; radius: 6 }
                        contentItem: RowLayout {
                            spacing: 12
                            Avatar {
                                size: 34
                                fill: row.model.color || Style.faint
                                initials: row.model.initials || "?"
                                opacity: row.model.active ? 1 : 0.4
                            }
                            ColumnLayout {
                                spacing: 0
                                Layout.fillWidth: true
                                Label { textFormat: Text.PlainText; text: row.model.name; font.pixelSize: 15; color: row.model.active ? Style.text : Style.faint }
                                Label {
                                    textFormat: Text.PlainText
                                    text: [row.model.teamName || "no team", row.model.email, row.model.externalId ? "ext " + row.model.externalId : ""].filter(function(s) { return s }).join("  ·  ")
                                    font.pixelSize: 12; color: Style.dim; elide: Text.ElideRight; Layout.fillWidth: true
                                }
                            }
                            Label { textFormat: Text.PlainText; text: "#" + row.model.id; color: Style.faint; font.pixelSize: 12 }
                            Rectangle {
                                visible: !row.model.active
                                radius: 4; color: Style.dangerSurface; implicitWidth: inactiveLabel.implicitWidth + 12; implicitHeight: 20
                                Label { textFormat: Text.PlainText; id: inactiveLabel; anchors.centerIn: parent; text: "INACTIVE"; font.pixelSize: 10; color: Style.danger }
                            }
                        }
                    }
                }
            }

            // ---- the form ----
            Card {
                id: form
                title: page.selected ? "Edit " + page.selected.name : "New person"
                subtitle: page.selected ? "id " + page.selected.id + " · changes apply to every board at once" : "Fill in at least a name and a team; a new team name creates the team."
                Layout.preferredWidth: 380
                Layout.fillHeight: true

                FieldLabel { text: "Name" }
                TextField { id: nameField; objectName: "personName"; Layout.fillWidth: true; placeholderText: "Ann Lee" }
                FieldLabel { text: "Team" }
                TextField { id: teamField; objectName: "personTeam"; Layout.fillWidth: true; placeholderText: "existing or new team name" }
                Flow {
                    Layout.fillWidth: true
                    spacing: 6
                    Repeater {
                        model: page.teams
                        delegate: Rectangle {
                            required property var model
                            radius: 12; height: 24; width: teamChip.implicitWidth + 20
                            color: teamField.text === model.name ? Style.panelHi : "transparent"
                            border.color: model.color || Style.line
                            Label { textFormat: Text.PlainText; id: teamChip; anchors.centerIn: parent; text: parent.model.name; font.pixelSize: 12; color: Style.text }
                            MouseArea { anchors.fill: parent; onClicked: teamField.text = parent.model.name }
                        }
                    }
                }
                FieldLabel { text: "Colour" }
                RowLayout {
                    Layout.fillWidth: true
                    Rectangle { width: 28; height: 28; radius: 14; color: /^#[0-9a-fA-F]{6}$/.test(colorField.text) ? colorField.text : "transparent"; border.color: Style.line }
                    TextField { id: colorField; objectName: "personColor"; Layout.fillWidth: true; placeholderText: "#RRGGBB (optional)" }
                }
                Row {
                    spacing: 6
                    Repeater {
                        model: page.palette
                        delegate: Rectangle {
                            required property string modelData
                            width: 26; height: 26; radius: 13; color: modelData
                            border.width: colorField.text.toUpperCase() === modelData ? 2 : 0
                            border.color: Style.textOnColour
                            MouseArea { anchors.fill: parent; onClicked: colorField.text = parent.modelData }
                        }
                    }
                }
                FieldLabel { text: "E-mail" }
                TextField { id: emailField; objectName: "personEmail"; Layout.fillWidth: true; placeholderText: "optional" }
                FieldLabel { text: "External id (CRM, LMS…)" }
                TextField { id: externalField; objectName: "personExternalId"; Layout.fillWidth: true; placeholderText: "optional" }
                ErrorText { id: personError; objectName: "personError" }
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        objectName: "savePersonButton"
                        text: page.selected ? "Save changes" : "Add person"
                        highlighted: true
                        Layout.fillWidth: true
                        enabled: !savePerson.running
                        onClicked: savePerson.start()
                    }
                    Button {
                        objectName: "deactivateButton"
                        visible: page.selected !== null
                        text: page.selected && page.selected.active ? "Deactivate" : "Reactivate"
                        onClicked: page.setActive(!(page.selected && page.selected.active))
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // ---- teams and tokens ----
            ColumnLayout {
                Layout.preferredWidth: 400
                Layout.fillHeight: true
                spacing: Style.gap

                Card {
                    id: teamCard
                    title: "Teams"
                    subtitle: "Click a team to rename it or change its colour."
                    Layout.fillWidth: true
                    Layout.preferredHeight: 300
                    property var team: null
                    ListView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: page.teams
                        delegate: ItemDelegate {
                            required property var model
                            width: ListView.view.width
                            height: 34
                            highlighted: teamCard.team !== null && teamCard.team.id === model.id
                            onClicked: { teamCard.team = model.row; teamName.text = model.name; teamColor.text = model.color || "" }
                            contentItem: RowLayout {
                                Rectangle { width: 14; height: 14; radius: 7; color: parent.parent.model.color || Style.faint }
                                Label { textFormat: Text.PlainText; text: parent.parent.model.name; color: Style.text; Layout.fillWidth: true }
                                Label { textFormat: Text.PlainText; text: "#" + parent.parent.model.id; color: Style.faint; font.pixelSize: 12 }
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
                            onClicked: page.api.post("/api/teams", teamColor.text ? { name: teamName.text, color: teamColor.text } : { name: teamName.text }, function(s, r) {
                                teamError.ok = s === 201
                                teamError.text = s === 201 ? "Added team " + r.name : page.api.errorText(s, r)
                                if (s === 201) page.teams.refresh()
                            })
                        }
                        Button {
                            text: "Save team"
                            enabled: teamCard.team !== null
                            onClicked: page.api.patch("/api/teams/" + teamCard.team.id, teamColor.text ? { name: teamName.text, color: teamColor.text } : { name: teamName.text }, function(s, r) {
                                teamError.ok = s === 200
                                teamError.text = s === 200 ? "Saved team " + r.name : page.api.errorText(s, r)
                                if (s === 200) { page.teams.refresh(); page.people.refresh() }
                            })
                        }
                    }
                    ErrorText { id: teamError }
                }

                Card {
                    title: "Tokens"
                    subtitle: "Issue one per person, TV (display), system (integration) or admin. The text shows once."
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ListView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: tokens
                        delegate: RowLayout {
                            required property var model
                            width: ListView.view.width
                            height: 34
                            Label { textFormat: Text.PlainText; text: "#" + parent.model.id; color: Style.faint; font.pixelSize: 12; Layout.preferredWidth: 32 }
                            Label { textFormat: Text.PlainText; text: parent.model.kind; color: Style.accent; font.pixelSize: 13; Layout.preferredWidth: 80 }
                            Label {
                                textFormat: Text.PlainText
                                text: (parent.model.label || "") + (parent.model.person ? "  person #" + parent.model.person : "")
                                color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true
                            }
                            Button {
                                text: "Revoke"; flat: true
                                Material.foreground: Style.danger
                                onClicked: page.api.del("/api/tokens/" + parent.model.id, function(s, r) {
                                    tokenError.ok = s === 200
                                    tokenError.text = s === 200 ? "Token #" + r.revoked + " revoked" : page.api.errorText(s, r)
                                    tokens.refresh()
                                })
                            }
                        }
                    }
                    RowLayout {
                        PlainCombo { id: tokenKind; model: ["display", "integration", "person", "admin"]; Layout.preferredWidth: 140 }
                        TextField { id: tokenLabel; placeholderText: tokenKind.currentText === "person" ? "for the selected person" : "label, e.g. lobby TV"; Layout.fillWidth: true }
                        Button {
                            text: "Issue"
                            highlighted: true
                            enabled: !issueToken.running
                            onClicked: issueToken.start()
                        }
                    }
                    ErrorText { id: tokenError }
                    TextField { id: issued; text: issueToken.token; visible: text.length > 0; readOnly: true; selectByMouse: true; Layout.fillWidth: true; color: Style.accent }
                }
            }
        }
    }
}
