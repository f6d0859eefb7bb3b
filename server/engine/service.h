#pragma once

#include <QString>

namespace podium {

class Engine;

// One part of the domain, hosted by the engine core: it runs on the engine
// thread, writes through the core's open batch and emits its events into
// the core's log. Its loaded state comes from the store when the engine
// opens, and again when a failed request is undone (reset, then load).
class Service
{
public:
    explicit Service(Engine &core) : m_core(core) { }
    virtual ~Service() = default;
    Service(const Service &) = delete;
    Service &operator=(const Service &) = delete;

    // Services load in the order the engine creates them: configuration,
    // directory, scoring, contests, social. A later one may read an
    // earlier one's state while loading.
    virtual bool load(QString *error) = 0;
    virtual void reset() = 0;

protected:
    Engine &core() const { return m_core; }

private:
    Engine &m_core;
};

} // namespace podium
