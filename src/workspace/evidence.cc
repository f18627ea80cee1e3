// Evidence, its content-addressed store, and the ledger's read side.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <nlohmann/json.hpp>
#include <random>

#include "core/atomic_file.h"
#include "core/digest.h"
#include "core/text.h"
#include "ledger/export.h"
#include "workspace/states.h"
#include "workspace/transaction.h"
#include "workspace/workspace.h"

namespace etguard::workspace {
namespace {

// The media type of the kinds of file evidence takes, by extension; empty
// when not one of them (the file is kept all the same).
std::string_view media_type_of(const std::filesystem::path& file) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".pdf", "application/pdf"},
      {".html", "text/html"},
      {".htm", "text/html"},
      {".txt", "text/plain"},
      {".log", "text/plain"},
      {".csv", "text/csv"},
      {".json", "application/json"},
      {".jsonl", "application/jsonl"},
      {".xml", "application/xml"},
      {".yaml", "application/yaml"},
      {".yml", "application/yaml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".eml", "message/rfc822"},
      {".zip", "application/zip"},
      {".gz", "application/gzip"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
  };
  std::string extension = file.extension().string();
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const auto& [suffix, type] : kTypes) {
    if (extension == suffix) {
      return type;
    }
  }
  return {};
}

}  // namespace

namespace {

using Json = nlohmann::json;

std::filesystem::path stored_path(const store::WorkspacePaths& paths, const std::string& sha256) {
  return paths.evidence() / sha256.substr(0, 2) / sha256;
}

// Stores a file once, read-only, under its hash; `produce` writes it.
Status keep(const std::filesystem::path& target,
            const std::function<Status(const std::filesystem::path&)>& produce) {
  std::error_code error;
  if (std::filesystem::exists(target, error)) {
    return {};  // the same content is stored once
  }
  std::filesystem::create_directories(target.parent_path(), error);
  if (Status stored = produce_file_atomically(target, produce); !stored) {
    return stored;
  }
  std::filesystem::permissions(
      target, std::filesystem::perms::owner_read | std::filesystem::perms::group_read, error);
  return {};
}

}  // namespace

Result<HashedCopy> Workspace::keep_file(const std::filesystem::path& file) {
  // Copied and hashed in one read, under a private name, then filed under its
  // hash: what is stored is what was hashed, even while the source grows.
  std::error_code error;
  std::filesystem::create_directories(paths_.evidence(), error);
  std::random_device device;
  const auto incoming =
      paths_.evidence() / fmt::format(".incoming.{}.{:08x}", ::getpid(), device());
  auto copy = copy_file_hashing(file, incoming, kMaxEvidenceBytes);
  if (!copy) {
    return std::unexpected(copy.error());
  }
  const auto target = stored_path(paths_, to_hex(copy->sha256));
  Status kept = keep(target, [&incoming](const std::filesystem::path& temporary) -> Status {
    std::error_code moved;
    std::filesystem::rename(incoming, temporary, moved);
    if (moved) {
      return fail(
          ErrorKind::kIo,
          fmt::format("cannot file '{}' in the evidence store: {}", incoming.string(),
                      moved.message()),
          fmt::format("無法將 '{}' 存入佐證儲存區：{}", incoming.string(), moved.message()));
    }
    return {};
  });
  std::filesystem::remove(incoming, error);  // still there when the content was already stored
  if (!kept) {
    return std::unexpected(kept.error());
  }
  return *copy;
}

Result<HashedCopy> Workspace::keep_bytes(std::string_view content) {
  if (content.size() > kMaxEvidenceBytes) {
    return fail(
        ErrorKind::kInput,
        fmt::format("{} bytes is larger than evidence may be ({} bytes)", content.size(),
                    kMaxEvidenceBytes),
        fmt::format("{} 位元組超過佐證大小上限（{} 位元組）", content.size(), kMaxEvidenceBytes));
  }
  HashedCopy kept{.sha256 = sha256(content), .size = content.size()};
  if (Status stored = keep_content(to_hex(kept.sha256), content); !stored) {
    return std::unexpected(stored.error());
  }
  return kept;
}

std::filesystem::path Workspace::stored_file(const std::string& sha256) const {
  return stored_path(paths_, sha256);
}

Result<std::string> Workspace::keep_document(std::string_view content) {
  auto kept = keep_bytes(content);
  if (!kept) {
    return std::unexpected(kept.error());
  }
  return to_hex(kept->sha256);
}

namespace {

// The writer of an unfinished file, from its name: ".incoming.PID.RANDOM"
// (keep_file) or "NAME.PID.RANDOM.tmp" (produce_file_atomically); nullopt
// for any other name.
std::optional<pid_t> writer_of(const std::string& name) {
  std::string_view rest = name;
  if (rest.starts_with(".incoming.")) {
    rest.remove_prefix(std::string_view(".incoming.").size());
  } else if (rest.ends_with(".tmp")) {
    rest.remove_suffix(std::string_view(".tmp").size());
    const auto random = rest.rfind('.');
    const auto pid = random == std::string_view::npos ? random : rest.rfind('.', random - 1);
    if (pid == std::string_view::npos) {
      return std::nullopt;
    }
    rest = rest.substr(pid + 1);
  } else {
    return std::nullopt;
  }
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (error != std::errc() || end == rest.data() + rest.size() || *end != '.' || pid <= 0) {
    return std::nullopt;
  }
  return pid;
}

bool running(pid_t pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

}  // namespace

Result<int> Workspace::remove_interrupted_evidence() {
  int removed = 0;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(paths_.evidence(), error), end;
       !error && it != end; it.increment(error)) {
    if (it.depth() > 1 || !it->is_regular_file(error)) {
      continue;
    }
    const auto writer = writer_of(it->path().filename().string());
    if (writer && !running(*writer)) {
      std::error_code gone;
      removed += std::filesystem::remove(it->path(), gone) ? 1 : 0;
    }
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    return fail(
        ErrorKind::kIo,
        fmt::format("cannot read the evidence store '{}': {}", paths_.evidence().string(),
                    error.message()),
        fmt::format("無法讀取佐證儲存區 '{}'：{}", paths_.evidence().string(), error.message()));
  }
  return removed;
}

Result<std::string> Workspace::sign_document(std::string_view document, const std::string& action,
                                             const std::string& object, const std::string& actor) {
  if (!key_) {
    return fail(ErrorKind::kUsage, "the workspace is open read-only: nothing can be signed",
                "工作區以唯讀開啟：無法簽章");
  }
  auto signature = key_->sign(document);
  if (!signature) {
    return signature;
  }
  auto recorded = in_transaction([&](ledger::Writer& writer) -> Status {
    auto entry =
        writer.append({actor, action, object, "", Json{{"sha256", sha256_hex(document)}}.dump()},
                      clock_->utc_now());
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return {};
  });
  if (!recorded) {
    return std::unexpected(recorded.error());
  }
  return signature;
}

Status Workspace::keep_content(const std::string& sha256, std::string_view content) {
  return keep(stored_path(paths_, sha256), [&content](const std::filesystem::path& temporary) {
    return write_file_atomically(temporary, content);
  });
}

Result<assess::Evidence> Workspace::insert_evidence(ledger::Writer& writer, assess::Evidence record,
                                                    const std::string& actor) {
  auto id = records_->add_evidence(record);
  if (!id) {
    return std::unexpected(id.error());
  }
  record.id = *id;
  auto entry = writer.append(
      {actor, "evidence.add", record.node_id + " " + record.object, "", evidence_state(record)},
      record.added_at);
  if (!entry) {
    return std::unexpected(entry.error());
  }
  return record;
}

Result<assess::Evidence> Workspace::add_evidence(const assess::Evidence& evidence,
                                                 const std::filesystem::path& file,
                                                 const std::string& actor) {
  auto added = add_evidence(evidence, {{evidence.object}, 0, {}}, file, actor);
  if (!added) {
    return std::unexpected(added.error());
  }
  return added->front();
}

Result<std::vector<assess::Evidence>> Workspace::add_evidence(
    const assess::Evidence& evidence, const EvidenceCover& cover, const std::filesystem::path& file,
    const std::string& actor, std::optional<std::string_view> content) {
  if (cover.objects.empty()) {
    return fail(ErrorKind::kUsage, "evidence needs an object it covers (--object)",
                "佐證須指定涵蓋之對象（--object）");
  }
  for (const std::string& object : cover.objects) {
    if (Status applies = check_applies(evidence.node_id, object); !applies) {
      return std::unexpected(applies.error());
    }
  }
  assess::Evidence record = evidence;
  record.added_by = actor;
  record.added_at = clock_->utc_now();
  if (record.kind == "file" || record.kind == "scan") {
    auto kept = content ? keep_bytes(*content) : keep_file(file);
    if (!kept) {
      return std::unexpected(kept.error());
    }
    record.sha256 = to_hex(kept->sha256);
    record.size = static_cast<std::int64_t>(kept->size);
    record.file_name = file.filename().string();
    record.media_type = std::string(media_type_of(file));
    if (record.name.empty()) {
      record.name = record.file_name;
    }
  }
  return in_transaction([&](ledger::Writer& writer) -> Result<std::vector<assess::Evidence>> {
    std::vector<assess::Evidence> added;
    for (const std::string& object : cover.objects) {
      record.object = object;
      auto inserted = insert_evidence(writer, record, actor);
      if (!inserted) {
        return std::unexpected(inserted.error());
      }
      added.push_back(std::move(*inserted));
    }
    if (cover.supersedes != 0) {
      if (Status withdrawn =
              record_withdrawal(writer, cover.supersedes, cover.reason, added.front().id, actor);
          !withdrawn) {
        return std::unexpected(withdrawn.error());
      }
    }
    return added;
  });
}

Status Workspace::withdraw_evidence(std::int64_t id, const std::string& reason,
                                    const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Status {
    return record_withdrawal(writer, id, reason, 0, actor);
  });
}

Result<assess::EvidenceReview> Workspace::review_evidence(const assess::EvidenceReview& review) {
  if (!review.approved && trim(review.comment).empty()) {
    return fail(ErrorKind::kUsage, "say why the evidence is rejected (the comment)",
                "請說明退回佐證之理由");
  }
  if (const auto unsafe = unsafe_character_in(review.comment)) {
    return fail(ErrorKind::kUsage,
                fmt::format("bad-character: the comment holds {}", describe(*unsafe, Lang::kEn)),
                fmt::format("bad-character：意見含 {}", describe(*unsafe, Lang::kZhTw)));
  }
  const std::int64_t id = review.evidence_id;
  return in_transaction([&](ledger::Writer& writer) -> Result<assess::EvidenceReview> {
    auto records = records_->evidence();
    auto reviews =
        records ? records_->evidence_reviews()
                : Result<std::vector<assess::EvidenceReview>>(std::unexpected(records.error()));
    if (!reviews) {
      return std::unexpected(reviews.error());
    }
    const auto found = std::ranges::find(*records, id, &assess::Evidence::id);
    if (found == records->end()) {
      return fail(ErrorKind::kNotFound, fmt::format("no evidence {}", id),
                  fmt::format("沒有佐證 {}", id));
    }
    if (found->withdrawn()) {
      return fail(ErrorKind::kUsage,
                  fmt::format("evidence {} is withdrawn: there is nothing to review", id),
                  fmt::format("佐證 {} 已撤回，無從審查", id));
    }
    // A review is final: a changed document comes as a new record superseding this one.
    if (const auto earlier = std::ranges::find(*reviews, id, &assess::EvidenceReview::evidence_id);
        earlier != reviews->end()) {
      return fail(ErrorKind::kUsage,
                  fmt::format("evidence {} was reviewed already by {} ({}); add a new record that "
                              "supersedes it instead",
                              id, earlier->reviewer, earlier->approved ? "approved" : "rejected"),
                  fmt::format("佐證 {} 已由 {} 審查（{}）；請改以新紀錄取代之", id,
                              earlier->reviewer, earlier->approved ? "核可" : "退回"));
    }
    assess::EvidenceReview recorded = review;
    recorded.reviewed_at = clock_->utc_now();
    if (Status added = records_->add_evidence_review(recorded); !added) {
      return std::unexpected(added.error());
    }
    auto entry = writer.append({recorded.reviewer, "evidence.review",
                                fmt::format("evidence {}", id), "", review_state(recorded)},
                               recorded.reviewed_at);
    if (!entry) {
      return std::unexpected(entry.error());
    }
    return recorded;
  });
}

Result<std::vector<assess::EvidenceReview>> Workspace::evidence_reviews() {
  return records_->evidence_reviews();
}

Status Workspace::record_withdrawal(ledger::Writer& writer, std::int64_t id,
                                    const std::string& reason, std::int64_t superseded_by,
                                    const std::string& actor) {
  if (trim(reason).empty()) {
    return fail(ErrorKind::kUsage, "give the --reason the evidence is withdrawn or superseded",
                "請以 --reason 說明撤回或取代之理由");
  }
  if (const auto unsafe = unsafe_character_in(reason)) {
    return fail(ErrorKind::kUsage,
                fmt::format("bad-character: the reason holds {}", describe(*unsafe, Lang::kEn)),
                fmt::format("bad-character：理由含 {}", describe(*unsafe, Lang::kZhTw)));
  }
  auto records = records_->evidence();
  if (!records) {
    return std::unexpected(records.error());
  }
  const auto found = std::ranges::find(*records, id, &assess::Evidence::id);
  if (found == records->end()) {
    return fail(ErrorKind::kNotFound, fmt::format("no evidence {} (etguard evidence list)", id),
                fmt::format("沒有佐證 {}（etguard evidence list）", id));
  }
  assess::Evidence withdrawal = *found;
  withdrawal.withdrawn_reason = reason;
  withdrawal.superseded_by = superseded_by;
  withdrawal.withdrawn_by = actor;
  withdrawal.withdrawn_at = clock_->utc_now();
  if (Status marked = records_->withdraw_evidence(withdrawal); !marked) {
    return marked;
  }
  auto entry =
      writer.append({actor, superseded_by != 0 ? "evidence.supersede" : "evidence.withdraw",
                     fmt::format("evidence {}", id), "", withdrawal_state(withdrawal)},
                    withdrawal.withdrawn_at);
  return entry ? Status{} : Status{std::unexpected(entry.error())};
}

Result<Workspace::ScanEvidenceAdded> Workspace::add_scan_evidence(
    const std::vector<ScanRecord>& records, const std::string& actor) {
  return in_transaction([&](ledger::Writer& writer) -> Result<ScanEvidenceAdded> {
    auto registers = records_->registers();
    if (!registers) {
      return std::unexpected(registers.error());
    }
    const ScopeIndex scope(*registers);
    const std::string now = clock_->utc_now();
    ScanEvidenceAdded out;
    out.added.reserve(records.size());
    for (const ScanRecord& scan : records) {
      if (!scope.applies(scan.evidence.node_id, scan.evidence.object)) {
        ++out.skipped;  // e.g. ET-8.2.1 is about cloud services, not a trading system
        continue;
      }
      assess::Evidence record = scan.evidence;
      record.kind = "scan";
      record.sha256 = sha256_hex(scan.document);
      // The document is stored before its row: a crash before the commit
      // leaves at most an unreferenced file, never a record without one.
      if (Status kept = keep_content(record.sha256, scan.document); !kept) {
        return std::unexpected(kept.error());
      }
      record.size = static_cast<std::int64_t>(scan.document.size());
      record.added_by = actor;
      record.added_at = now;
      auto inserted = insert_evidence(writer, std::move(record), actor);
      if (!inserted) {
        return std::unexpected(inserted.error());
      }
      out.added.push_back(std::move(*inserted));
    }
    if (out.added.empty()) {  // rolled back: nothing is recorded
      std::vector<std::string> nodes;
      for (const ScanRecord& scan : records) {
        if (std::ranges::find(nodes, scan.evidence.node_id) == nodes.end()) {
          nodes.push_back(scan.evidence.node_id);
        }
      }
      const std::string object = records.empty() ? std::string() : records.front().evidence.object;
      const std::string first = nodes.empty() ? std::string("ID") : nodes.front();
      return fail(
          ErrorKind::kUsage,
          fmt::format("none of the findings' requirements ({}) applies to {}; see "
                      "'etguard scope --explain {}'",
                      fmt::join(nodes, ", "), object, first),
          fmt::format("發現事項之要求（{}）均不適用於 {}；請見 'etguard scope --explain {}'",
                      fmt::join(nodes, "、"), object, first));
    }
    return out;
  });
}

Result<std::vector<assess::Evidence>> Workspace::load_evidence() {
  return records_->evidence();
}

Result<std::vector<std::string>> Workspace::verify_evidence_store() {
  auto evidence = load_evidence();
  if (!evidence) {
    return std::unexpected(evidence.error());
  }
  std::vector<std::string> damaged;
  for (const auto& item : *evidence) {
    if (item.kind == "link") {
      continue;
    }
    const auto path = stored_path(paths_, item.sha256);
    auto digest = sha256_file(path);
    std::error_code error;
    if (!digest || to_hex(*digest) != item.sha256) {
      damaged.push_back(fmt::format("evidence {} ({}): {}", item.id, item.name,
                                    digest                                 ? "content changed"
                                    : std::filesystem::exists(path, error) ? "file unreadable"
                                                                           : "file missing"));
    }
  }
  return damaged;
}

Result<ledger::VerifyReport> Workspace::verify_ledger(std::string_view public_key_hex) {
  auto damaged = store::integrity_problems(db_);
  if (!damaged) {
    return std::unexpected(damaged.error());
  }
  if (!damaged->empty()) {
    ledger::VerifyReport report;
    damaged->resize(std::min<std::size_t>(damaged->size(), 3));
    report.problem = fmt::format("the database file is damaged (SQLite integrity check): {}",
                                 fmt::join(*damaged, "; "));
    return report;
  }
  const std::string_view key = public_key_hex.empty() ? public_key_hex_ : public_key_hex;
  auto report = ledger::verify(db_, key);
  if (!report || report->first_bad || !report->problem.empty()) {
    return report;
  }
  // A key file replaced behind etguard's back (and the chain re-signed with
  // it) no longer matches the key recorded at init.
  std::error_code error;
  if (std::filesystem::exists(paths_.signing_key(), error)) {
    auto file_key = ledger::SigningKey::load(paths_.signing_key());
    if (file_key && file_key->public_key_hex() != public_key_hex_) {
      report->problem = fmt::format(
          "the signing key file {} is not the key recorded at init (settings "
          "ledger.public_key {}…); it was replaced",
          paths_.signing_key().string(), public_key_hex_.substr(0, 16));
    }
  }
  return report;
}

Status Workspace::export_ledger(std::ostream& out) {
  return ledger::export_ledger(db_, public_key_hex_, out);
}

Result<std::vector<store::LedgerLine>> Workspace::ledger_lines(std::int64_t limit) {
  return records_->latest_ledger_lines(limit);
}

Result<store::LedgerLine> Workspace::last_records_change() {
  return records_->last_records_change();
}

Result<std::vector<store::LedgerLine>> Workspace::ledger_lines_from(std::int64_t seq,
                                                                    std::int64_t limit) {
  return records_->ledger_lines_from(seq, limit);
}

Result<std::optional<assess::Result>> Workspace::result(const std::string& node_id,
                                                        const std::string& object) {
  return records_->result(node_id, object);
}

}  // namespace etguard::workspace
