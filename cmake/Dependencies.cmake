# Every third-party dependency comes from Debian 12 packages
# (scripts/debian-packages.txt); nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(pugixml REQUIRED)
if(ETG_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
