// The server's value formatting against the table every screen shares
// (tests/data/format-cases.json): the wall's Fmt.js and the web wall's
// format.js are held by the same rows.
#include "engine/engine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>
#include <cmath>
#include <limits>

using namespace podium;

class TestFormat : public QObject
{
    Q_OBJECT

private slots:
    void cases_data();
    void cases();
    void metricUsesItsUnit();
};

// JSON has no NaN or infinities; the table writes them as these strings.
static double caseValue(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    const QString s = v.toString();
    if (s == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (s == QLatin1String("Infinity"))
        return std::numeric_limits<double>::infinity();
    if (s == QLatin1String("-Infinity"))
        return -std::numeric_limits<double>::infinity();
    qFatal("format-cases.json: value %s is neither a number nor NaN/Infinity/-Infinity", qPrintable(s));
    return 0;
}

void TestFormat::cases_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QFile file(QStringLiteral(PODIUM_SOURCE_DIR "/tests/data/format-cases.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError error;
    const QJsonArray rows = QJsonDocument::fromJson(file.readAll(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(rows.size() >= 40);
    for (const QJsonValue &r : rows) {
        const QJsonObject row = r.toObject();
        const QString unit = row.value("unit").toString();
        const QString text = row.value("text").toString();
        const QJsonValue value = row.value("value");
        const QString tag = QStringLiteral("%1 %2").arg(
                unit, value.isDouble() ? QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest) : value.toString());
        QTest::newRow(qPrintable(tag)) << unit << caseValue(value) << text;
    }
}

void TestFormat::cases()
{
    QFETCH(QString, unit);
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(formatValue(value, unit), text);
}

void TestFormat::metricUsesItsUnit()
{
    Metric revenue;
    revenue.unit = QStringLiteral("currency");
    QCOMPARE(revenue.format(28800), QStringLiteral("$28.8K"));
    QCOMPARE(Metric().format(12.5), QStringLiteral("12.5")); // a count by default
    QCOMPARE(formatNumber(-1234.56), QStringLiteral("-1,234.6"));
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
