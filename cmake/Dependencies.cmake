# Every third-party dependency comes from Debian 12 packages
# (scripts/debian-packages.txt); nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp REQUIRED)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)  # syntax check before yaml-cpp
find_package(CLI11 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(P11KIT REQUIRED IMPORTED_TARGET p11-kit-1)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(LIBHS REQUIRED IMPORTED_TARGET libhs)  # vectorscan
find_package(ZLIB REQUIRED)
find_package(pugixml REQUIRED)
if(ETG_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
