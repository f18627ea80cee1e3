// The fictional firm's registers with results and evidence, as the report
// tests render them (tests only).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "assess/registers_yaml.h"
#include "catalog/data/embedded.h"
#include "report/html_report.h"

namespace etguard::report {

class ReportFixture : public ::testing::Test {
 protected:
  static assess::Registers firm() {
    return assess::read_registers_yaml(
               std::filesystem::path(ETG_SOURCE_DIR) / "src/assess/testdata/firm.yaml",
               catalog::embedded_catalog())
        .registers;
  }
  // The status lines of results_ under registers_ on the reports' day.
  void compute_lines() {
    lines_ = assess::status_lines(assess::compute_scope(catalog::embedded_catalog(), registers_),
                                  registers_, results_, kToday);
  }
  // A report of 12 ledger entries under 3 checkpoints.
  ReportInput input(Lang lang = Lang::kEn) const {
    ReportInput in{&catalog::embedded_catalog(),
                   &registers_,
                   &lines_,
                   &results_,
                   &evidence_,
                   {},
                   kToday,
                   lang};
    in.ledger.entries = 12;
    in.ledger.checkpoints = 3;
    return in;
  }

  static constexpr const char* kToday = "2026-11-26";
  assess::Registers registers_;
  std::vector<assess::Result> results_;
  std::vector<assess::StatusLine> lines_;
  std::vector<assess::Evidence> evidence_;
};

}  // namespace etguard::report
