#include "app/session_pool.h"

namespace etguard::app {

SessionPool::SessionPool(std::filesystem::path workspace, Environment environment, std::size_t keep)
    : workspace_(std::move(workspace)), environment_(std::move(environment)), keep_(keep) {}

SessionPool::Lease::~Lease() {
  if (home_ != nullptr && session_ != nullptr) {
    home_->give_back(std::move(session_));
  }
}

Result<SessionPool::Lease> SessionPool::lease(const std::string& actor, bool writes) {
  Environment environment = environment_;
  environment.actor = actor;
  if (!writes) {
    std::unique_ptr<Session> kept;
    {
      const std::scoped_lock lock(mutex_);
      if (!idle_.empty()) {
        kept = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (kept != nullptr) {
      kept->environment_ = std::move(environment);
      return Lease(std::move(kept), this);
    }
  }
  auto opened = Session::open(
      workspace_, std::move(environment),
      writes ? workspace::Workspace::Access::kReadWrite : workspace::Workspace::Access::kReadOnly);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  return Lease(std::make_unique<Session>(std::move(*opened)), writes ? nullptr : this);
}

void SessionPool::give_back(std::unique_ptr<Session> session) {
  const std::scoped_lock lock(mutex_);
  if (idle_.size() < keep_) {
    idle_.push_back(std::move(session));
  }
}

}  // namespace etguard::app
