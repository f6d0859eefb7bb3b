#pragma once

#include <QString>
#include <array>
#include <atomic>

namespace podium {

// Appends one series to a GET /metrics text (Prometheus text format): its
// HELP and TYPE lines, then the sample. Every part of the server that
// reports there writes through this.
void appendSeries(QString &out, const char *name, const char *type, const char *help, qint64 value);

// Counters the hub keeps for GET /metrics (Prometheus text format).
struct HubMetrics
{
    std::atomic<qint64> connectionsOpened{0};
    std::atomic<qint64> connectionsClosed{0};
    std::atomic<qint64> joins{0};
    std::atomic<qint64> deliveries{0};
    std::atomic<qint64> drops{0};
    std::atomic<qint64> slowConsumerCloses{0};
    std::atomic<qint64> heartbeatCloses{0};
    std::atomic<qint64> rejectedMessages{0};
    std::atomic<qint64> resumes{0};
    std::atomic<qint64> resets{0};

    // Fan-out duration: time to hand one event to every member of its room.
    static constexpr std::array<double, 10> kBuckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                     0.005,  0.01,    0.025,  0.05,  0.1};
    std::array<std::atomic<qint64>, kBuckets.size() + 1> fanoutBuckets{};
    std::atomic<qint64> fanoutCount{0};
    std::atomic<qint64> fanoutSumNs{0};

    void observeFanout(qint64 ns);
    // Renders the hub's series; gauges are passed in by the owner.
    QString render(int connections, int rooms) const;
};

} // namespace podium
