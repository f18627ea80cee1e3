// The assessment report as one self-contained HTML file: inline CSS and SVG,
// no external fetches, prints cleanly. Every text that came from users or
// evidence is escaped. The first section is the one-page board summary
// (Art. 4: the board oversees the risks).
#pragma once

#include <string>
#include <vector>

#include "assess/status.h"
#include "catalog/catalog.h"
#include "ledger/ledger.h"

namespace etguard::report {

struct ReportInput {
  const catalog::Catalog* catalog = nullptr;
  const assess::Registers* registers = nullptr;
  const std::vector<assess::StatusLine>* lines = nullptr;
  const std::vector<assess::Result>* results = nullptr;
  const std::vector<assess::Evidence>* evidence = nullptr;
  ledger::VerifyReport ledger;
  std::string today;
  Lang lang = Lang::kEn;
  std::string cycle = {};      // the cycle reported; empty: none started
  std::string closed_on = {};  // a closed cycle: the day the next one started
  // Of this cycle; null: the report to be signed, which shows none.
  const std::vector<assess::SignOff>* sign_offs = nullptr;
};

std::string html_report(const ReportInput& input);

}  // namespace etguard::report
