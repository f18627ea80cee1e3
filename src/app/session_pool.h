// Read-only sessions kept open between requests by a long-running front end
// (issue 18: 5,000 JSON reads/s). Opening a workspace checks the file, its
// schema and its version, which costs more than answering most reads; a
// pooled session keeps its database connection, and each of its queries
// still reads the workspace as committed at that moment (SQLite in WAL mode
// gives every statement the newest commit), so nothing it answers is stale.
// Thread-safe; a leased session serves one caller at a time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/session.h"
#include "core/result.h"

namespace etguard::app {

class SessionPool {
 public:
  // Sessions of the workspace at `workspace` (its .etguard directory, as
  // Session::root() names it) with `environment`; at most `keep` are kept idle.
  SessionPool(std::filesystem::path workspace, Environment environment, std::size_t keep = 16);
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  // A session, read-only or one that writes, for one caller; a read-only one
  // goes back to its pool when the lease ends.
  class Lease {
   public:
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Session& get() { return *session_; }

   private:
    friend class SessionPool;
    Lease(std::unique_ptr<Session> session, SessionPool* home)
        : session_(std::move(session)), home_(home) {}
    std::unique_ptr<Session> session_;
    SessionPool* home_;  // null: not kept (a session that writes)
  };

  // A session acting as `actor`: a kept one when it only reads, else opened.
  [[nodiscard]] Result<Lease> lease(const std::string& actor, bool writes);

 private:
  void give_back(std::unique_ptr<Session> session);

  std::filesystem::path workspace_;
  Environment environment_;
  std::size_t keep_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Session>> idle_;
};

}  // namespace etguard::app
