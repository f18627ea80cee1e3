#include "store/sqlite.h"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace etguard::store {

namespace {
constexpr int kBusyTimeoutMs = 30000;
constexpr std::string_view kMemoryPrefix = "file:etguard-in-memory-";
}  // namespace

namespace {

// A URI name is opened as one only when it names an in-memory database (see
// open_in_memory); any other path is a file name, whatever it says.
int uri_flag(const std::filesystem::path& path) {
  return path.string().starts_with(kMemoryPrefix) ? SQLITE_OPEN_URI : 0;
}

// `path` as an SQLite URI naming an immutable file.
std::string immutable_uri(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (const char c : path.string()) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

// SQLite counts every allocation under one process-wide mutex unless told
// not to; the server's worker threads then queue on it. Done once, before
// SQLite initializes (later it is refused, harmlessly).
void stop_counting_memory() {
  static const bool stopped = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)stopped;
}

}  // namespace

Result<Database> Database::connect(const std::string& name, const std::filesystem::path& path,
                                   int flags) {
  stop_counting_memory();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return fail(ErrorKind::kIo,
                fmt::format("cannot open the workspace database '{}': {}", path.string(), message),
                fmt::format("無法開啟工作區資料庫 '{}'：{}", path.string(), message));
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  return Database(db, path);
}

Result<Database> Database::open(const std::filesystem::path& path, bool create) {
  auto database =
      connect(path.string(), path,
              SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | uri_flag(path));
  if (!database) {
    return database;
  }
  if (Status pragmas = database->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                      "PRAGMA foreign_keys=ON; PRAGMA mmap_size=1073741824;");
      !pragmas) {
    return std::unexpected(pragmas.error());
  }
  return database;
}

Result<Database> Database::open_read_only(const std::filesystem::path& path) {
  const auto readable = [](Result<Database> database) -> Result<Database> {
    if (database) {
      if (Status read = database->exec("SELECT count(*) FROM sqlite_schema"); !read) {
        return std::unexpected(read.error());
      }
    }
    return database;
  };
  auto database = readable(connect(path.string(), path, SQLITE_OPEN_READONLY | uri_flag(path)));
  if (database || uri_flag(path) != 0) {
    return database;
  }
  // A WAL database on a read-only medium or a full disk (no -shm can be
  // made): nobody can be writing it, so it is read as immutable.
  return readable(connect(immutable_uri(path), path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI));
}

bool Database::starts_like_sqlite(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  const int opened = sqlite3_open_v2(path.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_file* file = nullptr;
  std::array<char, 16> header{};
  const bool read = opened == SQLITE_OK &&
                    sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER,
                                         static_cast<void*>(&file)) == SQLITE_OK &&
                    file != nullptr && file->pMethods != nullptr &&
                    file->pMethods->xRead(file, header.data(), header.size(), 0) == SQLITE_OK;
  sqlite3_close(db);
  return read && std::string_view(header.data(), header.size()) ==
                     std::string_view("SQLite format 3\0", header.size());
}

Result<Database> Database::open_in_memory() {
  static std::atomic<int> opened{0};
  return open(fmt::format("{}{}?mode=memory&cache=shared", kMemoryPrefix, ++opened), true);
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() {
  sqlite3_close(db_);
}

std::unexpected<Error> Database::error(std::string_view doing) const {
  const int code = sqlite3_extended_errcode(db_);
  const int system_error = sqlite3_system_errno(db_);
  if ((code & 0xFF) == SQLITE_FULL || system_error == ENOSPC || system_error == EDQUOT) {
    // What the user must act on comes first.
    return fail(
        ErrorKind::kIo,
        fmt::format("no space left on device ({}); nothing was changed ({})",
                    path_.parent_path().string(), doing),
        fmt::format("裝置空間不足（{}）；未做任何變更（{}）", path_.parent_path().string(), doing));
  }
  const ErrorKind kind = (code & 0xFF) == SQLITE_CONSTRAINT ? ErrorKind::kInput : ErrorKind::kIo;
  // An I/O error names SQLite's extended code and the system's errno: "disk
  // I/O error" alone tells an operator nothing.
  const std::string detail =
      (code & 0xFF) == SQLITE_IOERR
          ? fmt::format(" [SQLite code {}, {}]", code, std::strerror(system_error))
          : std::string();
  return fail(kind,
              fmt::format("{}: {}{} ({})", doing, sqlite3_errmsg(db_), detail, path_.string()),
              fmt::format("資料庫錯誤：{}：{}{}（{}）", doing, sqlite3_errmsg(db_), detail,
                          path_.string()));
}

Status Database::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return error(fmt::format("SQL failed: {}", text.substr(0, 80)));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return error(fmt::format("cannot prepare: {}", sql.substr(0, 80)));
  }
  return Statement(this, stmt);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return db_->error(fmt::format("statement failed: {}", sqlite3_sql(stmt_)));
}

Status Statement::run() {
  if (Status done = for_each_row([] {}); !done) {
    return done;
  }
  return reset();
}

Status Statement::for_each_row(const std::function<void()>& on_row) {
  while (true) {
    auto row = step();
    if (!row) {
      return std::unexpected(row.error());
    }
    if (!*row) {
      return {};
    }
    on_row();
  }
}

Status Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return {};
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return data == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string_view Statement::view(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return data == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(data),
                                            static_cast<std::size_t>(size));
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::vector<std::string>> integrity_problems(Database& db) {
  auto check = db.prepare("PRAGMA integrity_check");
  if (!check) {
    return std::unexpected(check.error());
  }
  std::vector<std::string> problems;
  if (Status read = check->for_each_row([&] {
        if (check->view(0) != "ok") {
          problems.push_back(check->text(0));
        }
      });
      !read) {
    problems.push_back(read.error().message);
  }
  return problems;
}

Result<Transaction> Transaction::begin(Database& db) {
  if (Status begun = db.exec("BEGIN IMMEDIATE"); !begun) {
    return std::unexpected(begun.error());
  }
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) {
    // Closing the connection would roll back as well; a failure here only
    // means the transaction is already gone.
    if (Status rolled_back = db_->exec("ROLLBACK"); !rolled_back) {
      std::fprintf(stderr, "etguard: %s\n", rolled_back.error().message.c_str());
    }
  }
}

Status Transaction::commit() {
  Status committed = db_->exec("COMMIT");
  if (committed) {
    db_ = nullptr;
  }
  return committed;
}

}  // namespace etguard::store
