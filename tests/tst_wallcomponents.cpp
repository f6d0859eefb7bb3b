// Qt Quick Test runner for the wall's QML components (tests/qml/wall/).
// Both QML modules are static plugins, imported here; their qmldir files live
// in the resources, hence the qrc import path.
#include <QFile>
#include <QJsonDocument>
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Podium_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(Podium_WallPlugin)

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        // The table the server's and the web wall's formatting are held by
        // too (tst_format.qml); an unreadable file gives an empty table.
        QFile cases(QStringLiteral(PODIUM_SOURCE_DIR "/tests/data/format-cases.json"));
        const QVariant table
                = cases.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(cases.readAll()).toVariant() : QVariant();
        engine->rootContext()->setContextProperty(QStringLiteral("formatCases"), table);
    }
};

QUICK_TEST_MAIN_WITH_SETUP(wallcomponents, Setup)

#include "tst_wallcomponents.moc"
