// Finds the obligation words in a clause's Chinese text, so that the declared
// obligation of every node can be checked against its own wording.
//
//   shall:  應 (not in 應用 相應 因應 應變 適應 對應 供應 回應 反應 應注意事項), 須, 不得
//   should: 宜
//   may:    得 (not in 取得 獲得 不得 得以 使得 值得 所得 得知 始得), 可依, 可包含, 可採取, 可參考
//
// 「可」 alone is too common (可用性, 可攜式, 許可) to count.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/model.h"

namespace etguard::catalog {

// The distinct obligations whose words occur in `text_zh`, strongest first.
std::vector<Obligation> obligation_words(std::string_view text_zh);

}  // namespace etguard::catalog
