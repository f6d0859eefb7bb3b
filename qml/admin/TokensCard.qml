import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material
import Podium.AdminModels
import Podium.Style

// The tokens that let people, TVs and systems in: issue one (IssueTokenTask;
// a person token is for the person picked in the list) or revoke one
// (RevokeTokenTask). A token's text shows once, right after it is issued.
Card {
    id: tokensCard
    required property AdminApi api
    property var selected: null          // the person a person token is for

    function refresh() { tokens.refresh() }

    JsonListModel { id: tokens; api: tokensCard.api; path: "/api/tokens"; listKey: "tokens"; roles: ["id", "kind", "person", "label"] }
    Component.onCompleted: tokens.refresh()

    IssueTokenTask {
        id: issueToken
        api: tokensCard.api
        kind: tokenKind.currentText
        label: tokenLabel.text
        personId: tokensCard.selected ? tokensCard.selected.id : 0
        onFinished: function(succeeded) {
            tokenError.ok = succeeded
            tokenError.text = succeeded ? "Issued #" + issueToken.tokenId + " — copy it now, it is not shown again:" : issueToken.error
            tokens.refresh()
        }
    }

    title: "Tokens"
    subtitle: "Issue one per person, TV (display), system (integration) or admin. The text shows once."

    ListView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: tokens
        delegate: RowLayout {
            id: tokenRow
            required property var model
            width: ListView.view.width
            height: 34
            Label { textFormat: Text.PlainText; text: "#" + parent.model.id; color: Style.faint; font.pixelSize: Style.consoleSize.small; Layout.preferredWidth: 32 }
            Label { textFormat: Text.PlainText; text: parent.model.kind; color: Style.accent; font.pixelSize: Style.consoleSize.note; Layout.preferredWidth: 80 }
            Label {
                textFormat: Text.PlainText
                text: (parent.model.label || "") + (parent.model.person ? "  person #" + parent.model.person : "")
                color: Style.text; elide: Text.ElideRight; Layout.fillWidth: true
            }
            Button {
                objectName: "revokeToken" + parent.model.id
                text: "Revoke"; flat: true
                Material.foreground: Style.danger
                enabled: !revokeToken.running
                onClicked: revokeToken.start()
                RevokeTokenTask {
                    id: revokeToken
                    api: tokensCard.api
                    tokenId: tokenRow.model.id
                    onFinished: function(succeeded) {
                        tokenError.ok = succeeded
                        tokenError.text = succeeded ? "Token #" + revokeToken.revoked + " revoked" : revokeToken.error
                        tokens.refresh()
                    }
                }
            }
        }
    }
    RowLayout {
        PlainCombo { id: tokenKind; objectName: "tokenKind"; model: ["display", "integration", "person", "admin"]; Layout.preferredWidth: 140 }
        TextField { id: tokenLabel; objectName: "tokenLabel"; placeholderText: tokenKind.currentText === "person" ? "for the selected person" : "label, e.g. lobby TV"; Layout.fillWidth: true }
        Button {
            objectName: "issueTokenButton"
            text: "Issue"
            highlighted: true
            enabled: !issueToken.running
            onClicked: issueToken.start()
        }
    }
    ErrorText { id: tokenError; objectName: "tokenError" }
    TextField { id: issued; objectName: "issuedToken"; text: issueToken.token; visible: text.length > 0; readOnly: true; selectByMouse: true; Layout.fillWidth: true; color: Style.accent }
}
