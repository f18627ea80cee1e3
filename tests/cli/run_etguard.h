// Runs the built etguard binary as a user would: shell words, a clean
// locale unless told otherwise, stdout and stderr captured separately.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace etguard::testing {

struct RunOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline RunOutcome run_etguard(const std::string& arguments,
                              const std::string& environment = "LANG=C.UTF-8") {
  const auto err_file =
      std::filesystem::temp_directory_path() / ("etg-cli-" + std::to_string(::getpid()) + ".err");
  const std::string command = "env -u LC_ALL -u LC_MESSAGES " + environment + " " + ETG_BINARY_DIR +
                              "/bin/etguard " + arguments + " 2>" + err_file.string() +
                              " </dev/null";
  RunOutcome run;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    run.out.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(err_file);
  std::filesystem::remove(err_file);
  return run;
}

}  // namespace etguard::testing
