#include "event.h"
#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>

using podium::Event;
using podium::JsonWriter;

// The writer must produce exactly what QJsonDocument::Compact produces for the
// same value: events written by it are compared, stored and parsed by clients
// alongside events that went through QJsonObject.
class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void numbersMatchQt_data();
    void numbersMatchQt();
    void stringsMatchQt_data();
    void integersAsDecimal();
    void stringsMatchQt();
    void nestingAndCommas();
    void optionalsAndNull();
    void rawIsSplicedVerbatim();
    void eventBytesEqualEventObject();
    void eventDataParsesOnDemand();
};

void TestJsonWriter::numbersMatchQt_data()
{
    QTest::addColumn<double>("number");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("whole") << 26000.0;
    QTest::newRow("negative whole") << -1500.0;
    QTest::newRow("fraction") << 97.5;
    QTest::newRow("tenth") << 0.1;
    QTest::newRow("thirds") << 1.0 / 3.0;
    QTest::newRow("cents") << 1234.56;
    QTest::newRow("large whole") << 1e12;
    QTest::newRow("2^53") << 9007199254740992.0;
    QTest::newRow("huge") << 1e300;
    QTest::newRow("tiny") << 1e-9;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity();
    QTest::newRow("nan") << std::nan("");
}

void TestJsonWriter::numbersMatchQt()
{
    QFETCH(double, number);
    JsonWriter w;
    w.beginArray().value(number).endArray();
    const QByteArray qt = QJsonDocument(QJsonArray {number}).toJson(QJsonDocument::Compact);
    QCOMPARE(w.bytes(), qt);
}

void TestJsonWriter::integersAsDecimal()
{
    const QList<qint64> numbers {
            0, 7, -1, 1500, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()};
    JsonWriter w;
    w.beginArray();
    QByteArray expected = "[";
    for (qint64 n : numbers) {
        w.value(n);
        expected += (expected.size() > 1 ? "," : "") + QByteArray::number(n);
    }
    w.endArray();
    QCOMPARE(w.bytes(), expected + "]");
}

void TestJsonWriter::stringsMatchQt_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("Ada Lovelace");
    QTest::newRow("empty") << QString();
    QTest::newRow("quote and backslash") << QStringLiteral("say \"hi\" \\ bye");
    QTest::newRow("controls") << QStringLiteral("a\nb\tc\rd\be\ff");
    QTest::newRow("low control") << QString(QChar(1)) + QChar(0x1f);
    QTest::newRow("accents") << QStringLiteral("Zoë Ørsted, Škoda");
    QTest::newRow("emoji") << QStringLiteral("🏆 #1 in Revenue");
    QTest::newRow("slash and del") << QStringLiteral("a/b") + QChar(0x7f);
    QTest::newRow("two-byte edge") << QString(QChar(0x80)) + QChar(0x7ff) + QChar(0x800) + QChar(0xffff);
    QTest::newRow("long") << QString(300, QLatin1Char('x')) + QStringLiteral("é\n");
}

void TestJsonWriter::stringsMatchQt()
{
    QFETCH(QString, text);
    JsonWriter w;
    w.beginArray().value(text).endArray();
    const QByteArray qt = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    QCOMPARE(w.bytes(), qt);
    QCOMPARE(QJsonDocument::fromJson(w.bytes()).array().at(0).toString(), text);
}

void TestJsonWriter::nestingAndCommas()
{
    JsonWriter w;
    w.beginObject()
            .field("a", 1)
            .key("list")
            .beginArray()
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .value(true)
            .endArray()
            .key("obj")
            .beginObject()
            .field("x", QStringLiteral("y"))
            .field(QStringLiteral("day"), 2.5)
            .endObject()
            .field("b", false)
            .endObject();
    QCOMPARE(w.bytes(), QByteArray(R"({"a":1,"list":[{},[],true],"obj":{"x":"y","day":2.5},"b":false})"));
    QJsonParseError err;
    QJsonDocument::fromJson(w.bytes(), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
}

void TestJsonWriter::optionalsAndNull()
{
    JsonWriter w;
    w.beginObject()
            .field("rank", std::optional<int>(3))
            .field("previous", std::optional<int>())
            .field("value", std::optional<double>(12.5))
            .key("none")
            .null()
            .endObject();
    QCOMPARE(w.bytes(), QByteArray(R"({"rank":3,"previous":null,"value":12.5,"none":null})"));
}

void TestJsonWriter::rawIsSplicedVerbatim()
{
    JsonWriter inner;
    inner.beginObject().field("day", 3).endObject();
    JsonWriter w;
    w.beginArray().raw(inner.bytes()).raw("[1,2]").value(qint64(7)).endArray();
    QCOMPARE(w.take(), QByteArray(R"([{"day":3},[1,2],7])"));
}

void TestJsonWriter::eventBytesEqualEventObject()
{
    Event e;
    e.seq = 42;
    e.at = QDateTime(QDate(2026, 11, 21), QTime(15, 4, 5, 123), Qt::UTC);
    e.room = QStringLiteral("leaderboard:revenue");
    e.name = QStringLiteral("rankings:update");
    e.setData(QJsonObject {{"person", 7}, {"name", "Zoë"}, {"value", 26000.5}});
    QCOMPARE(QJsonDocument::fromJson(e.toJsonBytes()).object(), e.toJson());
    QCOMPARE(QJsonDocument::fromJson(e.toWireFrame()).object().value("data").toObject(), e.data());
}

void TestJsonWriter::eventDataParsesOnDemand()
{
    JsonWriter w;
    w.beginObject().field("person", 7).field("metric", "revenue").endObject();
    Event e;
    e.dataJson = w.take();
    QCOMPARE(e.data(), (QJsonObject {{"person", 7}, {"metric", "revenue"}}));
    Event empty;
    QVERIFY(empty.data().isEmpty());
    QCOMPARE(QJsonDocument::fromJson(empty.toJsonBytes()).object().value("data").toObject(), QJsonObject());
}

QTEST_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
