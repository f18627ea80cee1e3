// How long the catalog operations a user waits for take: building the index
// at start-up, a search, and each export. The catalog has no peer tool to
// compare with; these figures are the baseline later changes are held to.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "catalog/data/embedded.h"
#include "catalog/export/csv_export.h"
#include "catalog/export/json_export.h"
#include "catalog/export/oscal_export.h"
#include "catalog/export/xlsx_export.h"
#include "catalog/search.h"

namespace etguard::catalog {
namespace {

void BM_IndexAtStartup(benchmark::State& state) {
  for (auto _ : state) {
    Catalog catalog(embedded_catalog_data());
    benchmark::DoNotOptimize(catalog.node("ET-8.3.5"));
  }
}
BENCHMARK(BM_IndexAtStartup);

void BM_Search(benchmark::State& state, const char* query) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(search(embedded_catalog(), query));
  }
}
BENCHMARK_CAPTURE(BM_Search, chinese, "多因子");
BENCHMARK_CAPTURE(BM_Search, abbreviation, "MFA");
BENCHMARK_CAPTURE(BM_Search, two_words, "audit trail");

void BM_ExportJson(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog_to_json(embedded_catalog()).dump());
  }
}
BENCHMARK(BM_ExportJson);

void BM_ExportOscal(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog_to_oscal(embedded_catalog(), Lang::kEn)->dump());
  }
}
BENCHMARK(BM_ExportOscal);

void BM_ExportCsv(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog_to_csv(embedded_catalog(), Lang::kZhTw));
  }
}
BENCHMARK(BM_ExportCsv);

void BM_ExportXlsx(benchmark::State& state) {
  const auto path = std::filesystem::temp_directory_path() / "etg-bench.xlsx";
  for (auto _ : state) {
    benchmark::DoNotOptimize(write_catalog_xlsx(embedded_catalog(), Lang::kZhTw, path));
  }
  std::filesystem::remove(path);
}
BENCHMARK(BM_ExportXlsx)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace etguard::catalog

BENCHMARK_MAIN();
