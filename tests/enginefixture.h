#pragma once

// Shared set-up for engine tests: a real SQLite file in a temporary
// directory, a manual clock, and a recorder of committed events.
#include "engine/clock.h"
#include "engine/engine.h"
#include "http/directoryjson.h"
#include "restcalls.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace podium::testing {

struct EngineFixture
{
    explicit EngineFixture(const QDateTime &start = QDateTime(QDate(2026, 11, 18), QTime(15, 0), Qt::UTC),
                           const QByteArray &zone = "UTC")
        : clock(start)
    {
        QVERIFY(dir.isValid());
        reopen(zone);
    }

    void reopen(const QByteArray &zone = "UTC")
    {
        engine.reset();
        engine = std::make_unique<Engine>(&clock);
        engine->setTimeZone(QTimeZone(zone));
        // Connected before open(): opening may end contests that were due.
        QObject::connect(engine.get(), &Engine::eventsCommitted, engine.get(),
                         [this](const EventList &list) { events.append(list); });
        QString error;
        QVERIFY2(engine->open(dir.filePath("podium.db"), &error), qPrintable(error));
    }

    qint64 addPerson(const QString &name, const QString &team = QString())
    {
        QJsonObject in{{"name", name}};
        if (!team.isEmpty())
            in.insert("team", team);
        const Reply r = rest::createPerson(*engine, in);
        engine->flush();
        return r.body.value("id").toInteger();
    }

    Reply record(qint64 person, const QString &metric, double amount, const QString &key = QString())
    {
        const Metric *m = engine->metric(metric);
        QJsonObject in{{"person", person},
                       {"metric", metric},
                       {m && m->aggregation != Metric::Aggregation::Sum ? "value" : "delta", amount}};
        if (!key.isEmpty())
            in.insert("key", key);
        const Reply r = testing::recordActivity(*engine, in);
        engine->flush();
        return r;
    }

    // Committed events since the last call, optionally only those named.
    EventList take(const QStringList &names = {})
    {
        EventList out;
        for (const Event &e : std::as_const(events)) {
            if (names.isEmpty() || names.contains(e.name))
                out.append(e);
        }
        events.clear();
        return out;
    }

    QTemporaryDir dir;
    ManualClock clock;
    // Declared before the engine, so it outlives it: an engine destroyed
    // with events still to commit delivers them into it.
    EventList events;
    std::unique_ptr<Engine> engine;
};

} // namespace podium::testing
