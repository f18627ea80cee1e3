// The scope and statement of applicability in the server (issue 18): every
// requirement with whether it applies, to how many register entries and
// why; and one requirement explained (its inherited conditions, the
// instruments it makes the firm follow, and each entry's deciding facts).
// Read from the current snapshot. An owner sees the firm-wide requirements
// and their own entries only; the board sees the summary only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/session.h"
#include "core/lang.h"

namespace etguard::app {

struct ScopeQuery {
  int chapter = 0;          // 0: every chapter
  std::string applies;      // "", "yes" or "no"
  std::string node;         // a requirement to explain; empty: none
  std::size_t offset = 0;   // of the explained requirement's entries
  std::size_t limit = 200;  // entries of the explained requirement shown
  Lang lang = Lang::kEn;    // of the reasons
};

struct ScopeLine {
  const assess::NodeScope* scope = nullptr;
  bool applies = false;
  int objects = 0;           // register entries the viewer reaches
  int objects_applying = 0;  // of which the requirement applies to
  std::string reason;        // the deciding facts, or what excludes it
};

struct ScopeExplained {
  const assess::NodeScope* scope = nullptr;
  std::vector<std::string_view> conditions;  // article, parents, own
  std::vector<std::string_view> unless;
  std::vector<const catalog::Instrument*> instruments;  // for the firm's sector
  std::vector<const assess::Applicability*> objects;    // one page, reachable only
  std::size_t total = 0;                                // reachable entries in all
};

struct ScopeView {
  std::shared_ptr<const Snapshot> snapshot;  // what the pointers point into
  std::vector<ScopeLine> lines;              // filtered; informative nodes left out
  std::optional<ScopeExplained> explained;
  bool may_download = false;  // the statement of applicability as a document
};

// kNotFound for an unknown requirement; kUsage for a bad filter.
[[nodiscard]] Result<ScopeView> scope_view(Session& session, const Principal& who,
                                           const ScopeQuery& query);

}  // namespace etguard::app
