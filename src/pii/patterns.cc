#include "pii/patterns.h"

namespace etguard::pii {

hs_error_t compile_patterns(const std::vector<const char*>& custom, unsigned custom_base,
                            hs_database_t** database, hs_compile_error_t** error) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < kPatterns.size(); ++i) {
    expressions.push_back(kPatterns.at(i).regex);
    flags.push_back(kPatterns.at(i).flags);
    ids.push_back(static_cast<unsigned>(i));
  }
  for (std::size_t i = 0; i < custom.size(); ++i) {
    expressions.push_back(custom[i]);
    flags.push_back(HS_FLAG_SOM_LEFTMOST);
    ids.push_back(custom_base + static_cast<unsigned>(i));
  }
  return hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                          static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                          database, error);
}

}  // namespace etguard::pii
