#include "iot/probe/http_auth.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <memory>

#include "core/digest.h"
#include "core/text.h"

namespace etguard::iot::probe {
namespace {

bool is_token_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token68_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("-._~+/").find(c) != std::string_view::npos;
}

class ChallengeReader {
 public:
  explicit ChallengeReader(std::string_view text) : text_(text) {}

  std::vector<AuthChallenge> read() {
    std::vector<AuthChallenge> challenges;
    while (true) {
      while (!at_end() && (is_space() || text_[at_] == ',')) {
        ++at_;
      }
      if (at_end()) {
        break;
      }
      const std::string_view name = token();
      if (name.empty()) {
        break;
      }
      skip_spaces();
      if (!at_end() && text_[at_] == '=') {  // name=value of the challenge before
        ++at_;
        skip_spaces();
        std::string value;
        if (challenges.empty() || !value_into(value)) {
          break;
        }
        challenges.back().params.emplace_back(ascii_lower(name), std::move(value));
        continue;
      }
      challenges.push_back({.scheme = ascii_lower(name), .params = {}});
      if (std::string token68 = this->token68(); !token68.empty()) {
        challenges.back().params.emplace_back("", std::move(token68));
      }
    }
    return challenges;
  }

 private:
  [[nodiscard]] bool at_end() const { return at_ >= text_.size(); }
  [[nodiscard]] bool is_space() const { return text_[at_] == ' ' || text_[at_] == '\t'; }
  void skip_spaces() {
    while (!at_end() && is_space()) {
      ++at_;
    }
  }

  std::string_view token() {
    const std::size_t begin = at_;
    while (!at_end() && is_token_char(text_[at_])) {
      ++at_;
    }
    return text_.substr(begin, at_ - begin);
  }

  // A token68 standing alone after the scheme ("Negotiate YII=="); leaves
  // the position where it was when what follows is a parameter instead.
  std::string token68() {
    const std::size_t mark = at_;
    while (!at_end() && is_token68_char(text_[at_])) {
      ++at_;
    }
    if (at_ == mark) {
      return {};
    }
    while (!at_end() && text_[at_] == '=') {
      ++at_;
    }
    const std::size_t end = at_;
    skip_spaces();
    if (at_end() || text_[at_] == ',') {
      return std::string(text_.substr(mark, end - mark));
    }
    at_ = mark;
    return {};
  }

  // A token or a quoted string (RFC 9110 section 5.6.4), unescaped.
  bool value_into(std::string& value) {
    if (at_end() || text_[at_] != '"') {
      value = token();
      return !value.empty();
    }
    ++at_;
    while (!at_end()) {
      const char c = text_[at_++];
      if (c == '"') {
        return true;
      }
      if (c == '\\' && !at_end()) {
        value += text_[at_++];
      } else {
        value += c;
      }
    }
    return false;  // the quote never closes
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

std::string quoted_string(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + '"';
}

// The hex digest of `text` under OpenSSL's `algorithm` ("MD5", "SHA256").
std::string hex_hash(const char* algorithm, std::string_view text) {
  const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
      EVP_MD_fetch(nullptr, algorithm, nullptr), &EVP_MD_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (!md || EVP_Digest(text.data(), text.size(), digest.data(), &size, md.get(), nullptr) != 1) {
    return {};
  }
  return to_hex(digest.data(), size);
}

bool lists_token(std::string_view list, std::string_view wanted) {
  for (std::string_view rest = list; !rest.empty();) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (ascii_lower(item) == wanted) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view AuthChallenge::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

std::vector<AuthChallenge> parse_challenges(std::string_view field) {
  return ChallengeReader(field).read();
}

const AuthChallenge* find_challenge(const std::vector<AuthChallenge>& challenges,
                                    std::string_view scheme) {
  const auto found = std::ranges::find(challenges, scheme, &AuthChallenge::scheme);
  return found == challenges.end() ? nullptr : &*found;
}

std::vector<AuthChallenge> challenges_of(const boost::beast::http::fields& fields) {
  std::vector<AuthChallenge> challenges;
  const auto [first, last] = fields.equal_range(boost::beast::http::field::www_authenticate);
  for (auto field = first; field != last; ++field) {
    for (AuthChallenge& challenge :
         parse_challenges(std::string_view(field->value().data(), field->value().size()))) {
      challenges.push_back(std::move(challenge));
    }
  }
  return challenges;
}

std::expected<std::string, std::string> digest_authorization(const AuthChallenge& challenge,
                                                             const DigestRequest& request) {
  const std::string_view nonce = challenge.param("nonce");
  if (nonce.empty()) {
    return std::unexpected("a Digest challenge without a nonce");
  }
  if (ascii_lower(challenge.param("userhash")) == "true") {
    return std::unexpected("a Digest challenge asking for userhash");
  }
  const std::string algorithm =
      challenge.param("algorithm").empty() ? "md5" : ascii_lower(challenge.param("algorithm"));
  const bool session = algorithm.ends_with("-sess");
  const std::string_view base =
      std::string_view(algorithm).substr(0, algorithm.size() - (session ? 5 : 0));
  const char* hash = base == "md5" ? "MD5" : base == "sha-256" ? "SHA256" : nullptr;
  if (hash == nullptr) {
    return std::unexpected(
        fmt::format("a Digest challenge with algorithm {}", challenge.param("algorithm")));
  }
  const std::string_view qop_offered = challenge.param("qop");
  const bool qop = lists_token(qop_offered, "auth");
  if (!qop && !qop_offered.empty()) {
    return std::unexpected(fmt::format("a Digest challenge offering qop '{}'", qop_offered));
  }
  const std::string_view realm = challenge.param("realm");
  std::string ha1 = hex_hash(hash, fmt::format("{}:{}:{}", request.user, realm, request.password));
  if (session) {
    ha1 = hex_hash(hash, fmt::format("{}:{}:{}", ha1, nonce, request.cnonce));
  }
  const std::string ha2 = hex_hash(hash, fmt::format("{}:{}", request.method, request.uri));
  constexpr std::string_view kCount = "00000001";
  const std::string response = qop ? hex_hash(hash, fmt::format("{}:{}:{}:{}:auth:{}", ha1, nonce,
                                                                kCount, request.cnonce, ha2))
                                   : hex_hash(hash, fmt::format("{}:{}:{}", ha1, nonce, ha2));
  std::string value =
      fmt::format("Digest username={}, realm={}, nonce={}, uri={}, response={}",
                  quoted_string(request.user), quoted_string(realm), quoted_string(nonce),
                  quoted_string(request.uri), quoted_string(response));
  if (!challenge.param("algorithm").empty()) {
    value += fmt::format(", algorithm={}", challenge.param("algorithm"));
  }
  if (qop) {
    value += fmt::format(", qop=auth, nc={}, cnonce={}", kCount, quoted_string(request.cnonce));
  }
  if (const std::string_view opaque = challenge.param("opaque"); !opaque.empty()) {
    value += fmt::format(", opaque={}", quoted_string(opaque));
  }
  return value;
}

std::string basic_authorization(std::string_view user, std::string_view password) {
  return "Basic " + to_base64(fmt::format("{}:{}", user, password));
}

std::expected<std::string, std::string> answer_digest(unsigned status,
                                                      const std::vector<AuthChallenge>& challenges,
                                                      const DigestRequest& request) {
  const AuthChallenge* digest = find_challenge(challenges, "digest");
  if (status != 401 || digest == nullptr) {
    return std::unexpected(fmt::format("{} where a Digest challenge was expected", status));
  }
  const std::string cnonce = new_cnonce();
  DigestRequest answered = request;
  answered.cnonce = cnonce;
  return digest_authorization(*digest, answered);
}

std::string new_cnonce() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return {};
  }
  return to_hex(bytes.data(), bytes.size());
}

}  // namespace etguard::iot::probe
