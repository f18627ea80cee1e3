#include "authlog/fields.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace etguard::authlog {

Action action_of(std::string_view name) {
  if (name == "login") {
    return Action::kLogin;
  }
  if (name == "logout") {
    return Action::kLogout;
  }
  if (name == "account_lock") {
    return Action::kLock;
  }
  if (name == "account_unlock") {
    return Action::kUnlock;
  }
  if (name == "password_change") {
    return Action::kPasswordChange;
  }
  if (name == "password_change_prompt") {
    return Action::kPasswordPrompt;
  }
  if (name == "trade_order") {
    return Action::kTrade;
  }
  if (name == "notification_sent") {
    return Action::kNotification;
  }
  return Action::kOther;
}

std::uint8_t factor_type(std::string_view factor) {
  constexpr std::array<std::string_view, 3> kKnowledgeFactors{"password", "pin",
                                                              "security_question"};
  constexpr std::array<std::string_view, 6> kPossessionFactors{
      "device_binding", "sms_otp", "totp", "hardware_token", "client_cert", "push_approve"};
  constexpr std::array<std::string_view, 2> kInherenceFactors{"fingerprint", "face_id"};
  for (const std::string_view name : kKnowledgeFactors) {
    if (factor == name) {
      return kKnowledge;
    }
  }
  for (const std::string_view name : kPossessionFactors) {
    if (factor == name) {
      return kPossession;
    }
  }
  for (const std::string_view name : kInherenceFactors) {
    if (factor == name) {
      return kInherence;
    }
  }
  return 0;
}

bool valid_unlock_method(std::string_view method) {
  constexpr std::array<std::string_view, 6> kMethods{
      "branch_id_check",      "video_kyc", "mobile_id", "sms_otp_and_kba", "callcenter_kba_and_otp",
      "it_helpdesk_in_person"};
  for (const std::string_view name : kMethods) {
    if (method == name) {
      return true;
    }
  }
  return false;
}

namespace {

// The value of a hex digit; 0xFF for any other byte.
constexpr auto kHexDigit = [] {
  std::array<std::uint8_t, 256> table{};
  table.fill(0xFF);
  for (unsigned c = 0; c < 10; ++c) {
    table['0' + c] = static_cast<std::uint8_t>(c);
  }
  for (unsigned c = 0; c < 6; ++c) {
    table['a' + c] = static_cast<std::uint8_t>(10 + c);
    table['A' + c] = static_cast<std::uint8_t>(10 + c);
  }
  return table;
}();

}  // namespace

std::uint64_t hex_id(std::string_view text) {
  while (text.size() > 16 && text.front() == '0') {
    text.remove_prefix(1);  // leading zeros do not overflow
  }
  if (text.empty() || text.size() > 16) {
    return 0;
  }
  std::uint64_t value = 0;
  unsigned invalid = 0;
  for (const char c : text) {
    const std::uint8_t digit = kHexDigit[static_cast<unsigned char>(c)];
    invalid |= digit;
    value = value << 4U | (digit & 0xFU);
  }
  return (invalid & 0xF0U) != 0 ? 0 : value;
}

std::string source_key(std::string_view address) {
  std::string text(address);
  std::array<unsigned char, 16> bytes{};
  if (::inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    return text;
  }
  if (::inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) {
    return {};
  }
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  std::array<char, INET6_ADDRSTRLEN> prefix{};
  ::inet_ntop(AF_INET6, bytes.data(), prefix.data(), prefix.size());
  return std::string(prefix.data()) + "/64";
}

void SourceKeys::set(Event& event, std::string_view ip, std::uint64_t hash) {
  event.address = strings_.intern(ip, hash);
  if (event.address >= source_of_.size()) {
    source_of_.grow_to(event.address + 1);
  }
  std::uint32_t& source = source_of_[event.address];
  if (source == 0) {
    source = strings_.intern(source_key(strings_.text(event.address)));
  }
  event.source = source;
}

}  // namespace etguard::authlog
