# etg_test(NAME name SOURCES a_test.cc ... LIBS lib ...): a GoogleTest
# executable registered with CTest. Tests find the repository through
# ETG_SOURCE_DIR and the built binaries through ETG_BINARY_DIR.
function(etg_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS" ${ARGN})
  if(NOT ETG_TESTS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main fmt::fmt)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${ARG_NAME} PRIVATE
    ETG_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ETG_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${ARG_NAME} DISCOVERY_TIMEOUT 60)
endfunction()
