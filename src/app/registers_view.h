// The registers in the server (issue 18): each register's entries with their
// owner, facts, details and dates, filtered by register and searched by id,
// name or owner, a page at a time. Read from the current snapshot. An owner
// sees their own entries only; the board sees the summary only.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/registers.h"
#include "app/reports_view.h"
#include "app/session.h"

namespace etguard::app {

struct RegistersQuery {
  std::string subject;     // one register ("cloud"); empty: every register
  std::string search;      // in id, name or owner, either case; empty: all
  std::size_t offset = 0;  // of the matching entries
  std::size_t limit = 200;
};

struct RegisterCount {
  std::string_view subject;  // "cloud"
  std::size_t entries = 0;   // the viewer reaches
};

struct RegistersView {
  std::shared_ptr<const Snapshot> snapshot;           // what the pointers point into
  std::vector<RegisterCount> counts;                  // every register of the catalog, in its order
  std::vector<const assess::RegisterEntry*> entries;  // one page of the matching ones
  std::size_t total = 0;                              // matching entries in all
  bool may_export = false;                            // the registers as a file
  bool may_edit = false;    // entries (an owner: their own), with set_entry_as
  bool may_import = false;  // a registers file, with import_registers_as
};

// kUsage for a register the catalog does not know.
[[nodiscard]] Result<RegistersView> registers_view(Session& session, const Principal& who,
                                                   const RegistersQuery& query);

// One entry, to edit, from the current snapshot.
struct RegisterEntryView {
  std::shared_ptr<const Snapshot> snapshot;  // what `entry` points into
  const assess::RegisterEntry* entry = nullptr;
  bool may_remove = false;  // officers and administrators
};

// kDenied for a role that changes no entry; kNotFound when the entry is not
// there or `who` does not reach it.
[[nodiscard]] Result<RegisterEntryView> register_entry_as(Session& session, const Principal& who,
                                                          std::string_view key);

// An entry changed by `who` (app/registers.h's set_entry, with its checks and
// ledger record): officers and administrators change any entry and add new
// ones; an owner changes their own entries but neither adds one nor hands
// one to someone else; the others change none (kDenied).
[[nodiscard]] Result<workspace::ImportSummary> set_entry_as(Session& session, const Principal& who,
                                                            const EntryEdit& edit);

// An entry removed by an officer or administrator (remove_entry: one that
// results or evidence point at needs `force`; they are kept).
[[nodiscard]] Result<workspace::ImportSummary> remove_entry_as(Session& session,
                                                               const Principal& who,
                                                               const std::string& key, bool force);

// A registers file handed over (from the browser): YAML, XLSX or CSV by its
// name's extension, at most 32 MiB.
struct RegistersUpload {
  std::string file_name;  // "registers.xlsx"; only its last component is kept
  std::string content;
  bool dry_run = true;  // the preview: what would change, nothing changed
};

// import_registers_file on the upload, by an officer or administrator (an
// owner imports nothing: a file speaks for every entry of its registers).
// The ledger names the uploaded file. Removals that results or evidence
// point at are refused, as at the terminal without --force.
[[nodiscard]] Result<RegistersImported> import_registers_as(Session& session, const Principal& who,
                                                            const RegistersUpload& upload);

// The registers as a file (yaml, csv or xlsx) for those who may export.
[[nodiscard]] Result<Download> download_registers_as(Session& session, const Principal& who,
                                                     std::string_view format);

}  // namespace etguard::app
