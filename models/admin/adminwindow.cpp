#include "adminwindow.h"

#include "adminlogging.h"

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>

// Both admin QML modules are static: import their plugins into whatever links us.
Q_IMPORT_QML_PLUGIN(Podium_AdminModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_AdminPlugin)

namespace podium {

QQuickWindow *openAdminConsole(QQmlApplicationEngine &engine, const QUrl &base, const QString &token, QString *error,
                               QSize size, bool show)
{
    if (!base.isValid() || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https"))) {
        *error = QStringLiteral("the admin console needs an http:// or https:// URL, got '%1'").arg(base.toString());
        return nullptr;
    }
    const int before = int(engine.rootObjects().size());
    engine.setInitialProperties({{"baseUrl", base}, {"token", token}});
    engine.load(QUrl(QStringLiteral("qrc:/Podium/Admin/AdminMain.qml")));
    if (engine.rootObjects().size() <= before) {
        *error = QStringLiteral("the admin console's QML did not load (see the messages above)");
        return nullptr;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constLast());
    if (!window) {
        *error = QStringLiteral("the admin console's root object is not a window");
        return nullptr;
    }
    window->resize(size.isValid() ? size : QSize(1440, 900));
    if (show)
        window->show();
    qCInfo(lcAdmin) << "admin console open on" << base.toString();
    return window;
}

} // namespace podium
