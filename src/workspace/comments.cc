// Comments on a line (requirement, object): immutable, each a ledger entry.
#include <fmt/format.h>

#include <algorithm>

#include "catalog/data/embedded.h"
#include "core/text.h"
#include "workspace/states.h"
#include "workspace/transaction.h"
#include "workspace/workspace.h"

namespace etguard::workspace {
namespace {

// A browser's textarea sends its line ends as CR LF: kept as LF.
std::string with_lf_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') {
      out += text[i];
    }
  }
  return out;
}

std::size_t characters_in(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    next_code_point(text, pos);
  }
  return count;
}

}  // namespace

Result<assess::Comment> Workspace::add_comment(const assess::Comment& comment) {
  if (catalog::embedded_catalog().node(comment.node_id) == nullptr) {
    return std::unexpected(catalog::embedded_catalog().unknown_id(comment.node_id));
  }
  const std::string body = with_lf_line_ends(trim(comment.body));
  if (body.empty()) {
    return fail(ErrorKind::kUsage, "the comment is empty", "意見為空白");
  }
  if (const std::size_t length = characters_in(body); length > kCommentMaxLength) {
    return fail(ErrorKind::kUsage,
                fmt::format("the comment has {} characters; at most {}", length, kCommentMaxLength),
                fmt::format("意見有 {} 字，上限 {} 字", length, kCommentMaxLength));
  }
  if (const auto unsafe = unsafe_character_in(body)) {
    return fail(ErrorKind::kUsage,
                fmt::format("bad-character: the comment holds {}", describe(*unsafe, Lang::kEn)),
                fmt::format("bad-character：意見含 {}", describe(*unsafe, Lang::kZhTw)));
  }
  return in_transaction([&](ledger::Writer& writer) -> Result<assess::Comment> {
    if (comment.object != "org") {
      auto registers = records_->registers();
      if (!registers) {
        return std::unexpected(registers.error());
      }
      if (std::ranges::none_of(registers->entries, [&](const assess::RegisterEntry& entry) {
            return entry.key() == comment.object;
          })) {
        return fail(ErrorKind::kNotFound,
                    fmt::format("no register entry '{}' (etguard registers list)", comment.object),
                    fmt::format("沒有登錄項目 '{}'（etguard registers list）", comment.object));
      }
    }
    assess::Comment recorded = comment;
    recorded.body = body;
    recorded.written_at = clock_->utc_now();
    auto id = records_->add_comment(recorded);
    if (!id) {
      return std::unexpected(id.error());
    }
    recorded.id = *id;
    auto entry =
        writer.append({recorded.author, "comment.add", recorded.node_id + " " + recorded.object, "",
                       comment_state(recorded)},
                      recorded.written_at);
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return recorded;
  });
}

Result<std::vector<assess::Comment>> Workspace::comments(const std::string& node_id,
                                                         const std::string& object) {
  if (catalog::embedded_catalog().node(node_id) == nullptr) {
    return std::unexpected(catalog::embedded_catalog().unknown_id(node_id));
  }
  return records_->comments(node_id, object);
}

}  // namespace etguard::workspace
