#include "hubmetrics.h"

namespace podium {

void appendSeries(QString &out, const char *name, const char *type, const char *help, qint64 value)
{
    out += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n%1 %4\n")
                   .arg(QLatin1String(name), QLatin1String(help), QLatin1String(type))
                   .arg(value);
}

void HubMetrics::observeFanout(qint64 ns)
{
    const double seconds = double(ns) / 1e9;
    size_t i = 0;
    while (i < kBuckets.size() && seconds > kBuckets[i])
        ++i;
    fanoutBuckets[i].fetch_add(1, std::memory_order_relaxed);
    fanoutCount.fetch_add(1, std::memory_order_relaxed);
    fanoutSumNs.fetch_add(ns, std::memory_order_relaxed);
}

QString HubMetrics::render(int connections, int rooms) const
{
    QString out;
    auto series = [&out](const char *name, const char *type, const char *help, qint64 value) {
        appendSeries(out, name, type, help, value);
    };
    series("podium_connections", "gauge", "Open WebSocket connections.", connections);
    series("podium_rooms", "gauge", "Rooms with at least one member.", rooms);
    series("podium_connections_opened_total", "counter", "WebSocket connections accepted.", connectionsOpened);
    series("podium_connections_closed_total", "counter", "WebSocket connections closed.", connectionsClosed);
    series("podium_joins_total", "counter", "Successful room joins.", joins);
    series("podium_deliveries_total", "counter", "Event frames written to clients.", deliveries);
    series("podium_drops_total", "counter", "Event frames not delivered (client closing or over its cap).", drops);
    series("podium_slow_consumer_closes_total", "counter", "Connections closed for exceeding the outbound cap.",
           slowConsumerCloses);
    series("podium_heartbeat_closes_total", "counter", "Connections closed for silence past the timeout.",
           heartbeatCloses);
    series("podium_rejected_messages_total", "counter", "Client messages refused (rate, syntax, rights).",
           rejectedMessages);
    series("podium_resumes_total", "counter", "Resume requests served with a replay.", resumes);
    series("podium_resets_total", "counter", "Resume requests answered with reset.", resets);
    out += QStringLiteral("# HELP podium_fanout_duration_seconds Time to hand one event to every member of its room.\n"
                          "# TYPE podium_fanout_duration_seconds histogram\n");
    qint64 cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += fanoutBuckets[i].load();
        out += QStringLiteral("podium_fanout_duration_seconds_bucket{le=\"%1\"} %2\n").arg(kBuckets[i]).arg(cumulative);
    }
    cumulative += fanoutBuckets[kBuckets.size()].load();
    out += QStringLiteral("podium_fanout_duration_seconds_bucket{le=\"+Inf\"} %1\n").arg(cumulative);
    out += QStringLiteral("podium_fanout_duration_seconds_sum %1\n").arg(double(fanoutSumNs.load()) / 1e9);
    out += QStringLiteral("podium_fanout_duration_seconds_count %1\n").arg(fanoutCount.load());
    return out;
}

} // namespace podium
