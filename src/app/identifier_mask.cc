#include "app/identifier_mask.h"

#include <openssl/crypto.h>

#include <array>
#include <unordered_map>
#include <vector>

#include "pii/mask.h"
#include "pii/scanner.h"
#include "pii/types.h"

namespace etguard::app {

struct IdentifierMask::State {
  explicit State(pii::Scanner found) : scanner(std::move(found)), scratch(scanner) {}
  pii::Scanner scanner;
  mutable pii::ScanScratch scratch;
  std::unique_ptr<pii::Masker> masker;
  // A report names the same accounts again and again (in findings, top
  // lists and checks' evidence): each distinct string is masked once.
  mutable std::unordered_map<std::string, std::string> masked;
};

IdentifierMask::IdentifierMask(std::unique_ptr<State> state) : state_(std::move(state)) {}
IdentifierMask::IdentifierMask(IdentifierMask&&) noexcept = default;
IdentifierMask& IdentifierMask::operator=(IdentifierMask&&) noexcept = default;
IdentifierMask::~IdentifierMask() = default;

Result<IdentifierMask> IdentifierMask::create(const Random& random) {
  auto scanner = pii::Scanner::create();
  if (!scanner) {
    return std::unexpected(scanner.error());
  }
  std::array<std::uint8_t, 32> key{};
  if (Status drawn = random.fill(key); !drawn) {
    return std::unexpected(drawn.error());
  }
  auto keyed = pii::keyed_from_key(std::string(key.begin(), key.end()));
  OPENSSL_cleanse(key.data(), key.size());
  auto state = std::make_unique<State>(std::move(*scanner));
  state->masker =
      std::make_unique<pii::Masker>(state->scanner, pii::MaskMode::kPseudonym, std::move(keyed));
  return IdentifierMask(std::move(state));
}

Result<std::string> IdentifierMask::text(std::string_view text) const {
  const std::string key(text);
  if (const auto known = state_->masked.find(key); known != state_->masked.end()) {
    return known->second;
  }
  auto masked = mask(text);
  if (masked) {
    state_->masked.emplace(key, *masked);
  }
  return masked;
}

Result<std::string> IdentifierMask::mask(std::string_view text) const {
  std::vector<pii::Detection> found;
  state_->scanner.scan(text, state_->scratch, found);
  // Addresses stay: the officer blocks attacking sources by them.
  std::erase_if(found, [](const pii::Detection& each) {
    return each.type == static_cast<std::uint16_t>(pii::PiiType::kIpv4);
  });
  if (found.empty()) {
    return std::string(text);
  }
  return state_->masker->apply(text, found);
}

Status IdentifierMask::json(nlohmann::ordered_json& document) const {
  if (document.is_string()) {
    auto masked = text(document.get_ref<const std::string&>());
    if (!masked) {
      return std::unexpected(masked.error());
    }
    document = std::move(*masked);
    return {};
  }
  if (document.is_array()) {
    for (auto& item : document) {
      if (Status done = json(item); !done) {
        return done;
      }
    }
    return {};
  }
  if (!document.is_object()) {
    return {};
  }
  nlohmann::ordered_json masked = nlohmann::ordered_json::object();
  for (auto& [key, value] : document.items()) {
    auto name = text(key);
    if (!name) {
      return std::unexpected(name.error());
    }
    if (Status done = json(value); !done) {
      return done;
    }
    masked[*name] = std::move(value);
  }
  document = std::move(masked);
  return {};
}

Status IdentifierMask::finding(check::Finding& finding) const {
  if (Status done = json(finding.assessment.evidence); !done) {
    return done;
  }
  for (check::Reason& reason : finding.assessment.reasons) {
    for (std::string* words : {&reason.en, &reason.zh}) {
      auto masked = text(*words);
      if (!masked) {
        return std::unexpected(masked.error());
      }
      *words = std::move(*masked);
    }
  }
  finding.target = text(finding.target).value_or(finding.target);
  return {};
}

}  // namespace etguard::app
