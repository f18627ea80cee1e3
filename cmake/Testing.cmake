# etg_test(NAME name SOURCES a_test.cc ... LIBS lib ... [OUTSIDE_INPUT]): a
# GoogleTest executable registered with CTest. Tests find the repository
# through ETG_SOURCE_DIR and the built binaries through ETG_BINARY_DIR.
#
# Test code is compiled without optimization (ETG_TEST_OPTIMIZATION): the code
# under test keeps the build's flags, and the tests compile in half the time.
#
# ETG_TEST_SET chooses the tests a build defines, so that `make test` runs each
# test once, in the build that suits it, within its time budget
# (docs/decisions/0006-build-speed.md):
#   all            every test (the default, for a developer's own build);
#   outside-input  the unit tests marked OUTSIDE_INPUT (the parsers of files,
#                  logs, packs and handshakes) and every fuzz target replaying
#                  its corpus: the sanitizer build;
#   rest           everything else: the release build. etauth's own tests run
#                  in its standalone ThreadSanitizer build.
# Every test defined is a dependency of the target etg_tests.
set(ETG_TEST_OPTIMIZATION -O0)
set(ETG_TEST_SET all CACHE STRING "The tests this build defines: all, outside-input or rest")
set_property(CACHE ETG_TEST_SET PROPERTY STRINGS all outside-input rest)
if(NOT ETG_TEST_SET MATCHES "^(all|outside-input|rest)$")
  message(FATAL_ERROR "ETG_TEST_SET is '${ETG_TEST_SET}': use all, outside-input or rest")
endif()

# etg_tests_wanted(OUT [OUTSIDE_INPUT]): whether this build defines a test of
# that kind.
function(etg_tests_wanted out)
  set(wanted OFF)
  if(ETG_TESTS)
    if(ETG_TEST_SET STREQUAL "all")
      set(wanted ON)
    elseif(ARGN STREQUAL "OUTSIDE_INPUT")
      if(ETG_TEST_SET STREQUAL "outside-input")
        set(wanted ON)
      endif()
    elseif(ETG_TEST_SET STREQUAL "rest")
      set(wanted ON)
    endif()
  endif()
  set(${out} ${wanted} PARENT_SCOPE)
endfunction()

function(etg_test)
  cmake_parse_arguments(ARG "OUTSIDE_INPUT" "NAME" "SOURCES;LIBS" ${ARGN})
  if(ARG_OUTSIDE_INPUT)
    etg_tests_wanted(wanted OUTSIDE_INPUT)
  else()
    etg_tests_wanted(wanted)
  endif()
  if(NOT wanted)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main fmt::fmt)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${ARG_NAME} PRIVATE
    ETG_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ETG_BINARY_DIR="${CMAKE_BINARY_DIR}")
  etg_compile_as_test_code(${ARG_NAME})
  gtest_discover_tests(${ARG_NAME} DISCOVERY_TIMEOUT 60)
  etg_add_to_tests(${ARG_NAME})
endfunction()

# etg_compile_as_test_code(TARGET): TARGET holds test code only (a test, its
# support library, the precompiled header the tests share).
function(etg_compile_as_test_code target)
  target_compile_options(${target} PRIVATE ${ETG_TEST_OPTIMIZATION})
endfunction()

# etg_add_to_tests(TARGET): TARGET is built by the target etg_tests.
function(etg_add_to_tests target)
  set_property(GLOBAL APPEND PROPERTY ETG_TEST_TARGETS ${target})
endfunction()
