// CsvImport: good and bad lines of people and activity CSV, with the exact
// error texts a manager sees; CSV quoting; export → import round trips.
#include "csv.h"
#include "csvexport.h"
#include "csvimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace podium;

namespace {

CsvDirectory directory()
{
    CsvDirectory d;
    d.people = {{1, "Ann Lee", "E-1", "ann@example.com"},
                {2, "Bo Chen", "", ""},
                {3, "Sam Ray", "", ""},
                {4, "Sam Ray", "E-4", ""}};
    d.metrics = {{"revenue", "sum"}, {"wpm", "best"}};
    return d;
}

QString json(const QJsonArray &items)
{
    return QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact));
}

QStringList errorTexts(const CsvParse &p)
{
    QStringList out;
    for (const CsvIssue &e : p.errors)
        out.append(e.text());
    return out;
}

} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void records_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("flat"); // "line:field|field"
        QTest::addColumn<int>("unclosed");

        QTest::newRow("plain") << "a,b\n1,2\n" << QStringList{"1:a|b", "2:1|2"} << 0;
        QTest::newRow("crlf and blank lines") << "a,b\r\n\r\n1,2\r\n" << QStringList{"1:a|b", "3:1|2"} << 0;
        QTest::newRow("quoted comma and quote") << "\"x, \"\"y\"\"\",z" << QStringList{"1:x, \"y\"|z"} << 0;
        QTest::newRow("newline in quotes") << "\"a\nb\",c\nd,e" << QStringList{"1:a\nb|c", "3:d|e"} << 0;
        QTest::newRow("trims unquoted") << " a , b " << QStringList{"1:a|b"} << 0;
        QTest::newRow("empty fields") << "a,,c" << QStringList{"1:a||c"} << 0;
        QTest::newRow("unclosed quote") << "a,b\n\"oops,c\nd" << QStringList{"1:a|b", "2:oops,c\nd"} << 2;
    }

    void records()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, flat);
        QFETCH(int, unclosed);
        int line = -1;
        const QList<csv::Record> records = csv::parse(text, &line);
        QStringList got;
        for (const csv::Record &r : records)
            got.append(QString::number(r.line) + ':' + r.fields.join('|'));
        QCOMPARE(got, flat);
        QCOMPARE(line, unclosed);
    }

    void fieldQuoting_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("encoded");
        QTest::newRow("plain") << "Ann" << "Ann";
        QTest::newRow("comma") << "Lee, Ann" << "\"Lee, Ann\"";
        QTest::newRow("quote") << "6\" tall" << "\"6\"\" tall\"";
        QTest::newRow("newline") << "a\nb" << "\"a\nb\"";
        QTest::newRow("formula") << "=SUM(A1)" << "'=SUM(A1)";
        QTest::newRow("negative number") << "-250" << "-250";
    }

    void fieldQuoting()
    {
        QFETCH(QString, value);
        QFETCH(QString, encoded);
        QCOMPARE(csv::field(value), encoded);
    }

    void activities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("items");
        QTest::addColumn<QStringList>("errors");

        const QString header = "person,metric,amount,key\n";
        QTest::newRow("good lines, person by id, externalId, e-mail, name")
            << header + "1,revenue,2500,k1\nE-4,wpm,88,k2\nann@example.com,revenue,-100,k3\nbo chen,revenue,1.5,k4\n"
            << R"([{"delta":2500,"key":"k1","metric":"revenue","person":1,"source":"csv"},)"
               R"({"key":"k2","metric":"wpm","person":4,"source":"csv","value":88},)"
               R"({"delta":-100,"key":"k3","metric":"revenue","person":1,"source":"csv"},)"
               R"({"delta":1.5,"key":"k4","metric":"revenue","person":2,"source":"csv"}])"
            << QStringList{};
        QTest::newRow("wrong column count")
            << header + "1,revenue,10\n1,revenue,10,k,extra\n"
            << "[]"
            << QStringList{"line 2: expected 4 columns (person,metric,amount,key), got 3",
                           "line 3: expected 4 columns (person,metric,amount,key), got 5"};
        QTest::newRow("unknown person") << header + "Zed,revenue,10,k1\n99,revenue,5,k2\n" << "[]"
                                        << QStringList{"line 2: unknown person 'Zed'", "line 3: unknown person '99'"};
        QTest::newRow("ambiguous name") << header + "Sam Ray,revenue,10,k1\n" << "[]"
                                        << QStringList{"line 2: person 'Sam Ray' is ambiguous (ids 3, 4): use the id or externalId"};
        QTest::newRow("bad numbers") << header + "1,revenue,12x,k1\n1,revenue,,k2\n1,revenue,1e999,k3\n" << "[]"
                                     << QStringList{"line 2: 'amount' is not a number: '12x'", "line 3: 'amount' is empty",
                                                    "line 4: 'amount' is not a number: '1e999'"};
        QTest::newRow("unknown metric") << header + "1,calls,3,k1\n" << "[]" << QStringList{"line 2: unknown metric 'calls'"};
        QTest::newRow("duplicate keys")
            << header + "1,revenue,10,dup\n2,revenue,20,dup\n3,revenue,30,\n3,revenue,30,\n"
            << R"([{"delta":10,"key":"dup","metric":"revenue","person":1,"source":"csv"},)"
               R"({"delta":30,"metric":"revenue","person":3,"source":"csv"},)"
               R"({"delta":30,"metric":"revenue","person":3,"source":"csv"}])"
            << QStringList{"line 3: duplicate key 'dup' (first on line 2)"};
        QTest::newRow("delta column and time")
            << "person,metric,delta,at,source\n1,revenue,5,2026-11-20T10:00:00Z,crm\n1,revenue,5,yesterday,crm\n"
            << R"([{"at":"2026-11-20T10:00:00.000Z","delta":5,"metric":"revenue","person":1,"source":"crm"}])"
            << QStringList{"line 3: 'at' is not an ISO 8601 time: 'yesterday'"};
        QTest::newRow("unknown column") << "person,metric,amount,colour\n1,revenue,5,red\n" << "[]"
                                        << QStringList{"line 1: unknown column 'colour' (expected person, metric, amount, at, key, source)"};
        QTest::newRow("missing column") << "person,amount\n1,5\n" << "[]"
                                        << QStringList{"line 1: the header needs a 'metric' column"};
        QTest::newRow("empty file") << "\n\n" << "[]"
                                    << QStringList{"line 1: the file is empty (expected a header line: person,metric,amount,at,key,source)"};
        QTest::newRow("unclosed quote drops the rest")
            << header + "1,revenue,5,k1\n\"2,revenue,5,k2\n3,revenue,5,k3\n"
            << R"([{"delta":5,"key":"k1","metric":"revenue","person":1,"source":"csv"}])"
            << QStringList{"line 3: a quoted field is not closed"};
    }

    void activities()
    {
        QFETCH(QString, text);
        QFETCH(QString, items);
        QFETCH(QStringList, errors);
        const CsvParse p = CsvImport::parseActivities(text, directory());
        QCOMPARE(json(p.items), items);
        QCOMPARE(errorTexts(p), errors);
        QCOMPARE(p.itemLines.size(), p.items.size());
    }

    void people_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("items");
        QTest::addColumn<QStringList>("errors");

        QTest::newRow("good lines")
            << "name,team,color,email,externalId\nMia Park,Red,#ff0000,mia@example.com,E-9\nLeo,Blue,,,\n"
            << R"([{"color":"#FF0000","email":"mia@example.com","externalId":"E-9","name":"Mia Park","team":"Red"},)"
               R"({"name":"Leo","team":"Blue"}])"
            << QStringList{};
        QTest::newRow("wrong column count") << "name,team\nMia\nLeo,Blue,x\n" << "[]"
                                            << QStringList{"line 2: expected 2 columns (name,team), got 1",
                                                           "line 3: expected 2 columns (name,team), got 3"};
        QTest::newRow("empty and bad values")
            << "name,team,color,email\n,Red,,\nMia,,,\nMia,Red,red,\nMia,Red,,mia\n" << "[]"
            << QStringList{"line 2: 'name' is empty", "line 3: 'team' is empty",
                           "line 4: 'color' must look like #RRGGBB, got 'red'",
                           "line 5: 'email' is not an e-mail address: 'mia'"};
        QTest::newRow("duplicate keys within the file")
            << "name,team,externalId\nMia,Red,X1\nMax,Red,X1\nmia,Blue,X2\n"
            << R"([{"externalId":"X1","name":"Mia","team":"Red"}])"
            << QStringList{"line 3: duplicate externalId 'X1' (first on line 2)",
                           "line 4: duplicate name 'mia' (first on line 2)"};
        QTest::newRow("already on the server")
            << "name,team,email,externalId\nAnnie,Red,,E-1\nBob,Red,ANN@example.com,\nBo Chen,Red,,\n" << "[]"
            << QStringList{"line 2: externalId 'E-1' already belongs to Ann Lee (id 1)",
                           "line 3: email 'ANN@example.com' already belongs to Ann Lee (id 1)",
                           "line 4: name 'Bo Chen' already belongs to Bo Chen (id 2)"};
    }

    void people()
    {
        QFETCH(QString, text);
        QFETCH(QString, items);
        QFETCH(QStringList, errors);
        const CsvParse p = CsvImport::parsePeople(text, directory());
        QCOMPARE(json(p.items), items);
        QCOMPARE(errorTexts(p), errors);
    }

    void previewMarksEveryLine()
    {
        CsvImport import;
        import.setKind("activities");
        import.parseWith("person,metric,amount\n1,revenue,5\nZed,revenue,5\n", directory());
        QCOMPARE(import.validCount(), 1);
        QCOMPARE(import.errorCount(), 1);
        const QVariantList preview = import.preview();
        QCOMPARE(preview.size(), 2);
        QCOMPARE(preview.at(0).toMap().value("ok").toBool(), true);
        QCOMPARE(preview.at(1).toMap().value("message").toString(), QString("unknown person 'Zed'"));
        QCOMPARE(preview.at(1).toMap().value("line").toInt(), 3);
        // No API set: commit sends nothing and changes nothing.
        import.commit();
        QCOMPARE(import.report(), QString());
    }

    // The export of a log page, re-imported as activities: same amounts and people.
    void exportedEventsRoundTrip()
    {
        const QVariantList events{
            QVariantMap{{"seq", 7}, {"at", "2026-11-20T10:00:00.000Z"}, {"event", "activity:new"}, {"room", "activity:feed"},
                        {"data", QVariantMap{{"name", "Ann Lee"}, {"metric", "revenue"}, {"delta", 2500}, {"id", 3}}}},
            QVariantMap{{"seq", 8}, {"at", "2026-11-20T10:01:00.000Z"}, {"event", "activity:new"}, {"room", "activity:feed"},
                        {"data", QVariantMap{{"name", "Bo Chen"}, {"metric", "wpm"}, {"value", 71.5}, {"id", 4}}}}};
        const QString text = CsvExport::events(events);
        QCOMPARE(text.section('\n', 0, 0), QString("seq,at,event,room,person,metric,amount,data"));
        QCOMPARE(text.section('\n', 1, 1),
                 QString(R"(7,2026-11-20T10:00:00.000Z,activity:new,activity:feed,Ann Lee,revenue,2500,"{""delta"":2500,""id"":3,""metric"":""revenue"",""name"":""Ann Lee""}")"));

        // Keep person, metric, amount, at: that is an activity import file.
        QString reimport = "person,metric,amount,at\n";
        for (const csv::Record &r : csv::parse(text).mid(1))
            reimport += csv::row({r.fields.at(4), r.fields.at(5), r.fields.at(6), r.fields.at(1)});
        const CsvParse p = CsvImport::parseActivities(reimport, directory());
        QCOMPARE(errorTexts(p), QStringList());
        QCOMPARE(json(p.items),
                 QString(R"([{"at":"2026-11-20T10:00:00.000Z","delta":2500,"metric":"revenue","person":1,"source":"csv"},)"
                         R"({"at":"2026-11-20T10:01:00.000Z","metric":"wpm","person":2,"source":"csv","value":71.5}])"));
    }

    void leaderboardExport()
    {
        const QVariantMap board{{"scope", "people"},
                                {"entries", QVariantList{QVariantMap{{"rank", 1}, {"name", "Ann, Lee"}, {"teamName", "Red"}, {"value", 2500}, {"formatted", "$2,500"}},
                                                         QVariantMap{{"rank", 1}, {"name", "Bo"}, {"teamName", "Blue"}, {"value", 2500}, {"formatted", "$2,500"}},
                                                         QVariantMap{{"rank", 3}, {"name", "Cy"}, {"teamName", QVariant()}, {"value", 10.25}, {"formatted", "$10.25"}}}}};
        QCOMPARE(CsvExport::leaderboard(board),
                 QString("rank,name,team,value,formatted\n1,\"Ann, Lee\",Red,2500,\"$2,500\"\n1,Bo,Blue,2500,\"$2,500\"\n3,Cy,,10.25,$10.25\n"));
    }
};

QTEST_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
