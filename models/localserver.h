#pragma once

#include "event.h"

#include <QJsonObject>
#include <QObject>
#include <QUrlQuery>
#include <functional>

namespace podium {

// The Podium running in this process, as the wall's models need it: the
// events it commits and its REST read routes, called without HTTP. Defined
// here so that models need nothing of the server; implemented beside it
// (app/inprocessapi.h answers reads with HttpApi's own route table).
class LocalServer : public QObject
{
    Q_OBJECT

public:
    using ReadCallback = std::function<void(int status, const QJsonObject &body)>;

    explicit LocalServer(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // Answers `GET path?query` as the REST API would; `callback` runs on this
    // object's thread, and not at all once `context` is gone.
    virtual void read(const QString &path, const QUrlQuery &query, QObject *context, ReadCallback callback) = 0;

signals:
    // Each committed batch, in seq order, emitted on this object's thread.
    void eventsCommitted(const podium::EventList &events);
};

} // namespace podium
