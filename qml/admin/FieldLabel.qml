import QtQuick
import QtQuick.Controls.Material
import Podium.Style

Label {
    textFormat: Text.PlainText
    font.pixelSize: Style.consoleSize.small
    font.capitalization: Font.AllUppercase
    font.letterSpacing: 0.6
    color: Style.dim
}
