# Compiler flags shared by every target: warnings (as errors with ETG_WERROR,
# which CI sets) and the sanitizer build.
add_compile_options(
  -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wcast-qual -Wconversion
  -Wsign-conversion -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough -Wformat=2)
if(ETG_WERROR)
  add_compile_options(-Werror)
endif()
if(ETG_FUZZ)
  # Coverage instrumentation everywhere, so libFuzzer sees the libraries' code.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(ETG_SANITIZE)
  # -g1: line tables only, enough for the sanitizers' reports, and the build
  # takes a third less time than with full debug information.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -g1)
  add_link_options(-fsanitize=address,undefined)
endif()
# GCC 12 reports false positives inside libstdc++'s std::string at -O2
# (GCC bugs 105329 and 105651: -Wrestrict, -Wmaybe-uninitialized); they are not
# in our code and would make -Werror builds fail spuriously. Through a
# precompiled header GCC 12 also stops treating inlined libstdc++ code as a
# system header and reports the same std::string copies under
# -Wstringop-overflow, -Wstringop-overread and -Warray-bounds; the
# sanitizer build still catches real out-of-bounds accesses at run time.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options(-Wno-restrict -Wno-maybe-uninitialized)
  if(ETG_PCH)
    add_compile_options(-Wno-stringop-overflow -Wno-stringop-overread -Wno-array-bounds)
  endif()
endif()
# Clang (the sanitizer build of `make test`) with Debian 12's libstdc++ 12
# reports std::get_temporary_buffer, which libstdc++'s own stable_sort and
# inplace_merge call, as deprecated in C++23 code that merely sorts. Our own
# uses of deprecated APIs (OpenSSL's, say) stay errors in the GCC build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  add_compile_options(-Wno-deprecated-declarations)
endif()
