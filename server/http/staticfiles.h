#pragma once

#include <QByteArray>
#include <QString>

class QHttpServer;

namespace podium {

// Serves the web wall (resources/web, compiled into the binary) at "/" and
// its assets under "/web/…". No CDN, nothing for a user to build.
void registerStaticRoutes(QHttpServer *server);

// The Content-Security-Policy of the web wall's responses: its own origin only.
QByteArray staticContentSecurityPolicy();

// The Content-Type for a file name, by extension ("app.js" → JavaScript).
QByteArray staticContentType(const QString &fileName);

// Whether `name` is a plain file name that may be looked up under :/web —
// no separators, no leading dot, nothing that could climb out of it.
bool isSafeStaticName(const QString &name);

} // namespace podium
