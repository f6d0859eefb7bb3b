import QtQuick
import QtQuick.Controls.Material

// A ComboBox whose list shows its entries as plain text: the style's list
// item renders markup (Text's AutoText), and the entries are names people
// typed. The closed box shows its text in a TextField, which never does.
ComboBox {
    id: combo
    delegate: MenuItem {
        id: entry
        width: ListView.view.width
        text: combo.textRole ? (Array.isArray(combo.model) ? modelData[combo.textRole] : model[combo.textRole]) : modelData
        highlighted: combo.highlightedIndex === index
        hoverEnabled: combo.hoverEnabled
        contentItem: Label {
            textFormat: Text.PlainText
            text: entry.text
            font: entry.font
            color: entry.enabled ? entry.Material.foreground : entry.Material.hintTextColor
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }
    }
}
