// The input contract's vocabulary (docs/authlog-input.md), shared by every
// event parser: actions, factor names and their Art. 35(1) types, the valid
// identity re-verification methods, event ids, and source keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "authlog/event.h"
#include "core/huge_array.h"

namespace etguard::authlog {

Action action_of(std::string_view name);
// kKnowledge, kPossession or kInherence; 0 for a factor the contract does not name.
std::uint8_t factor_type(std::string_view factor);
bool valid_unlock_method(std::string_view method);
// 16 hex digits to a number; 0 when it is not hex.
std::uint64_t hex_id(std::string_view text);

// The source key of an address: an IPv4 address as is, an IPv6 address as
// its /64 prefix ("2001:db8:1:2::/64"); empty when it is not an address.
std::string source_key(std::string_view address);

// Interns source.ip and its source key, remembering the key of each address
// so inet_pton runs once per distinct address.
class SourceKeys {
 public:
  explicit SourceKeys(Interner& strings) : strings_(strings) {}
  // Sets event.address and event.source; `hash` is Interner::hash(ip).
  void set(Event& event, std::string_view ip, std::uint64_t hash);
  void set(Event& event, std::string_view ip) { set(event, ip, Interner::hash(ip)); }

 private:
  Interner& strings_;
  HugeArray<std::uint32_t> source_of_;  // by interned address; 0: not yet known
};

}  // namespace etguard::authlog
