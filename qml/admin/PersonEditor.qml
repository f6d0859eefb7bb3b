import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// The form for one person: a new one (selected is null) or the one picked in
// the list. Saving goes through SavePersonTask, which finds or creates the
// team; deactivating (SetPersonActiveTask) keeps the person's history.
Card {
    id: editor
    required property AdminApi api
    required property JsonListModel people
    required property JsonListModel teams
    property var selected: null          // the person being edited, or null for a new one

    // The server's answer after a save or (de)activation: the person now.
    signal saved(var person)

    readonly property var palette: Style.identityColours

    // Fills the form from `person` (null: empties it).
    function load(person) {
        nameField.text = person ? person.name : ""
        teamField.text = person ? (person.teamName || "") : ""
        colorField.text = person ? (person.color || "") : ""
        emailField.text = person ? (person.email || "") : ""
        externalField.text = person ? (person.externalId || "") : ""
        personError.text = ""
        personError.ok = false
    }

    function setActive(active) {
        if (!selected) return
        setPersonActive.active = active
        setPersonActive.start()
    }

    SetPersonActiveTask {
        id: setPersonActive
        api: editor.api
        personId: editor.selected ? editor.selected.id : 0
        onFinished: function(succeeded) {
            personError.ok = succeeded
            const person = setPersonActive.person
            personError.text = succeeded ? person.name + (setPersonActive.active ? " is active again" : " is deactivated") : setPersonActive.error
            if (succeeded) { editor.saved(person); editor.people.refresh() }
        }
    }

    SavePersonTask {
        id: savePerson
        api: editor.api
        personId: editor.selected ? editor.selected.id : 0
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
            editor.saved(person)
            editor.people.refresh(); editor.teams.refresh()
        }
    }

    title: selected ? "Edit " + selected.name : "New person"
    subtitle: selected ? "id " + selected.id + " · changes apply to every board at once" : "Fill in at least a name and a team; a new team name creates the team."

    FieldLabel { text: "Name" }
    TextField { id: nameField; objectName: "personName"; Layout.fillWidth: true; placeholderText: "Ann Lee" }
    FieldLabel { text: "Team" }
    TextField { id: teamField; objectName: "personTeam"; Layout.fillWidth: true; placeholderText: "existing or new team name" }
    Flow {
        Layout.fillWidth: true
        spacing: 6
        Repeater {
            model: editor.teams
            delegate: Rectangle {
                required property var model
                radius: 12; height: 24; width: teamChip.implicitWidth + 20
                color: teamField.text === model.name ? Style.panelHi : "transparent"
                border.color: model.color || Style.line
                Label { textFormat: Text.PlainText; id: teamChip; anchors.centerIn: parent; text: parent.model.name; font.pixelSize: Style.consoleSize.small; color: Style.text }
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
            model: editor.palette
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
            text: editor.selected ? "Save changes" : "Add person"
            highlighted: true
            Layout.fillWidth: true
            enabled: !savePerson.running
            onClicked: savePerson.start()
        }
        Button {
            objectName: "deactivateButton"
            visible: editor.selected !== null
            text: editor.selected && editor.selected.active ? "Deactivate" : "Reactivate"
            enabled: !setPersonActive.running
            onClicked: editor.setActive(!(editor.selected && editor.selected.active))
        }
    }
    Item { Layout.fillHeight: true }
}
