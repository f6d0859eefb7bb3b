#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace podium {

// Why a domain operation refused, in the domain's words. The HTTP layer
// turns the kind into a status (http/domainreply.h); `code` and `message`
// are the error body's, byte for byte as docs/API.md lists them.
struct DomainError
{
    enum class Kind {
        Invalid, // the input breaks a rule of the domain
        Unauthorized, // no valid credentials
        Forbidden, // valid credentials, not allowed
        NotFound,
        Conflict, // the state of the domain does not allow it (now)
        Unavailable, // the store could not keep it; retry
    };
    Kind kind = Kind::Invalid;
    QString code;
    QString message;

    static DomainError invalid(const QString &message) { return {Kind::Invalid, QStringLiteral("invalid_request"), message}; }
    static DomainError notFound(const QString &message) { return {Kind::NotFound, QStringLiteral("not_found"), message}; }
    static DomainError conflict(const QString &message) { return {Kind::Conflict, QStringLiteral("conflict"), message}; }
    static DomainError forbidden(const QString &message) { return {Kind::Forbidden, QStringLiteral("forbidden"), message}; }
};

// A domain operation's result: a value, or the error that refused it.
template<typename T>
class Outcome
{
public:
    Outcome(T value) : m_result(std::move(value)) { }
    Outcome(DomainError error) : m_result(std::move(error)) { }

    bool ok() const { return m_result.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_result); }
    T &value() { return std::get<0>(m_result); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }
    const DomainError &error() const { return std::get<1>(m_result); }

private:
    std::variant<T, DomainError> m_result;
};

// For operations that return nothing but may refuse.
struct Done
{
};

} // namespace podium
