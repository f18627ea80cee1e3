#!/usr/bin/env bash
# etauth on its own, as a firm would take it: lib/etauth configured alone
# (no etguard around it) with ThreadSanitizer, its tests run — the lockout
# and replay-guard concurrency tests among them — then installed into a
# scratch prefix, and a small program built against the installed package
# both through find_package(etauth) and through pkg-config.
# usage: tests/etauth/standalone.sh [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(realpath -m "${1:-$root/build-etauth}")
jobs=$(nproc)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# -O1 -g1: line tables are all ThreadSanitizer's reports need; a quarter faster.
cmake -S "$root/lib/etauth" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_INSTALL_PREFIX="$work/prefix" "${launcher[@]}" >/dev/null
cmake --build "$work/build" -j "$jobs"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir "$work/build" --output-on-failure -j "$jobs"
rm -rf "$work/prefix"
cmake --install "$work/build" >/dev/null

consumer=$work/consumer
rm -rf "$consumer" && mkdir -p "$consumer"
cat > "$consumer/main.cc" <<'CC'
#include <etauth/otp.h>
#include <iostream>
int main() {
  const etauth::Bytes seed{'1', '2', '3', '4', '5', '6', '7', '8', '9', '0',
                           '1', '2', '3', '4', '5', '6', '7', '8', '9', '0'};
  const auto code = etauth::hotp(seed, 1, 6);  // RFC 4226: 287082
  std::cout << code.value() << '\n';
  return code.value() == "287082" ? 0 : 1;
}
CC
cat > "$consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.25)
project(consumer LANGUAGES CXX)
find_package(etauth 0.1 REQUIRED)
add_executable(consumer main.cc)
target_link_libraries(consumer PRIVATE etauth::etauth)
CM
cmake -S "$consumer" -B "$consumer/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$consumer/build" >/dev/null
"$consumer/build/consumer" >/dev/null
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
# shellcheck disable=SC2046
c++ -fsanitize=thread -o "$consumer/by-pkg-config" "$consumer/main.cc" $(pkg-config --cflags --libs --static etauth)
"$consumer/by-pkg-config" >/dev/null
echo "etauth standalone: built alone, tests passed under ThreadSanitizer, installed; find_package and pkg-config consumers work"
