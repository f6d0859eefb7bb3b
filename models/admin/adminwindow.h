#pragma once

#include <QSize>
#include <QString>
#include <QUrl>

class QQmlApplicationEngine;
class QQuickWindow;

namespace podium {

// Opens the admin console (Podium.Admin's AdminMain.qml) in `engine`, talking
// REST to `base` (http://127.0.0.1:PORT for the server in this process, or a
// remote Podium) with an admin `token`. `size` empty: 1440×900. Returns the
// window, or nullptr with `error` set. Needs a QApplication (QtCharts).
QQuickWindow *openAdminConsole(QQmlApplicationEngine &engine, const QUrl &base, const QString &token,
                               QString *error, QSize size = QSize(), bool show = true);

} // namespace podium
