// The profile and the registers: imported from a file (YAML, XLSX or CSV),
// edited one entry at a time, exported. Every way in is checked by the same
// registers-file rules (docs/registers.md) and recorded in the ledger.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"

namespace etguard::app {

struct RegistersImportOptions {
  bool replace = false;  // replace every register, not only those the file names
  bool dry_run = false;  // say what would change; change nothing
  bool force = false;    // remove entries that have results or evidence (both are kept)
};

struct RegistersImported {
  workspace::ImportSummary summary;  // what changed, or would (dry run)
  // Removed entries that have results or evidence, as "cloud/x: 3 result(s),
  // 1 evidence": refused without --force; kept (never deleted) with it.
  std::vector<std::string> orphaned;
  bool dry_run = false;
};

// Reads `file` by its extension (.yaml/.yml, .xlsx, .csv) and merges it: the
// profile and only the registers the file names are replaced, the others
// left as they are (`replace`: every register). Problems: an input error
// listing each with its location; nothing is imported then.
[[nodiscard]] Result<RegistersImported> import_registers_file(
    Session& session, const std::filesystem::path& file,
    const RegistersImportOptions& options = {});

// One entry added or changed. Unset fields keep their value; a detail or
// date given an empty value is removed.
struct EntryEdit {
  std::string key;  // "cloud/aws-trading"
  std::optional<std::string> name;
  std::optional<std::string> owner;
  std::map<std::string, bool> facts;
  std::map<std::string, std::string> details;
  std::map<std::string, std::string> dates;
};
[[nodiscard]] Result<workspace::ImportSummary> set_entry(Session& session, const EntryEdit& edit);
// Removing an entry that results or evidence point at needs `force`; they
// are kept either way.
[[nodiscard]] Result<workspace::ImportSummary> remove_entry(Session& session,
                                                            const std::string& key,
                                                            bool force = false);

struct ProfileEdit {
  std::optional<std::string> name;
  std::optional<std::string> sector;  // securities | futures | investment_trust_advisory
  std::map<std::string, bool> facts;  // "org.foreign_subsidiary"
};
[[nodiscard]] Result<workspace::ImportSummary> set_profile(Session& session,
                                                           const ProfileEdit& edit);

enum class RegistersFormat { kYaml, kCsv, kXlsx };
// YAML or CSV as text; XLSX written to `out` (required for it).
[[nodiscard]] Result<std::string> export_registers(Session& session, RegistersFormat format,
                                                   const std::filesystem::path& out);

}  // namespace etguard::app
