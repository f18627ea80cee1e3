#include "mobile/literal_set.h"

#include <hs/hs.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace etguard::mobile {

struct LiteralSet::Database {
  hs_database_t* database = nullptr;
  hs_scratch_t* prototype = nullptr;  // cloned per scan, so scans can run at once
  ~Database() {
    hs_free_scratch(prototype);
    hs_free_database(database);
  }
};

LiteralSet::LiteralSet(std::span<const std::string_view> literals)
    : database_(std::make_unique<Database>()) {
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags(literals.size(), HS_FLAG_SINGLEMATCH);
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty() || literals[i].size() > kMaxLiteral) {
      throw std::logic_error("LiteralSet: a literal must have 1 to 256 bytes");
    }
    expressions.push_back(literals[i].data());
    lengths.push_back(literals[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(literals.size()), HS_MODE_BLOCK, nullptr,
                           &database_->database, &error) != HS_SUCCESS) {
    const std::string message = error != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::logic_error("LiteralSet: vectorscan cannot compile the literals: " + message);
  }
  if (hs_alloc_scratch(database_->database, &database_->prototype) != HS_SUCCESS) {
    throw std::bad_alloc();
  }
}

LiteralSet::~LiteralSet() = default;

std::vector<std::size_t> LiteralSet::found_in(std::string_view text) const {
  hs_scratch_t* scratch = nullptr;
  if (hs_clone_scratch(database_->prototype, &scratch) != HS_SUCCESS) {
    throw std::bad_alloc();
  }
  std::vector<std::size_t> found;
  const auto on_match = [](unsigned id, unsigned long long /*from*/, unsigned long long /*to*/,
                           unsigned /*flags*/, void* context) -> int {
    static_cast<std::vector<std::size_t>*>(context)->push_back(id);
    return 0;
  };
  // Block mode takes at most 4 GiB at a time; a literal across a cut would be
  // missed, so the pieces overlap by the longest a literal can be.
  constexpr std::size_t kPiece = std::numeric_limits<unsigned>::max() / 2;
  for (std::size_t at = 0; at < text.size(); at += kPiece) {
    const std::string_view piece = text.substr(at, kPiece + kMaxLiteral);
    hs_scan(database_->database, piece.data(), static_cast<unsigned>(piece.size()), 0, scratch,
            on_match, &found);
  }
  hs_free_scratch(scratch);
  std::ranges::sort(found);
  const auto [first, last] = std::ranges::unique(found);
  found.erase(first, last);
  return found;
}

}  // namespace etguard::mobile
