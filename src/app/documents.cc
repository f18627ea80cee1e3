#include "app/documents.h"

#include <fmt/format.h>

#include "catalog/data/embedded.h"
#include "report/data_report.h"
#include "report/html_report.h"
#include "report/oscal_results.h"
#include "report/soa.h"
#include "workspace/answers.h"

namespace etguard::app {
namespace {

using Json = nlohmann::json;

Status needs_out(const DocumentRequest& request) {
  if (request.out.empty()) {
    return fail(ErrorKind::kUsage, "--format xlsx needs --out FILE",
                "--format xlsx 須指定 --out 檔案");
  }
  return {};
}

std::unexpected<Error> unknown_format(const std::string& format, std::string_view known) {
  return fail(ErrorKind::kUsage, fmt::format("unknown --format '{}'; use {}", format, known),
              fmt::format("未知的 --format '{}'；請用 {}", format, known));
}

// Runs `write` for xlsx (after checking --out), else returns `text()`.
template <typename Write, typename Text>
Result<std::string> xlsx_or_text(const DocumentRequest& request, Write write, Text text) {
  if (request.format != "xlsx") {
    return text();
  }
  if (Status out = needs_out(request); !out) {
    return std::unexpected(out.error());
  }
  if (Status written = write(); !written) {
    return std::unexpected(written.error());
  }
  return std::string();
}

}  // namespace

Result<std::string> assessment_report(Session& session, const DocumentRequest& request) {
  auto snapshot = session.snapshot(request.today, request.cycle);
  auto ledger = session.workspace().verify_ledger();
  if (!snapshot || !ledger) {
    return std::unexpected(!snapshot ? snapshot.error() : ledger.error());
  }
  if (!snapshot->closed_on.empty() && ledger->ok()) {
    // A closed cycle shows the ledger as it closed: the chain verifies today
    // and ran through this head then.
    ledger->entries = snapshot->closing_seq;
    ledger->checkpoints = snapshot->closing_checkpoints;
    ledger->head_seq = snapshot->closing_seq;
    ledger->head_hash = snapshot->closing_hash;
  }
  const report::ReportInput input{&catalog::embedded_catalog(),
                                  &snapshot->registers,
                                  &snapshot->lines,
                                  &snapshot->results,
                                  &snapshot->evidence,
                                  *ledger,
                                  snapshot->today,
                                  request.lang,
                                  snapshot->cycle,
                                  snapshot->closed_on,
                                  request.for_sign_off ? nullptr : &snapshot->sign_offs};
  return xlsx_or_text(
      request, [&] { return report::write_xlsx_report(input, request.out); },
      [&]() -> Result<std::string> {
        if (request.format == "html") {
          return report::html_report(input);
        }
        if (request.format == "json") {
          return report::json_report(input).dump(2, ' ', false, Json::error_handler_t::replace) +
                 "\n";
        }
        if (request.format == "csv") {
          return report::csv_report(input);
        }
        if (request.format == "oscal-ar") {
          auto oscal = report::oscal_assessment_results(input);
          if (!oscal) {
            return std::unexpected(oscal.error());
          }
          return oscal->dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
        }
        return unknown_format(request.format, "html, json, csv, xlsx or oscal-ar");
      });
}

Result<std::string> statement_of_applicability(Session& session, const DocumentRequest& request) {
  auto registers = session.workspace().load_registers();
  if (!registers) {
    return std::unexpected(registers.error());
  }
  const auto& catalog = catalog::embedded_catalog();
  const auto scope = assess::compute_scope(catalog, *registers);
  const report::SoaInput input{&catalog, &*registers, &scope,
                               request.today.empty() ? session.today() : request.today,
                               request.lang};
  return xlsx_or_text(
      request, [&] { return report::write_soa_xlsx(input, request.out); },
      [&]() -> Result<std::string> {
        if (request.format == "csv") {
          return report::soa_csv(input);
        }
        if (request.format == "html") {
          return report::soa_html(input);
        }
        return unknown_format(request.format, "html, csv or xlsx");
      });
}

Result<std::string> answers_sheet(Session& session, const DocumentRequest& request,
                                  std::size_t& pairs) {
  auto snapshot = session.snapshot(request.today);
  if (!snapshot) {
    return std::unexpected(snapshot.error());
  }
  pairs = snapshot->lines.size();
  const workspace::AnswerSheet sheet{&catalog::embedded_catalog(), &snapshot->lines,
                                     &snapshot->results, request.lang};
  return xlsx_or_text(
      request, [&] { return workspace::write_answers_xlsx(sheet, request.out); },
      [&]() -> Result<std::string> {
        if (request.format == "yaml") {
          return workspace::answers_yaml(sheet);
        }
        return unknown_format(request.format, "yaml or xlsx");
      });
}

}  // namespace etguard::app
