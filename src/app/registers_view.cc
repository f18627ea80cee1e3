#include "app/registers_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "app/uploaded_file_name.h"
#include "catalog/data/embedded.h"
#include "core/atomic_file.h"
#include "core/scratch_directory.h"
#include "core/text.h"

namespace etguard::app {
namespace {

bool contains_folded(std::string_view text, std::string_view lowered_needle) {
  return lowered_needle.empty() || ascii_lower(text).find(lowered_needle) != std::string::npos;
}

}  // namespace

Result<RegistersView> registers_view(Session& session, const Principal& who,
                                     const RegistersQuery& query) {
  if (Status allowed = require(who, Permission::kViewAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  const auto& subjects = catalog::embedded_catalog().data().subjects;
  if (!query.subject.empty() &&
      std::ranges::none_of(subjects, [&](const auto& s) { return s.id == query.subject; })) {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is not a register", query.subject),
                fmt::format("'{}' 不是清冊", query.subject));
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  RegistersView view{
      .snapshot = *snapshot,
      .counts = {},
      .entries = {},
      .total = 0,
      .may_export = permits(who.role, Permission::kExport),
      .may_edit = permits(who.role, Permission::kEditAssessment),
      .may_import = permits(who.role, Permission::kEditAssessment) && who.role != Role::kOwner};
  for (const auto& subject : subjects) {
    if (subject.id != "org") {
      view.counts.push_back({subject.id, 0});
    }
  }
  const std::string needle = ascii_lower(query.search);
  for (const assess::RegisterEntry& entry : view.snapshot->registers.entries) {
    if (!reaches(who, entry.key(), entry.owner)) {
      continue;
    }
    const auto count = std::ranges::find(view.counts, entry.subject, &RegisterCount::subject);
    if (count != view.counts.end()) {
      ++count->entries;
    }
    if ((!query.subject.empty() && entry.subject != query.subject) ||
        !(contains_folded(entry.id, needle) || contains_folded(entry.name, needle) ||
          contains_folded(entry.owner, needle))) {
      continue;
    }
    if (view.total >= query.offset && view.entries.size() < query.limit) {
      view.entries.push_back(&entry);
    }
    ++view.total;
  }
  return view;
}

Result<RegisterEntryView> register_entry_as(Session& session, const Principal& who,
                                            std::string_view key) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  for (const assess::RegisterEntry& entry : (*snapshot)->registers.entries) {
    if (entry.key() == key && reaches(who, entry.key(), entry.owner)) {
      return RegisterEntryView{
          .snapshot = *snapshot, .entry = &entry, .may_remove = who.role != Role::kOwner};
    }
  }
  return fail(ErrorKind::kNotFound, fmt::format("{}: no such register entry", key),
              fmt::format("{}：無此清冊項目", key));
}

Result<workspace::ImportSummary> set_entry_as(Session& session, const Principal& who,
                                              const EntryEdit& edit) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto snapshot = session.current_snapshot();
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  const auto& entries = (*snapshot)->registers.entries;
  const auto found = std::ranges::find_if(
      entries, [&](const assess::RegisterEntry& entry) { return entry.key() == edit.key; });
  const auto denied = [&](std::string_view en, std::string_view zh) {
    return fail(ErrorKind::kDenied, fmt::format("{}: {}", edit.key, en),
                fmt::format("{}：{}", edit.key, zh));
  };
  if (who.role == Role::kOwner) {
    if (found == entries.end()) {
      return denied("an owner does not add register entries", "負責人不得新增清冊項目");
    }
    if (!reaches(who, found->key(), found->owner)) {
      return denied("not one of your entries", "非您負責之項目");
    }
    if (edit.owner && *edit.owner != found->owner) {
      return denied("an owner does not hand an entry to someone else", "負責人不得移轉項目");
    }
  }
  return set_entry(session, edit);
}

namespace {

constexpr std::size_t kLargestUpload = std::size_t{32} << 20U;

}  // namespace

Result<RegistersImported> import_registers_as(Session& session, const Principal& who,
                                              const RegistersUpload& upload) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (who.role == Role::kOwner) {
    return fail(ErrorKind::kDenied,
                "an owner does not import registers: a file speaks for every entry of its "
                "registers",
                "負責人不得匯入清冊：檔案涉及其清冊之所有項目");
  }
  auto sent = uploaded_file_name(upload.file_name);
  if (!sent) {
    return std::unexpected(sent.error());
  }
  const std::string& name = *sent;
  const std::string extension = ascii_lower(std::filesystem::path(name).extension().string());
  if (extension != ".yaml" && extension != ".yml" && extension != ".xlsx" && extension != ".csv") {
    return fail(ErrorKind::kUsage,
                fmt::format("{}: a registers file is .yaml, .xlsx or .csv", upload.file_name),
                fmt::format("{}：清冊檔應為 .yaml、.xlsx 或 .csv", upload.file_name));
  }
  if (upload.content.size() > kLargestUpload) {
    return fail(ErrorKind::kInput,
                fmt::format("{}: {} bytes, more than 32 MiB", name, upload.content.size()),
                fmt::format("{}：{} 位元組，超過 32 MiB", name, upload.content.size()));
  }
  ScratchDirectory scratch;
  auto path = scratch.file(name);
  if (!path) {
    return std::unexpected(path.error());
  }
  if (auto written = write_file_atomically(*path, upload.content); !written) {
    return std::unexpected(written.error());
  }
  return import_registers_file(session, *path,
                               {.replace = false, .dry_run = upload.dry_run, .force = false});
}

Result<workspace::ImportSummary> remove_entry_as(Session& session, const Principal& who,
                                                 const std::string& key, bool force) {
  if (Status allowed = require(who, Permission::kEditAssessment); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (who.role == Role::kOwner) {
    return fail(ErrorKind::kDenied, fmt::format("{}: an owner does not remove entries", key),
                fmt::format("{}：負責人不得移除項目", key));
  }
  return remove_entry(session, key, force);
}

Result<Download> download_registers_as(Session& session, const Principal& who,
                                       std::string_view format) {
  if (Status allowed = require(who, Permission::kExport); !allowed) {
    return std::unexpected(allowed.error());
  }
  const RegistersFormat chosen = format == "xlsx"  ? RegistersFormat::kXlsx
                                 : format == "csv" ? RegistersFormat::kCsv
                                                   : RegistersFormat::kYaml;
  if (format != "xlsx" && format != "csv" && format != "yaml") {
    return fail(ErrorKind::kUsage, fmt::format("'{}' is none of yaml, csv, xlsx", format),
                fmt::format("'{}' 不是 yaml、csv、xlsx 之一", format));
  }
  ScratchDirectory scratch;
  auto out = scratch.file("registers.xlsx");
  if (!out) {
    return std::unexpected(out.error());
  }
  auto text = export_registers(session, chosen, *out);
  if (!text) {
    return std::unexpected(text.error());
  }
  if (chosen == RegistersFormat::kXlsx) {
    auto content = read_file(*out);
    if (!content) {
      return std::unexpected(content.error());
    }
    return Download{
        .file_name = "registers.xlsx",
        .media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        .content = std::move(*content)};
  }
  return Download{.file_name = fmt::format("registers.{}", format),
                  .media_type = chosen == RegistersFormat::kCsv ? "text/csv; charset=utf-8"
                                                                : "application/yaml; charset=utf-8",
                  .content = std::move(*text)};
}

}  // namespace etguard::app
