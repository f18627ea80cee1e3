#include "app/reports_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/cycles.h"
#include "app/documents.h"
#include "app/pack.h"
#include "app/uploaded_file_name.h"
#include "core/atomic_file.h"
#include "core/digest.h"
#include "core/scratch_directory.h"
#include "core/text.h"

namespace etguard::app {
namespace {

std::string_view media_type_of(std::string_view format) {
  if (format == "html") {
    return "text/html; charset=utf-8";
  }
  if (format == "xlsx") {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  if (format == "pack") {
    return "application/zip";
  }
  if (format == "json" || format == "oscal-ar") {
    return "application/json";
  }
  return "application/octet-stream";
}

Status bad_format(std::string_view what, std::string_view format) {
  return fail(ErrorKind::kUsage, fmt::format("{} has no format '{}'", what, format),
              fmt::format("{} 沒有 '{}' 格式", what, format));
}

// A cycle asked for by name (empty: the current one), and whether it is the
// current one; kNotFound when there is none.
struct CycleAsked {
  std::string name;
  bool current = false;
};

Result<CycleAsked> cycle_named(Session& session, const std::string& name) {
  auto cycles = session.workspace().cycles();
  if (!cycles) {
    return std::unexpected(cycles.error());
  }
  if (cycles->empty()) {
    return fail(ErrorKind::kNotFound, "no cycle has been started", "尚未開始任何評估週期");
  }
  const std::string& newest = cycles->back().name;
  if (!name.empty() &&
      !std::ranges::any_of(*cycles, [&](const auto& c) { return c.name == name; })) {
    return fail(ErrorKind::kNotFound, fmt::format("no cycle named '{}'", name),
                fmt::format("沒有名為 '{}' 的評估週期", name));
  }
  return CycleAsked{.name = name.empty() ? newest : name,
                    .current = name.empty() || name == newest};
}

Result<Download> signed_report(Session& session, const DownloadRequest& request) {
  auto signed_offs = session.workspace().sign_offs();
  if (!signed_offs) {
    return std::unexpected(signed_offs.error());
  }
  const auto found = std::ranges::find_if(
      *signed_offs, [&](const assess::SignOff& s) { return s.sha256 == request.sha256; });
  if (request.sha256.empty() || found == signed_offs->end()) {
    return fail(ErrorKind::kNotFound,
                fmt::format("no report signed off with SHA-256 '{}'", request.sha256),
                fmt::format("沒有 SHA-256 為 '{}' 之已簽核報告", request.sha256));
  }
  auto content = read_file(session.workspace().stored_file(found->sha256));
  if (!content) {
    return std::unexpected(content.error());
  }
  if (sha256_hex(*content) != found->sha256) {
    return fail(ErrorKind::kInternal,
                fmt::format("the stored report {} no longer matches its SHA-256", found->report),
                fmt::format("保存之報告 {} 與其 SHA-256 不符", found->report));
  }
  const bool html = found->report.ends_with(".html");
  return Download{.file_name = found->report,
                  .media_type = std::string(media_type_of(html ? "html" : "octet")),
                  .content = std::move(*content)};
}

}  // namespace

Result<ReportsView> reports_view(Session& session, const Principal& who, bool fresh) {
  if (Status allowed = require(who, Permission::kViewSummary); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto cycles = session.workspace().cycles();
  auto signed_offs = cycles ? session.workspace().sign_offs()
                            : Result<std::vector<assess::SignOff>>(std::unexpected(cycles.error()));
  if (!signed_offs) {
    return std::unexpected(signed_offs.error());
  }
  ReportsView view;
  for (const store::CycleRecord& cycle : *cycles) {
    CycleReports reports{.cycle = cycle, .current = &cycle == &cycles->back(), .signed_off = {}};
    std::ranges::copy_if(*signed_offs, std::back_inserter(reports.signed_off),
                         [&](const assess::SignOff& s) { return s.cycle == cycle.name; });
    view.cycles.push_back(std::move(reports));
  }
  view.may_download = permits(who.role, Permission::kExport);
  view.may_sign_off = permits(who.role, Permission::kSignOff);
  view.may_start_cycle = permits(who.role, Permission::kRunCycles);
  view.fresh = fresh;
  return view;
}

Result<Download> download_as(Session& session, const Principal& who,
                             const DownloadRequest& request) {
  if (request.what == "signed") {
    if (Status allowed = require(who, Permission::kViewSummary); !allowed) {
      return std::unexpected(allowed.error());
    }
    return signed_report(session, request);
  }
  if (Status allowed = require(who, Permission::kExport); !allowed) {
    return std::unexpected(allowed.error());
  }
  auto cycle = cycle_named(session, request.cycle);
  if (!cycle) {
    return std::unexpected(cycle.error());
  }
  // A closed cycle is reported as it ended; the current one as it stands.
  const std::string closed = cycle->current ? std::string() : cycle->name;
  const std::string lang = std::string(lang_tag(request.lang));
  ScratchDirectory scratch;
  if (request.what == "pack") {
    auto out = scratch.file("pack.zip");
    if (!out) {
      return std::unexpected(out.error());
    }
    auto written = write_pack(session, {.cycle = cycle->name, .out = *out});
    auto content =
        written ? read_file(*out) : Result<std::string>(std::unexpected(written.error()));
    if (!content) {
      return std::unexpected(content.error());
    }
    return Download{.file_name = fmt::format("pack-{}.zip", cycle->name),
                    .media_type = std::string(media_type_of("pack")),
                    .content = std::move(*content)};
  }
  const bool report = request.what == "report";
  if (!report && request.what != "soa") {
    return fail(ErrorKind::kUsage,
                fmt::format("'{}' is none of report, soa, pack, signed", request.what),
                fmt::format("'{}' 不是 report、soa、pack、signed 之一", request.what));
  }
  const std::vector<std::string_view> formats =
      report ? std::vector<std::string_view>{"html", "xlsx", "json", "oscal-ar"}
             : std::vector<std::string_view>{"html", "xlsx"};
  if (std::ranges::find(formats, request.format) == formats.end()) {
    return std::unexpected(bad_format(request.what, request.format).error());
  }
  const bool xlsx = request.format == "xlsx";
  auto out = xlsx ? scratch.file("document.xlsx") : Result<std::filesystem::path>();
  if (!out) {
    return std::unexpected(out.error());
  }
  DocumentRequest document{.format = request.format,
                           .out = *out,
                           .lang = request.lang,
                           .today = {},
                           .cycle = closed,
                           .for_sign_off = false};
  auto produced =
      report ? assessment_report(session, document) : statement_of_applicability(session, document);
  if (produced && xlsx) {
    produced = read_file(*out);
  }
  if (!produced) {
    return std::unexpected(produced.error());
  }
  const std::string stem = report ? "report" : "statement-of-applicability";
  const std::string name =
      request.format == "oscal-ar" ? fmt::format("assessment-results-{}.oscal.json", cycle->name)
      : request.format == "html"   ? fmt::format("{}-{}.{}.html", stem, cycle->name, lang)
                                   : fmt::format("{}-{}.{}", stem, cycle->name, request.format);
  return Download{.file_name = name,
                  .media_type = std::string(media_type_of(request.format)),
                  .content = std::move(*produced)};
}

Result<assess::SignOff> sign_off_as(Session& session, const Principal& who, bool fresh,
                                    const WebSignOff& request) {
  if (Status allowed = require(who, Permission::kSignOff); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (Status confirmed = require_fresh(fresh, "a sign-off", "簽核"); !confirmed) {
    return std::unexpected(confirmed.error());
  }
  if (trim(request.statement).empty()) {
    return fail(ErrorKind::kUsage, "say what you sign off (the statement)", "請填寫簽核聲明");
  }
  std::string file_name;
  if (request.content) {
    auto named = uploaded_file_name(request.file_name);
    if (!named) {
      return std::unexpected(named.error());
    }
    if (request.content->empty()) {
      return fail(ErrorKind::kUsage, fmt::format("{} is empty: there is nothing to sign", *named),
                  fmt::format("{} 為空檔：沒有可簽核之內容", *named));
    }
    file_name = std::move(*named);
  }
  return sign_off_cycle(session, {.cycle = request.cycle,
                                  .report = file_name,
                                  .statement = request.statement,
                                  .lang = request.lang,
                                  .content = request.content});
}

Result<CycleStarted> start_cycle_as(Session& session, const Principal& who, bool fresh,
                                    const CycleStart& start) {
  if (Status allowed = require(who, Permission::kRunCycles); !allowed) {
    return std::unexpected(allowed.error());
  }
  if (!start.dry_run) {
    if (Status confirmed = require_fresh(fresh, "starting a cycle", "開始評估週期"); !confirmed) {
      return std::unexpected(confirmed.error());
    }
  }
  return start_cycle(session, start);
}

}  // namespace etguard::app
