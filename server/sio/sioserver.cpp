#include "sioserver.h"

#include "tokendirectory.h"

#include <QHttpServer>
#include <QWebSocket>

namespace podium {

SioServer::SioServer(Engine *engine, std::shared_ptr<TokenDirectory> tokens, QObject *parent)
    : QObject(parent), m_engine(engine), m_tokens(std::move(tokens))
{
}

SioServer::~SioServer() = default;

void SioServer::registerRoutes(QHttpServer *)
{
}

bool SioServer::adopt(QWebSocket *)
{
    return false;
}

void SioServer::shutdown()
{
}

void SioServer::publish(const EventList &)
{
}

} // namespace podium
