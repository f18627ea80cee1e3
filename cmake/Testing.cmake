# etg_test(NAME name SOURCES a_test.cc ... LIBS lib ... [OUTSIDE_INPUT]): a
# GoogleTest executable registered with CTest. Tests find the repository
# through ETG_SOURCE_DIR and the built binaries through ETG_BINARY_DIR.
#
# Test code is compiled without optimization (ETG_TEST_OPTIMIZATION): the code
# under test keeps the build's flags, and the tests compile in half the time.
#
# The sanitizer build (ETG_SANITIZE, `make test-asan`) compiles and runs what
# reads outside input: the tests marked OUTSIDE_INPUT and every fuzz target
# replaying its corpus. Everything else runs in the release build, which keeps
# a cold `make test` within its budget (docs/testing.md). Every test defined
# is a dependency of the target etg_tests.
set(ETG_TEST_OPTIMIZATION -O0)

function(etg_test)
  cmake_parse_arguments(ARG "OUTSIDE_INPUT" "NAME" "SOURCES;LIBS" ${ARGN})
  if(NOT ETG_TESTS OR (ETG_SANITIZE AND NOT ARG_OUTSIDE_INPUT))
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
