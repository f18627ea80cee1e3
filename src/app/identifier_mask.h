// Personal identifiers out of what etguard keeps and shows people: reports
// and stored evidence name accounts by pseudonyms, never by the national ID
// numbers that are often their names (issue 14.6). The PII scanner finds
// them (IPv4 addresses excepted: the officer blocks attacking sources by
// them); each becomes a keyed pseudonym (TW_NATIONAL_ID:4be1c0a7d3f2e915)
// under a key drawn for this mask alone, so one account keeps one pseudonym
// throughout a report and no other report can be joined to it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "checks/check.h"
#include "core/random.h"
#include "core/result.h"

namespace etguard::app {

class IdentifierMask {
 public:
  [[nodiscard]] static Result<IdentifierMask> create(const Random& random = system_random());
  IdentifierMask(IdentifierMask&&) noexcept;
  IdentifierMask& operator=(IdentifierMask&&) noexcept;
  ~IdentifierMask();

  // `text` with each personal identifier replaced by its pseudonym. Not for
  // concurrent use (it keeps the strings it masked).
  [[nodiscard]] Result<std::string> text(std::string_view text) const;
  // Every string of `document`, keys and values.
  [[nodiscard]] Status json(nlohmann::ordered_json& document) const;
  // A check's finding as stored: its evidence and its reasons.
  [[nodiscard]] Status finding(check::Finding& finding) const;

 private:
  struct State;
  explicit IdentifierMask(std::unique_ptr<State> state);
  [[nodiscard]] Result<std::string> mask(std::string_view text) const;
  std::unique_ptr<State> state_;
};

}  // namespace etguard::app
