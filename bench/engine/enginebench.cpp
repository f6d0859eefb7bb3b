// Engine-only ingest cost: records activities straight into an Engine on a
// temporary SQLite file (WAL, synchronous=FULL), committing every `batch`
// activities as group commit would under load, and reports CPU time per
// activity. Deterministic enough to run under callgrind:
//
//   build/bench/engine/podium-enginebench 20000 32
//   valgrind --tool=callgrind build/bench/engine/podium-enginebench 3000 32
#include "engine/engine.h"
#include "http/directoryjson.h"
#include "http/scoringjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

using namespace podium;

static double cpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? atoi(argv[1]) : 20000;
    const int batch = argc > 2 ? atoi(argv[2]) : 32;
    QTemporaryDir dir;
    Engine engine;
    QString error;
    if (!engine.open(dir.filePath("bench.db"), &error)) {
        fprintf(stderr, "open failed: %s\n", qPrintable(error));
        return 1;
    }
    QList<qint64> people;
    for (int i = 0; i < 50; ++i)
        people << rest::createPerson(
                          engine,
                          {{"name", QStringLiteral("Rep %1").arg(i)}, {"team", QStringLiteral("Team %1").arg(i % 5)}})
                          .body.value("id")
                          .toInteger();
    engine.flush();
    QRandomGenerator rng(42);
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuSeconds();
    for (int i = 0; i < count; ++i) {
        const Reply r = rest::recordActivities(engine,
                                               {{"person", people.at(int(rng.bounded(people.size())))},
                                                {"metric", "revenue"},
                                                {"delta", double(100 + rng.bounded(5000))},
                                                {"key", QStringLiteral("bench-%1").arg(i)}});
        if (r.status != 201) {
            fprintf(stderr, "activity %d failed: %d\n", i, r.status);
            return 1;
        }
        if ((i + 1) % batch == 0)
            engine.flush();
    }
    engine.flush();
    const double cpu = cpuSeconds() - cpu0;
    printf("%d activities, commit every %d: %.1f us CPU and %.1f us wall per activity, %lld events\n", count, batch,
           cpu * 1e6 / count, double(wall.nsecsElapsed()) / 1e3 / count, engine.lastSeq());
    return 0;
}
