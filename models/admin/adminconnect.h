#pragma once

#include <QHostAddress>
#include <QString>
#include <QUrl>

namespace podium {

// Where the admin console sends its REST calls, and with which token.

// The server in this process: its listening address (127.0.0.1 when it
// listens on every address) and port.
QUrl localAdminBase(const QHostAddress &address, quint16 port);
// A remote Podium given as the wall's --connect URL (ws://host:port/ws):
// http(s)://host:port. Invalid when the scheme is not ws, wss, http or https.
QUrl remoteAdminBase(const QUrl &connect);
// The admin token of the server in this process: PODIUM_ADMIN_TOKEN, the one
// this start created, or the one saved in <dataDir>/admin-token.
QString localAdminToken(const QString &environmentToken, const QString &createdToken, const QString &dataDir);

} // namespace podium
