#include "staticfiles.h"

#include <QHttpServer>

namespace podium {

void registerStaticRoutes(QHttpServer *)
{
}

} // namespace podium
