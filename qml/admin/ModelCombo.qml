import QtQuick
import QtQuick.Layouts
import QtQuick.Controls.Material

// A ComboBox over a list that arrives after it is created (REST): picks the
// first entry once there is one, instead of staying blank.
PlainCombo {
    // The entry to start on when it exists (an id or key of the model's rows).
    property var preferred
    Layout.fillWidth: true
    onCountChanged: {
        if (currentIndex < 0 && count > 0)
            currentIndex = preferred !== undefined && model.indexOf ? Math.max(0, model.indexOf(preferred)) : 0
    }
}
