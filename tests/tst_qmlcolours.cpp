// Colours on the wall and in the console come from Podium.Style's palette
// (qml/style/): a hex colour literal anywhere else under qml/ fails here, so
// a one-off shade cannot creep back in. Colours that are data (a person's or
// team's own colour from the server) never appear as literals in the sources.
// The console (qml/admin/), which has no theme of its own, takes its font
// sizes and families from there too.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {

// A font size or family written as a literal ("pixelSize: 13",
// "font.family: \"DejaVu Sans Mono\""), not taken from Podium.Style.
const QRegularExpression &fontLiteral()
{
    static const QRegularExpression re(QStringLiteral("(?:pixelSize|pointSize)\\s*:\\s*\\d|family\\s*:\\s*[\"']"));
    return re;
}

// A string literal that is nothing but a colour: "#RGB", "#ARGB", "#RRGGBB"
// or "#AARRGGBB", in double or single quotes. A # inside longer text (a CSV
// example, a placeholder) is not a colour.
const QRegularExpression &colourLiteral()
{
    static const QRegularExpression re(QStringLiteral("([\"'])#(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3,4})\\1"));
    return re;
}

// "file:line: text" for every line matching `pattern` in the QML and JS
// under `root`, skipping the directory `exempt` (empty: skip nothing).
QStringList literals(const QRegularExpression &pattern, const QString &root, const QString &exempt, int *filesScanned)
{
    QStringList found;
    *filesScanned = 0;
    QDirIterator it(root, {QStringLiteral("*.qml"), QStringLiteral("*.js")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!exempt.isEmpty() && path.startsWith(exempt + QLatin1Char('/')))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            found.append(path + QStringLiteral(": cannot be read"));
            continue;
        }
        ++*filesScanned;
        int lineNumber = 0;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            ++lineNumber;
            if (pattern.match(line).hasMatch())
                found.append(QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(line));
        }
    }
    return found;
}

QStringList colourLiterals(const QString &root, const QString &exempt, int *filesScanned)
{
    return literals(colourLiteral(), root, exempt, filesScanned);
}

} // namespace

class TestQmlColours : public QObject
{
    Q_OBJECT

private slots:
    void literalPattern_data();
    void literalPattern();
    void noColourOutsideTheStyleModule();
    void fontPattern_data();
    void fontPattern();
    void theConsoleTakesItsLookFromTheStyleModule();
    void paletteIsWhereTheScanLooks();
};

void TestQmlColours::literalPattern_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("colour");
    QTest::newRow("six digits") << QStringLiteral("color: \"#3B82F6\"") << true;
    QTest::newRow("with alpha") << QStringLiteral("styleColor: \"#A0000000\"") << true;
    QTest::newRow("three digits") << QStringLiteral("color: \"#fff\"") << true;
    QTest::newRow("single quotes") << QStringLiteral("fill: item.color || '#3b82f6'") << true;
    QTest::newRow("in a list") << QStringLiteral("palette: [\"#FFD34D\", Style.accent]") << true;
    QTest::newRow("in a CSV example") << QStringLiteral("\"name,color\\nMia,#FF5C7A,mia@example.com\"") << false;
    QTest::newRow("a placeholder") << QStringLiteral("placeholderText: \"#RRGGBB\"") << false;
    QTest::newRow("a palette role") << QStringLiteral("color: Style.panel") << false;
    QTest::newRow("an id in text") << QStringLiteral("text: \"#\" + row.model.id") << false;
}

void TestQmlColours::literalPattern()
{
    QFETCH(QString, line);
    QFETCH(bool, colour);
    QCOMPARE(colourLiteral().match(line).hasMatch(), colour);
}

void TestQmlColours::noColourOutsideTheStyleModule()
{
    const QString qml = QStringLiteral(PODIUM_SOURCE_DIR "/qml");
    int files = 0;
    const QStringList found = colourLiterals(qml, qml + QStringLiteral("/style"), &files);
    // The wall and the console together: far more than a handful of files.
    QVERIFY2(files >= 30, qPrintable(QStringLiteral("only %1 files scanned under %2").arg(files).arg(qml)));
    QVERIFY2(found.isEmpty(),
             qPrintable(QStringLiteral("hex colours outside qml/style/ (use a Style role):\n") + found.join('\n')));
}

void TestQmlColours::fontPattern_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("literal");
    QTest::newRow("a size") << QStringLiteral("font.pixelSize: 13") << true;
    QTest::newRow("a size in a row") << QStringLiteral("Label { text: x; font.pixelSize:15; color: Style.text }") << true;
    QTest::newRow("a chart's title") << QStringLiteral("titleFont.pixelSize: 15") << true;
    QTest::newRow("a family") << QStringLiteral("font.family: \"DejaVu Sans Mono\"") << true;
    QTest::newRow("a size from the style") << QStringLiteral("font.pixelSize: Style.consoleSize.note") << false;
    QTest::newRow("a family from the style") << QStringLiteral("font.family: Style.mono") << false;
    QTest::newRow("a wall size") << QStringLiteral("font.pixelSize: Math.max(8, Style.tvSize.title * preview.s)") << false;
}

void TestQmlColours::fontPattern()
{
    QFETCH(QString, line);
    QFETCH(bool, literal);
    QCOMPARE(fontLiteral().match(line).hasMatch(), literal);
}

// The console (qml/admin/) has no theme of its own: every colour, font size
// and font family comes from Podium.Style, as the wall's do.
void TestQmlColours::theConsoleTakesItsLookFromTheStyleModule()
{
    const QString admin = QStringLiteral(PODIUM_SOURCE_DIR "/qml/admin");
    int files = 0;
    const QStringList colours = colourLiterals(admin, QString(), &files);
    QVERIFY2(files >= 20, qPrintable(QStringLiteral("only %1 files scanned under %2").arg(files).arg(admin)));
    QVERIFY2(colours.isEmpty(), qPrintable(QStringLiteral("hex colours in the console (use a Style role):\n") + colours.join('\n')));
    const QStringList fonts = literals(fontLiteral(), admin, QString(), &files);
    QVERIFY2(fonts.isEmpty(),
             qPrintable(QStringLiteral("font sizes or families in the console (use Style.consoleSize, Style.family, Style.mono):\n")
                        + fonts.join('\n')));
    QVERIFY2(!QFile::exists(admin + QStringLiteral("/AdminTheme.qml")), "the console's look lives in qml/style/");
}

// The scan finds literals where they are allowed, so it does read the files.
void TestQmlColours::paletteIsWhereTheScanLooks()
{
    int files = 0;
    const QStringList found = colourLiterals(QStringLiteral(PODIUM_SOURCE_DIR "/qml/style"), QString(), &files);
    QVERIFY(files > 0);
    QVERIFY2(found.size() >= 20, qPrintable(QString::number(found.size())));
}

QTEST_GUILESS_MAIN(TestQmlColours)

#include "tst_qmlcolours.moc"
