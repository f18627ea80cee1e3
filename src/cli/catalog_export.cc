// etguard catalog export --format json|csv|xlsx|oscal [--out FILE]
#include <fmt/format.h>

#include <filesystem>

#include "catalog/data/embedded.h"
#include "catalog/export/csv_export.h"
#include "catalog/export/json_export.h"
#include "catalog/export/oscal_export.h"
#include "catalog/export/xlsx_export.h"
#include "cli/command.h"
#include "core/atomic_file.h"

namespace etguard::cli {
namespace {

struct CatalogExportOptions {
  std::string format;
  std::string out;
};

// Writes `content` to --out atomically, or to stdout.
Status deliver(const CatalogExportOptions& options, std::string_view content) {
  if (options.out.empty()) {
    print(content);
    return {};
  }
  return write_file_atomically(options.out, content);
}

// A workbook goes to --out, or to stdout when that is not a terminal (the
// atomic writer produces it privately and copies it there).
Status deliver_xlsx(const Context& context, const CatalogExportOptions& options) {
  if (options.out.empty() && stdout_is_terminal()) {
    return usage_error("an XLSX workbook is binary: give --out FILE or redirect stdout",
                       "XLSX 為二進位檔：請指定 --out 檔案或將輸出導向檔案");
  }
  return catalog::write_catalog_xlsx(catalog::embedded_catalog(), context.lang,
                                     options.out.empty() ? "-" : options.out);
}

Result<int> run_catalog_export(const Context& context, const CatalogExportOptions& options) {
  const auto& catalog = catalog::embedded_catalog();
  Status done;
  if (options.format == "json") {
    done = deliver(options, catalog::catalog_to_json(catalog).dump(2) + "\n");
  } else if (options.format == "csv") {
    done = deliver(options, catalog::catalog_to_csv(catalog, context.lang));
  } else if (options.format == "oscal") {
    auto document = catalog::catalog_to_oscal(catalog, context.lang);
    if (!document) {
      return std::unexpected(document.error());
    }
    done = deliver(options, document->dump(2) + "\n");
  } else {
    done = deliver_xlsx(context, options);
  }
  if (!done) {
    return std::unexpected(done.error());
  }
  return kExitOk;
}

}  // namespace

void add_catalog_export(CLI::App& catalog, Action& selected, const Help& help) {
  auto options = std::make_shared<CatalogExportOptions>();
  CLI::App* command = catalog.add_subcommand("export", help("Export the catalog", "匯出目錄"));
  command->add_option("--format", options->format, "json | csv | xlsx | oscal")
      ->required()
      ->check(CLI::IsMember({"json", "csv", "xlsx", "oscal"}));
  command->add_option("--out", options->out,
                      help("file to write atomically (default: stdout)",
                           "以不可分割方式寫入之檔案（預設為標準輸出）"));
  command->footer(
      help.footer("JSON carries both languages; --lang picks the language of CSV/XLSX headers\n"
                  "and of OSCAL titles and prose (the other language is kept as a prop).",
                  "JSON 含中英兩種語言；--lang 決定 CSV/XLSX 欄名及 OSCAL 標題與內文之語言\n"
                  "（另一語言保留為 prop）。",
                  "  etguard catalog export --format json > catalog.json\n"
                  "  etguard catalog export --format xlsx --lang zh-TW --out 指引.xlsx\n"
                  "  etguard catalog export --format oscal --lang en --out catalog.oscal.json"));
  command->callback([&selected, options] {
    selected = [options](const Context& context) { return run_catalog_export(context, *options); };
  });
}

}  // namespace etguard::cli
