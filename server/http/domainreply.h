#pragma once

#include "engine/outcome.h"
#include "http/reply.h"

namespace podium {

// The one place a domain error becomes an HTTP status.
inline int httpStatus(DomainError::Kind kind)
{
    switch (kind) {
    case DomainError::Kind::Invalid:
        return 400;
    case DomainError::Kind::Unauthorized:
        return 401;
    case DomainError::Kind::Forbidden:
        return 403;
    case DomainError::Kind::NotFound:
        return 404;
    case DomainError::Kind::Conflict:
        return 409;
    case DomainError::Kind::Unavailable:
        return 503;
    }
    return 500;
}

inline Reply replyFor(const DomainError &error)
{
    return Reply::error(httpStatus(error.kind), error.code, error.message);
}

// `status` with the body `toJson(value)`, or the error's reply.
template<typename T, typename ToJson>
Reply replyFor(const Outcome<T> &outcome, ToJson toJson, int status = 200)
{
    if (!outcome.ok())
        return replyFor(outcome.error());
    return {status, toJson(outcome.value())};
}

} // namespace podium
