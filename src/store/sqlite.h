// A thin RAII layer over the SQLite C API: a connection, prepared statements
// and transactions, with every failure turned into an Error naming the
// database and the statement. Not thread-safe: one Database per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace etguard::store {

class Statement;

class Database {
 public:
  // Opens (creating when `create`) the database at `path` with WAL, foreign
  // keys and a busy timeout, so concurrent etguard processes wait for each
  // other instead of failing.
  static Result<Database> open(const std::filesystem::path& path, bool create);
  // A new empty database in this process's memory, named so that other
  // connections of this process (open_read_only(path())) reach it while this
  // one is open. Nothing touches the disk.
  static Result<Database> open_in_memory();
  // Opens the existing database at `path` for reading only; on a read-only
  // medium (no -shm file can be made) it is opened as immutable.
  static Result<Database> open_read_only(const std::filesystem::path& path);
  // Whether the file at `path` begins with SQLite's header. Read through a
  // connection of its own, never a plain open() and close(): closing any
  // descriptor of a file drops every POSIX lock this process holds on it,
  // and a workspace another connection of this process has open would lose
  // its locks (another process then deletes the WAL under it).
  static bool starts_like_sqlite(const std::filesystem::path& path);

  Database(Database&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs SQL without results (may hold several statements).
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  std::unexpected<Error> error(std::string_view doing) const;

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  // One connection to `name` (the path, or a URI naming it) with the busy
  // timeout and extended result codes every connection has.
  static Result<Database> connect(const std::string& name, const std::filesystem::path& path,
                                  int flags);
  sqlite3* db_;
  std::filesystem::path path_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // Advances; true when a row is available, false when done.
  Result<bool> step();
  // Runs to completion (for statements without results).
  Status run();
  // Steps through every row, calling `on_row` for each (read the columns there).
  Status for_each_row(const std::function<void()>& on_row);
  Status reset();

  std::string text(int column) const;  // 0-based
  // The column's text without a copy; valid until the next step() or reset().
  std::string_view view(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  friend class Database;
  Statement(const Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  const Database* db_;
  sqlite3_stmt* stmt_;
};

// SQLite's own check of the file (PRAGMA integrity_check): every problem it
// finds, empty when the file is sound. A corrupted page can hide or alter
// rows that no higher-level check would notice.
Result<std::vector<std::string>> integrity_problems(Database& db);

// BEGIN IMMEDIATE on construction (one writer at a time, waiting on the busy
// timeout); ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db);
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace etguard::store
