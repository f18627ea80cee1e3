// Ledger throughput: appends N entries in batches (each batch one durable
// transaction: synchronous=FULL, WAL fsync'd at commit, a signed checkpoint
// per batch), then verifies the whole chain. Prints entries/s for both.
// The ceiling to compare with is `openssl speed sha256` (bench/run-ledger.sh).
//
//   ledger_throughput [ENTRIES=1000000] [BATCH=10000]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ledger/ledger.h"
#include "store/workspace.h"

int main(int argc, char** argv) {
  namespace ledger = etguard::ledger;
  namespace store = etguard::store;
  const long entries = argc > 1 ? std::atol(argv[1]) : 1000000;
  const long batch = argc > 2 ? std::atol(argv[2]) : 10000;
  const auto dir =
      std::filesystem::temp_directory_path() / ("etg-ledger-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto paths = store::create_workspace_layout(dir).value();
  const auto key = ledger::SigningKey::generate(paths.signing_key()).value();
  auto db = store::open_database(paths, true).value();

  const auto start = std::chrono::steady_clock::now();
  for (long done = 0; done < entries;) {
    auto transaction = store::Transaction::begin(db).value();
    auto writer = ledger::Writer::open(db, key, 0).value();
    for (long i = 0; i < batch && done < entries; ++i, ++done) {
      const std::string object = "iot/device-" + std::to_string(done);
      if (!writer.append({"bench", "register.add", object, "",
                          "{\"facts\":{\"device\":true},\"id\":\"" + object + "\"}"},
                         "2026-11-26T00:00:00.000Z")) {
        std::fprintf(stderr, "append failed\n");
        return 1;
      }
    }
    if (!writer.checkpoint("2026-11-26T00:00:00.000Z") || !transaction.commit()) {
      std::fprintf(stderr, "commit failed\n");
      return 1;
    }
  }
  const double append_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const auto verify_start = std::chrono::steady_clock::now();
  const auto report = ledger::verify(db, key.public_key_hex()).value();
  const double verify_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - verify_start).count();
  std::printf(
      "{\"entries\": %ld, \"batch\": %ld, \"append_seconds\": %.3f, \"append_per_second\": %.0f, "
      "\"verify_seconds\": %.3f, \"verify_per_second\": %.0f, \"verified\": %s, \"db_bytes\": "
      "%ju}\n",
      entries, batch, append_s, static_cast<double>(entries) / append_s, verify_s,
      static_cast<double>(report.entries) / verify_s, report.ok() ? "true" : "false",
      static_cast<std::uintmax_t>(std::filesystem::file_size(paths.database())));
  std::filesystem::remove_all(dir);
  return report.ok() ? 0 : 1;
}
