# Build speed for cold builds: precompiled headers and batched units.
#
# Precompiled headers: the standard library, fmt and nlohmann-json (and
# GoogleTest for tests) are parsed once per build instead of once per unit.
# Every etguard target reuses one of two headers; etauth (lib/etauth) builds
# on its own and keeps its own flags. GCC refuses a header compiled with other
# macros (-Winvalid-pch, an error under -Werror), so both carriers link what
# their users link: fmt (FMT_SHARED) and, for tests, GoogleTest.

set(ETG_PCH_HEADERS
  <algorithm> <array> <chrono> <cstdint> <filesystem> <fstream> <functional>
  <map> <memory> <optional> <set> <span> <string> <string_view> <vector>
  <fmt/format.h> <nlohmann/json.hpp>)

if(ETG_PCH)
  add_library(etg_pch OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/anchor.cc)
  target_link_libraries(etg_pch PRIVATE fmt::fmt nlohmann_json::nlohmann_json)
  target_precompile_headers(etg_pch PRIVATE ${ETG_PCH_HEADERS})

endif()
if(ETG_PCH AND ETG_TESTS)
  add_library(etg_pch_test OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch/anchor.cc)
  target_link_libraries(etg_pch_test PRIVATE fmt::fmt nlohmann_json::nlohmann_json GTest::gtest)
  target_precompile_headers(etg_pch_test PRIVATE ${ETG_PCH_HEADERS} <gtest/gtest.h>)
  # GCC takes a precompiled header only with the optimization it was made with.
  etg_compile_as_test_code(etg_pch_test)
endif()

# etg_precompile_headers(DIRECTORY): every C++ target defined in DIRECTORY's
# subdirectories, except lib/ (etauth) and fuzz/, reuses the tests' header
# when it links GoogleTest and the production header otherwise.
function(etg_precompile_headers dir)
  if(NOT ETG_PCH)
    return()
  endif()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${subdir})
    if(relative MATCHES "^(lib|fuzz)(/|$)")
      continue()
    endif()
    get_property(targets DIRECTORY ${subdir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      if(NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
        continue()
      endif()
      get_target_property(links ${target} LINK_LIBRARIES)
      if(links AND "GTest::gtest" IN_LIST links)
        target_precompile_headers(${target} REUSE_FROM etg_pch_test)
      else()
        target_link_libraries(${target} PRIVATE fmt::fmt)
        target_precompile_headers(${target} REUSE_FROM etg_pch)
      endif()
    endforeach()
    etg_precompile_headers(${subdir})
  endforeach()
endfunction()

# etg_unity_build(TARGET): compile TARGET's units in batches of eight. For
# targets whose units each instantiate the same heavy header-only code (the
# CLI and CLI11): generated once per batch instead of once per unit. Names in
# anonymous namespaces must then be unique across the target's files.
# GCC 12 inlines more across a batch and then reports -Wnull-dereference
# inside libstdc++'s constructors (std::construct_at), not in our code.
function(etg_unity_build target)
  if(ETG_UNITY AND TARGET ${target})  # test targets are absent with ETG_TESTS=OFF
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-null-dereference)
    endif()
  endif()
endfunction()

# LLD links in a third of the time of GNU ld (an ASan test executable: 3.0 s
# with ld, 2.2 s with gold, 1.0 s with lld); used when installed (Debian's
# lld, in scripts/debian-packages.txt).
option(ETG_LLD "Link with LLD when it is installed" ON)
if(ETG_LLD)
  find_program(ETG_LLD_PROGRAM ld.lld)
  if(ETG_LLD_PROGRAM)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
