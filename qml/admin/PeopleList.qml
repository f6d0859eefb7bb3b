import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// Everyone on file, searchable, inactive people shown or hidden. A click
// picks a person for the editor; "New person" asks for an empty form.
Card {
    id: list
    required property JsonListModel people
    property var selected: null          // highlighted: the person being edited
    property string filter: ""

    signal picked(var person)            // null: a new person

    title: "People"
    subtitle: people.count + " on file · click one to edit"
    actions: Button {
        objectName: "newPersonButton"
        text: "+ New person"
        highlighted: true
        onClicked: list.picked(null)
    }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: search
            objectName: "peopleSearch"
            placeholderText: "Search…"
            Layout.fillWidth: true
            onTextChanged: list.filter = text.toLowerCase()
        }
        Switch { id: showInactive; text: "Show inactive"; checked: true }
    }
    ListView {
        id: peopleList
        objectName: "peopleList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: list.people
        spacing: 2
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: row
            required property var model
            readonly property bool shown: (showInactive.checked || model.active)
                && (list.filter.length === 0
                    || (model.name + " " + (model.teamName || "") + " " + (model.email || "") + " " + (model.externalId || "")).toLowerCase().indexOf(list.filter) >= 0)
            width: ListView.view.width
            height: shown ? 52 : 0
            visible: shown
            highlighted: list.selected !== null && list.selected.id === model.id
            onClicked: list.picked(model.row)
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
                    Label { textFormat: Text.PlainText; text: row.model.name; font.pixelSize: Style.consoleSize.name; color: row.model.active ? Style.text : Style.faint }
                    Label {
                        textFormat: Text.PlainText
                        text: [row.model.teamName || "no team", row.model.email, row.model.externalId ? "ext " + row.model.externalId : ""].filter(function(s) { return s }).join("  ·  ")
                        font.pixelSize: Style.consoleSize.small; color: Style.dim; elide: Text.ElideRight; Layout.fillWidth: true
                    }
                }
                Label { textFormat: Text.PlainText; text: "#" + row.model.id; color: Style.faint; font.pixelSize: Style.consoleSize.small }
                Rectangle {
                    visible: !row.model.active
                    radius: 4; color: Style.dangerSurface; implicitWidth: inactiveLabel.implicitWidth + 12; implicitHeight: 20
                    Label { textFormat: Text.PlainText; id: inactiveLabel; anchors.centerIn: parent; text: "INACTIVE"; font.pixelSize: Style.consoleSize.tiny; color: Style.danger }
                }
            }
        }
    }
}
