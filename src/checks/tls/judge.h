// Judgments shared by the TLS checks: what the policy says about one suite,
// one group, one signature hash. Pure functions of the registries and the policy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/tls/policy.h"
#include "tls/algorithms.h"
#include "tls/profile.h"

namespace etguard::tls_checks {

// The failing reason codes a suite earns under the policy (empty: compliant).
// `group` and `dh_bits` refine TLS 1.3 and DHE suites when known.
std::vector<std::string_view> suite_problems(const tls::CipherSuite& suite,
                                             const TlsPolicy& policy);

bool group_is_weak(std::uint16_t group, const TlsPolicy& policy);
bool hash_is_weak(tls::HashKind hash);  // below SHA-256 (MD5, SHA-1, SHA-224)

std::string suite_name(std::uint16_t code);
std::string group_name(std::uint16_t code);
std::string scheme_name(std::uint16_t code);

// Accepted TLS versions before 1.3 that have suites, for iteration.
std::vector<const tls::ProtocolSupport*> accepted_protocols(const tls::TlsProfile& profile);

// Appends `item` unless already listed (reason details keep first-seen order).
void add_unique(std::vector<std::string>& list, std::string item);

// "a, b, c (+N more)" for reason details.
std::string short_list(const std::vector<std::string>& items, std::size_t limit = 4);

}  // namespace etguard::tls_checks
