#pragma once

class QHttpServer;

namespace podium {

// Serves the web wall (resources/web, compiled into the binary) at "/" and
// its assets under "/web/…". No CDN, nothing for a user to build.
void registerStaticRoutes(QHttpServer *server);

} // namespace podium
