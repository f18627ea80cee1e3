#include "app/pack.h"

#include <fmt/format.h>
#include <unistd.h>

#include <random>
#include <sstream>

#include "app/documents.h"
#include "app/ledger.h"
#include "core/atomic_file.h"
#include "ledger/signer.h"
#include "tabular/csv.h"

namespace etguard::app {
namespace {

constexpr std::string_view kReadme = R"(etguard examiner's pack / etguard 稽核包

Cycle / 評估週期: {cycle}
Firm / 公司: {firm}
Ledger public key / 稽核帳本公鑰 (Ed25519, hex): {key}

Verify it with the public key you obtained separately from the firm (not the
copy in this pack, which only says which key the firm claims):
以另行向公司取得之公鑰驗證（本包內之公鑰僅供對照）：

  unzip pack.zip -d pack && cd pack
  openssl pkeyutl -verify -pubin -inkey YOUR-COPY-OF-public-key.pem -rawin \
      -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig
  sha256sum -c MANIFEST.sha256
  # and no file beyond those listed:
  find . -type f ! -name 'MANIFEST.sha256*' | sed 's|^\./||' | sort | \
      diff - <(cut -c67- MANIFEST.sha256 | sort)

Or: etguard pack verify pack.zip --public-key public-key.pem

reports/   the assessment report of the cycle (HTML zh-TW and en, XLSX, JSON,
           OSCAL assessment-results) / 評估報告
signed/    the reports as they were signed off (see ledger: cycle.sign_off) / 已簽核之報告
evidence/  every evidence file; index.csv lists every record, links included / 佐證
ledger/    the whole ledger (etguard.ledger JSON Lines) and the public key / 稽核帳本
)";

std::string readme(const std::string& cycle, const std::string& firm, const std::string& key) {
  std::string text(kReadme);
  for (const auto& [field, value] :
       {std::pair<std::string_view, const std::string*>{"{cycle}", &cycle},
        {"{firm}", &firm},
        {"{key}", &key}}) {
    text.replace(text.find(field), field.size(), *value);
  }
  return text;
}

// A private scratch directory, removed with this object.
class Scratch {
 public:
  Scratch() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("etguard-pack-{}-{:08x}", ::getpid(), device());
    std::filesystem::create_directory(path_, error_);
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, error_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  const std::error_code& error() const { return error_; }

 private:
  std::filesystem::path path_;
  std::error_code error_;
};

// The cycle's reports, produced as anyone would produce them now.
Status add_reports(Session& session, const std::string& cycle, const Scratch& scratch,
                   pack::PackBuilder& builder) {
  struct Report {
    const char* format;
    Lang lang;
    const char* path;
  };
  for (const Report& report :
       {Report{"html", Lang::kZhTw, "reports/report.zh-TW.html"},
        Report{"html", Lang::kEn, "reports/report.en.html"},
        Report{"json", Lang::kEn, "reports/report.json"},
        Report{"oscal-ar", Lang::kEn, "reports/assessment-results.oscal.json"},
        Report{"xlsx", Lang::kZhTw, "reports/report.xlsx"}}) {
    const std::filesystem::path out = std::string_view(report.format) == "xlsx"
                                          ? scratch.path() / "report.xlsx"
                                          : std::filesystem::path();
    auto content = assessment_report(session, {report.format, out, report.lang, {}, cycle});
    if (!content) {
      return std::unexpected(content.error());
    }
    Status added = out.empty() ? builder.add_text(report.path, std::move(*content))
                               : builder.add_file(report.path, out);
    if (!added) {
      return added;
    }
  }
  return {};
}

Status add_evidence(Session& session, const Snapshot& snapshot, pack::PackBuilder& builder,
                    PackWritten& written) {
  std::vector<std::vector<std::string>> rows;
  for (const assess::Evidence& record : snapshot.evidence) {
    std::string in_pack;
    if (!record.sha256.empty()) {
      // Its title, with the extension of the file it was (a scan: JSON).
      const std::string extension =
          record.kind == "scan" ? ".json"
                                : std::filesystem::path(record.file_name).extension().string();
      std::string title = pack::safe_name_part(record.name, 120);
      if (!extension.empty() && !title.ends_with(extension)) {
        title += pack::safe_name_part(extension, 16);
      }
      in_pack =
          fmt::format("evidence/{}-{}-{}-{}", record.id, pack::safe_name_part(record.node_id, 20),
                      pack::safe_name_part(record.object, 60), title);
      if (Status added = builder.add_file(in_pack, session.workspace().stored_file(record.sha256),
                                          record.sha256);
          !added) {
        return added;
      }
      ++written.evidence_files;
    }
    rows.push_back(
        {std::to_string(record.id),
         record.kind,
         record.node_id,
         record.object,
         record.name,
         record.file_name,
         record.media_type,
         in_pack,
         record.sha256,
         record.uri,
         record.effective_from,
         record.effective_to,
         record.check_id,
         assess::verdict_name(record),
         record.added_by,
         record.added_at,
         record.withdrawn_at,
         record.withdrawn_by,
         record.withdrawn_reason,
         record.superseded_by == 0 ? std::string() : std::to_string(record.superseded_by)});
  }
  return builder.add_text(
      "evidence/index.csv",
      tabular::csv_document(
          {"id",          "kind",         "requirement",  "object",           "title",
           "file_name",   "media_type",   "file_in_pack", "sha256",           "link",
           "covers_from", "covers_to",    "check",        "verdict",          "added_by",
           "added_at",    "withdrawn_at", "withdrawn_by", "withdrawn_reason", "superseded_by"},
          rows));
}

}  // namespace

Result<PackWritten> write_pack(Session& session, const PackRequest& request) {
  auto snapshot = session.snapshot({}, request.cycle);
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  if (snapshot->cycle.empty()) {
    return fail(ErrorKind::kUsage, "no cycle to pack: start one with 'etguard cycle start'",
                "尚無評估週期可打包：請先以 etguard cycle start 開始");
  }
  auto tampered = session.workspace().verify_evidence_store();
  if (!tampered) {
    return std::unexpected(tampered.error());
  }
  if (!tampered->empty()) {
    return fail(ErrorKind::kInput,
                fmt::format("the evidence store has changed on disk ({}...): run 'etguard ledger "
                            "verify' and restore it before packing",
                            tampered->front()),
                fmt::format("佐證儲存區已被更動（{}…）：請先執行 etguard ledger verify 並復原",
                            tampered->front()));
  }
  const Scratch scratch;
  if (scratch.error()) {
    return fail(ErrorKind::kIo,
                fmt::format("cannot create a scratch directory '{}': {}", scratch.path().string(),
                            scratch.error().message()),
                fmt::format("無法建立暫存目錄 '{}'：{}", scratch.path().string(),
                            scratch.error().message()));
  }
  PackWritten written;
  written.cycle = snapshot->cycle;
  pack::PackBuilder builder;
  const std::string& key = session.workspace().public_key_hex();
  if (Status added = builder.add_text(
          "README.txt", readme(snapshot->cycle, snapshot->registers.profile.name, key));
      !added) {
    return std::unexpected(added.error());
  }
  if (Status added = add_reports(session, request.cycle, scratch, builder); !added) {
    return std::unexpected(added.error());
  }
  int number = 0;
  for (const assess::SignOff& sign_off : snapshot->sign_offs) {
    const std::string path =
        fmt::format("signed/{}-{}", ++number, pack::safe_name_part(sign_off.report, 120));
    if (Status added = builder.add_file(path, session.workspace().stored_file(sign_off.sha256),
                                        sign_off.sha256);
        !added) {
      return std::unexpected(added.error());
    }
    ++written.signed_reports;
  }
  if (Status added = add_evidence(session, *snapshot, builder, written); !added) {
    return std::unexpected(added.error());
  }
  std::ostringstream ledger_export;
  if (Status exported = session.workspace().export_ledger(ledger_export); !exported) {
    return std::unexpected(exported.error());
  }
  for (auto [path, content] :
       {std::pair<const char*, std::string>{"ledger/ledger.jsonl", ledger_export.str()},
        {"ledger/public-key.pem", ledger::public_key_pem(key)},
        {"ledger/public-key.hex", key + "\n"}}) {
    if (Status added = builder.add_text(path, std::move(content)); !added) {
      return std::unexpected(added.error());
    }
  }
  auto manifest = builder.write(request.out, [&](std::string_view document) {
    return session.workspace().sign_document(document, "pack.write", snapshot->cycle,
                                             session.actor());
  });
  if (!manifest) {
    return std::unexpected(manifest.error());
  }
  written.manifest_sha256 = *manifest;
  auto verified = pack::verify_pack(request.out, key);  // what the examiner will run
  if (!verified) {
    return std::unexpected(verified.error());
  }
  written.files = verified->files;
  return written;
}

Result<pack::PackVerified> verify_pack(const std::filesystem::path& pack,
                                       const std::string& public_key) {
  auto key = public_key_from(public_key);
  if (!key) {
    return std::unexpected(key.error());
  }
  if (key->empty()) {
    return fail(ErrorKind::kUsage, "give --public-key: the key you obtained from the firm",
                "請以 --public-key 指定自公司取得之公鑰");
  }
  return pack::verify_pack(pack, *key);
}

}  // namespace etguard::app
