#include "sqlite_file.h"

namespace etauth::detail {

Result<std::unique_ptr<SqliteFile>> SqliteFile::open(const std::string& path, std::string name,
                                                     const char* schema) {
  std::unique_ptr<SqliteFile> file(new SqliteFile());
  file->name_ = std::move(name);
  if (sqlite3_open_v2(path.c_str(), &file->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return file->failure("open");
  }
  sqlite3_busy_timeout(file->db_, 5000);
  if (!file->exec(schema)) {
    return file->failure("create the schema");
  }
  return file;
}

}  // namespace etauth::detail
