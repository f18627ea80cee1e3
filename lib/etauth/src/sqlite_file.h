// One SQLite file as the reference stores use it (not installed): opened
// read-write with SQLite's own locking, a busy timeout so processes sharing
// the file wait for each other, and errors that name the store.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "etauth/error.h"

namespace etauth::detail {

class SqliteFile {
 public:
  // `name` is how errors call the store ("audit log"); `schema` runs once.
  static Result<std::unique_ptr<SqliteFile>> open(const std::string& path, std::string name,
                                                  const char* schema);
  ~SqliteFile() { sqlite3_close(db_); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;
  SqliteFile(SqliteFile&&) = delete;
  SqliteFile& operator=(SqliteFile&&) = delete;

  sqlite3* db() const { return db_; }
  bool exec(const char* sql) const {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  std::unexpected<Error> failure(const char* what) const {
    return error(Errc::kStorage, name_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

 private:
  SqliteFile() = default;
  sqlite3* db_ = nullptr;
  std::string name_;
};

}  // namespace etauth::detail
