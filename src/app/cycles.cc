#include "app/cycles.h"

namespace etguard::app {

Result<CycleStarted> start_cycle(Session& session, const std::string& name,
                                 const std::string& today) {
  const std::string started_on = today.empty() ? session.today() : today;
  auto reset = session.workspace().start_cycle(name, started_on, session.actor());
  if (!reset) {
    return std::unexpected(reset.error());
  }
  return CycleStarted{name, started_on, *reset};
}

Result<std::vector<store::CycleRecord>> list_cycles(Session& session) {
  return session.workspace().cycles();
}

}  // namespace etguard::app
