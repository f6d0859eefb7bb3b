// Qt Quick Test runner for the wall's QML components (tests/qml/wall/).
// Both QML modules are static plugins, imported here; their qmldir files live
// in the resources, hence the qrc import path.
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Podium_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_WallPlugin)

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/")); }
};

QUICK_TEST_MAIN_WITH_SETUP(wallcomponents, Setup)

#include "tst_wallcomponents.moc"
