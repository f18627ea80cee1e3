// etguard-catalogc: validates a catalog directory and compiles it to C++.
//
//   etguard-catalogc --catalog catalog/etg/2024-12-27 --out catalog_data.cc
//   etguard-catalogc --catalog catalog/etg/2024-12-27 --check
//
// Exit 0 when valid, 1 when the catalog has problems (each printed as
// file:line:column: code: message), 2 on usage errors.
#include <CLI/CLI.hpp>
#include <iostream>

#include "catalog/loader/loader.h"
#include "core/atomic_file.h"
#include "tools/catalogc/emit_cpp.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"Validate the etguard catalog and compile it to C++ tables."};
  std::string directory;
  std::string out;
  bool check_only = false;
  app.add_option("--catalog", directory, "catalog directory (catalog/<id>/<version>)")->required();
  app.add_option("--out", out, "C++ file to write");
  app.add_flag("--check", check_only, "validate only");
  CLI11_PARSE(app, argc, argv);
  if (out.empty() && !check_only) {
    std::cerr << "etguard-catalogc: give --out FILE or --check\n";
    return 2;
  }
  const auto outcome = etguard::catalog::load_catalog(directory);
  if (!outcome.problems.empty()) {
    std::cerr << "etguard-catalogc: " << directory << " has " << outcome.problems.size()
              << " problem(s):\n";
    for (const auto& problem : outcome.problems) {
      std::cerr << directory << '/' << etguard::format_problems({problem});
    }
    return 1;
  }
  if (check_only) {
    return 0;
  }
  const auto written = etguard::write_file_atomically(
      out, etguard::catalog::emit_cpp(outcome.catalog->data(), directory));
  if (!written) {
    std::cerr << "etguard-catalogc: " << written.error().message << '\n';
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "etguard-catalogc: internal error: " << error.what() << '\n';
    return 3;
  }
}
