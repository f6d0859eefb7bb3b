#include "event.h"

#include <QJsonDocument>

namespace podium {

QString isoTime(const QDateTime &when)
{
    // "2026-11-21T15:04:05.123Z", formatted by hand: QDateTime::toString goes
    // through printf and costs a tenth of an activity's whole ingest.
    const qint64 ms = when.toMSecsSinceEpoch();
    qint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    const qint64 msOfDay = ms - days * 86400000;
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return when.toUTC().toString(Qt::ISODateWithMs);
    char buf[25];
    auto put = [&buf](int at, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            buf[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    buf[4] = '-';
    put(5, month, 2);
    buf[7] = '-';
    put(8, day, 2);
    buf[10] = 'T';
    put(11, msOfDay / 3600000, 2);
    buf[13] = ':';
    put(14, msOfDay / 60000 % 60, 2);
    buf[16] = ':';
    put(17, msOfDay / 1000 % 60, 2);
    buf[19] = '.';
    put(20, msOfDay % 1000, 3);
    buf[23] = 'Z';
    return QString::fromLatin1(buf, 24);
}

QJsonObject Event::data() const
{
    if (!m_object.isEmpty() || dataJson.isEmpty())
        return m_object;
    return QJsonDocument::fromJson(dataJson).object();
}

void Event::setData(const QJsonObject &object)
{
    m_object = object;
    dataJson = QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject Event::toJson() const
{
    return QJsonObject {{"seq", seq}, {"event", name}, {"room", room}, {"data", data()}, {"at", isoTime(at)}};
}

QByteArray Event::toJsonBytes() const
{
    // Room and event names are restricted to [A-Za-z0-9_.:-] and `at` is an
    // ISO timestamp, so they need no escaping; `data` is already JSON.
    QByteArray out;
    out.reserve(dataJson.size() + room.size() + name.size() + 80);
    out += "{\"seq\":";
    out += QByteArray::number(seq);
    out += ",\"event\":\"";
    out += name.toUtf8();
    out += "\",\"room\":\"";
    out += room.toUtf8();
    out += "\",\"data\":";
    out += dataJson.isEmpty() ? QByteArray("{}") : dataJson;
    out += ",\"at\":\"";
    out += isoTime(at).toLatin1();
    out += "\"}";
    return out;
}

QByteArray Event::toWireFrame() const
{
    // Room and event names are restricted to [A-Za-z0-9_.:-] and `at` is an
    // ISO timestamp, so they need no escaping; `data` is already JSON.
    const QByteArray json = dataJson.isEmpty() ? QByteArray("{}") : dataJson;
    QByteArray frame;
    frame.reserve(json.size() + room.size() + name.size() + 96);
    frame += "{\"type\":\"event\",\"room\":\"";
    frame += room.toUtf8();
    frame += "\",\"event\":\"";
    frame += name.toUtf8();
    frame += "\",\"seq\":";
    frame += QByteArray::number(seq);
    frame += ",\"at\":\"";
    frame += isoTime(at).toLatin1();
    frame += "\",\"data\":";
    frame += json;
    frame += '}';
    return frame;
}

Event Event::fromJson(const QJsonObject &object)
{
    Event e;
    e.seq = object.value("seq").toInteger();
    e.name = object.value("event").toString();
    e.room = object.value("room").toString();
    e.setData(object.value("data").toObject());
    e.at = QDateTime::fromString(object.value("at").toString(), Qt::ISODateWithMs);
    return e;
}

} // namespace podium
