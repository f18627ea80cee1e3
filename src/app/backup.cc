#include "app/backup.h"

#include <fmt/format.h>
#include <stdlib.h>  // NOLINT(modernize-deprecated-headers): mkdtemp
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>

#include "app/ledger.h"
#include "core/scratch_directory.h"
#include "ledger/signer.h"
#include "pack/manifest.h"
#include "store/workspace.h"

namespace etguard::app {
namespace {

constexpr const char* kDatabaseMember = "workspace.db";
constexpr const char* kAboutMember = "BACKUP.json";
constexpr std::string_view kEvidencePrefix = "evidence/";
constexpr std::array<std::string_view, 2> kKeyMembers = {"keys/ledger.key", "keys/ledger.uri"};

// "evidence/ab/abcd…": a file of the content-addressed store under its name.
bool is_evidence_member(std::string_view path) {
  if (!path.starts_with(kEvidencePrefix)) {
    return false;
  }
  const std::string_view rest = path.substr(kEvidencePrefix.size());
  return rest.size() == 67 && rest[2] == '/' && pack::is_hex_digest(rest.substr(3)) &&
         rest.substr(0, 2) == rest.substr(3, 2);
}

std::unexpected<Error> io_error(const std::filesystem::path& path, const std::error_code& error) {
  return fail(ErrorKind::kIo, fmt::format("{}: {}", path.string(), error.message()),
              fmt::format("{}：{}", path.string(), error.message()));
}

Status add_evidence_store(Session& session, pack::PackBuilder& builder, BackupWritten& written) {
  const std::filesystem::path store = session.workspace().paths().evidence();
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(store, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    // Only the store's own files: a temporary of a write in progress is not one.
    if (it->is_regular_file(error) && pack::is_hex_digest(name) &&
        it->path().parent_path().filename() == name.substr(0, 2)) {
      files.push_back(it->path());
    }
  }
  if (error) {
    return io_error(store, error);
  }
  std::ranges::sort(files);
  for (const std::filesystem::path& file : files) {
    const std::string name = file.filename().string();
    if (Status added = builder.add_file(
            fmt::format("{}{}/{}", kEvidencePrefix, name.substr(0, 2), name), file, name);
        !added) {
      return added;
    }
    ++written.evidence_files;
  }
  return {};
}

}  // namespace

Result<BackupWritten> write_backup(Session& session, const std::filesystem::path& out) {
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(out, error))) {
    return fail(ErrorKind::kUsage,
                fmt::format("{} exists: a backup is never written over a file", out.string()),
                fmt::format("{} 已存在：備份不覆寫既有檔案", out.string()));
  }
  ScratchDirectory scratch;
  auto snapshot = scratch.file(kDatabaseMember);
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  if (Status copied = session.workspace().snapshot_database(*snapshot); !copied) {
    return std::unexpected(copied.error());
  }
  BackupWritten written;
  pack::PackBuilder builder;
  const nlohmann::ordered_json about = {{"format", "etguard.backup"},
                                        {"format_version", "1.0"},
                                        {"created", session.clock().utc_now()},
                                        {"by", session.actor()},
                                        {"public_key", session.workspace().public_key_hex()}};
  if (Status added = builder.add_text(kAboutMember, about.dump(2) + "\n"); !added) {
    return std::unexpected(added.error());
  }
  if (Status added = builder.add_file(kDatabaseMember, *snapshot); !added) {
    return std::unexpected(added.error());
  }
  for (const std::string_view member : kKeyMembers) {
    const std::filesystem::path key = session.workspace().paths().root / member;
    if (std::filesystem::is_regular_file(key, error)) {
      if (Status added = builder.add_file(std::string(member), key); !added) {
        return std::unexpected(added.error());
      }
    }
  }
  if (Status added = add_evidence_store(session, builder, written); !added) {
    return std::unexpected(added.error());
  }
  auto manifest = builder.write(out, [&](std::string_view document) {
    return session.workspace().sign_document(document, "backup.write", "workspace",
                                             session.actor());
  });
  if (!manifest) {
    return std::unexpected(manifest.error());
  }
  written.manifest_sha256 = *manifest;
  // Read back as a restore will: what was written is what the manifest says.
  auto checked = pack::verify_archive(
      out,
      [&](std::string_view text, std::string_view signature) {
        return ledger::verify_signature(session.workspace().public_key_hex(), text, signature);
      },
      [](const std::string&, std::string_view) { return Status{}; });
  if (!checked) {
    return std::unexpected(checked.error());
  }
  written.files = checked->files.size();
  written.bytes = checked->bytes;
  return written;
}

namespace {

// The new workspace is written here, beside the target, and renamed into
// place only once everything verified; removed otherwise.
class Staging {
 public:
  explicit Staging(const std::filesystem::path& target) {
    std::string pattern =
        (target.parent_path() / fmt::format(".{}.restoring-XXXXXX", target.filename().string()))
            .string();
    if (::mkdtemp(pattern.data()) != nullptr) {
      path_ = pattern;
    }
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  ~Staging() {
    if (!path_.empty() && !kept_) {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  const std::filesystem::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  std::filesystem::path path_;
  bool kept_ = false;
};

// Writes each member the restore keeps where it belongs under `root`, as its
// bytes come; a member a backup does not hold is refused.
class MemberWriter {
 public:
  MemberWriter(const std::filesystem::path& backup, const std::filesystem::path& root)
      : backup_(backup), root_(root) {}

  Status write(const std::string& path, std::string_view chunk) {
    if (path != current_) {
      if (Status opened = open(path); !opened) {
        return opened;
      }
    }
    if (path == kAboutMember) {
      about_ += chunk;
      return {};
    }
    out_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (!out_) {
      return fail(ErrorKind::kIo, fmt::format("cannot write {}", (root_ / path).string()),
                  fmt::format("無法寫入 {}", (root_ / path).string()));
    }
    return {};
  }

  // Closes the last file; an empty member listed in the manifest is created
  // here (its bytes never came).
  Status finish(const std::vector<std::string>& listed) {
    out_.close();
    for (const std::string& path : listed) {
      if (path != kAboutMember && !std::filesystem::exists(root_ / path)) {
        if (Status opened = open(path); !opened) {
          return opened;
        }
        out_.close();
      }
    }
    return {};
  }
  const std::string& about() const { return about_; }

 private:
  Status open(const std::string& path) {
    out_.close();
    current_ = path;
    const bool known = path == kDatabaseMember || path == kAboutMember ||
                       std::ranges::find(kKeyMembers, path) != kKeyMembers.end() ||
                       is_evidence_member(path);
    if (!known) {
      return fail(
          ErrorKind::kInput,
          fmt::format("{}: '{}' is not a file an etguard backup holds", backup_.string(), path),
          fmt::format("{}：'{}' 不是 etguard 備份所含之檔案", backup_.string(), path));
    }
    if (path == kAboutMember) {
      return {};
    }
    const std::filesystem::path file = root_ / path;
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
      return io_error(file.parent_path(), error);
    }
    out_.open(file, std::ios::binary | std::ios::trunc);
    if (!out_) {
      return fail(ErrorKind::kIo, fmt::format("cannot create {}", file.string()),
                  fmt::format("無法建立 {}", file.string()));
    }
    // As the workspace keeps them: the key private, its directory too; the
    // evidence read-only for the owner and the group.
    using std::filesystem::perms;
    if (path.starts_with("keys/")) {
      std::filesystem::permissions(file.parent_path(), perms::owner_all, error);
      std::filesystem::permissions(file, perms::owner_read | perms::owner_write, error);
    } else if (is_evidence_member(path)) {
      std::filesystem::permissions(file, perms::owner_read | perms::group_read, error);
    }
    if (error) {
      return io_error(file, error);
    }
    return {};
  }

  const std::filesystem::path& backup_;
  std::filesystem::path root_;
  std::string current_;
  std::ofstream out_;
  std::string about_;
};

std::unexpected<Error> refused(const std::filesystem::path& backup, std::string_view en,
                               std::string_view zh) {
  return fail(ErrorKind::kInput, fmt::format("{}: {}", backup.string(), en),
              fmt::format("{}：{}", backup.string(), zh));
}

// The restored workspace, opened and checked throughout; `key` is the one
// the manifest's signature was checked with, before the database was opened.
Result<ledger::VerifyReport> verified(const std::filesystem::path& backup,
                                      const std::filesystem::path& root, const std::string& key,
                                      const Clock& clock) {
  auto opened = workspace::Workspace::open(store::WorkspacePaths{root}, clock);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  if (opened->public_key_hex() != key) {
    return refused(backup,
                   "its database records another ledger key than the backup was signed with",
                   "其資料庫所記之帳本金鑰與備份簽章之金鑰不同");
  }
  auto report = opened->verify_ledger();
  if (!report) {
    return std::unexpected(report.error());
  }
  if (!report->ok()) {
    return refused(backup, fmt::format("its ledger does not verify: {}", report->problem),
                   fmt::format("其帳本驗證失敗：{}", report->problem));
  }
  auto state = opened->verify_state();
  if (!state) {
    return std::unexpected(state.error());
  }
  auto damaged = opened->verify_evidence_store();
  if (!damaged) {
    return std::unexpected(damaged.error());
  }
  if (!state->empty() || !damaged->empty()) {
    const std::string& first = !state->empty() ? state->front() : damaged->front();
    return refused(backup, fmt::format("its records disagree with its ledger: {}", first),
                   fmt::format("其紀錄與帳本不符：{}", first));
  }
  return report;
}

}  // namespace

Result<Restored> restore_backup(const RestoreRequest& request, const Clock& clock) {
  auto public_key = public_key_from(request.public_key);
  if (!public_key) {
    return std::unexpected(public_key.error());
  }
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(request.target, error))) {
    return fail(ErrorKind::kUsage,
                fmt::format("{} exists: a backup is restored into a new directory only",
                            request.target.string()),
                fmt::format("{} 已存在：備份僅還原至新目錄", request.target.string()));
  }
  const std::filesystem::path target = std::filesystem::absolute(request.target, error);
  Staging staging(target);
  if (staging.path().empty()) {
    return fail(ErrorKind::kIo, fmt::format("cannot create a directory beside {}", target.string()),
                fmt::format("無法於 {} 旁建立目錄", target.string()));
  }
  const std::filesystem::path root = staging.path() / store::kWorkspaceDir;
  MemberWriter writer(request.backup, root);
  auto archive = pack::verify_archive(
      request.backup, [](std::string_view, std::string_view) { return true; },  // checked below
      [&](const std::string& path, std::string_view chunk) { return writer.write(path, chunk); });
  if (!archive) {
    return std::unexpected(archive.error());
  }
  if (Status finished = writer.finish(archive->files); !finished) {
    return std::unexpected(finished.error());
  }
  // BACKUP.json is read before the signature is checked: a member of the
  // wrong type is a refusal, never an exception.
  const nlohmann::json about = nlohmann::json::parse(writer.about(), nullptr, false);
  const auto text_of = [&about](const char* key) {
    const auto found = about.is_object() ? about.find(key) : about.end();
    return found != about.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  if (text_of("format") != "etguard.backup" || !std::filesystem::exists(root / kDatabaseMember)) {
    return refused(request.backup, "not an etguard backup (no BACKUP.json or workspace.db)",
                   "不是 etguard 備份（缺少 BACKUP.json 或 workspace.db）");
  }
  // The signature first, before the database is opened: with the key the
  // firm holds when given (a forged backup is refused), else the key the
  // backup names (a damaged one is).
  const std::string key = public_key->empty() ? text_of("public_key") : *public_key;
  if (!ledger::verify_signature(key, archive->manifest, archive->signature_hex)) {
    return refused(request.backup,
                   public_key->empty()
                       ? "the signature of MANIFEST.sha256 does not verify with the ledger key "
                         "the backup names"
                       : "the signature of MANIFEST.sha256 does not verify with the key given "
                         "(--public-key)",
                   public_key->empty()
                       ? "MANIFEST.sha256 之簽章無法以備份所載之帳本金鑰驗證"
                       : "MANIFEST.sha256 之簽章無法以所給公鑰（--public-key）驗證");
  }
  auto report = verified(request.backup, root, key, clock);
  if (!report) {
    return std::unexpected(report.error());
  }
  std::filesystem::rename(staging.path(), target, error);
  if (error) {
    return io_error(target, error);
  }
  staging.keep();
  return Restored{target, archive->files.size(), archive->bytes, *report};
}

}  // namespace etguard::app
