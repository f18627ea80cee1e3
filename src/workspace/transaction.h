// Workspace::in_transaction, shared by the workspace's source files only.
#pragma once

#include "store/sqlite.h"
#include "workspace/workspace.h"

namespace etguard::workspace {

template <typename Body>
auto Workspace::in_transaction(Body body) -> decltype(body(std::declval<ledger::Writer&>())) {
  if (!key_) {
    return fail(ErrorKind::kUsage,
                "the workspace is open read-only here: this command cannot change it",
                "此處以唯讀方式開啟工作區：本指令無法變更它");
  }
  auto transaction = store::Transaction::begin(db_);
  if (!transaction) {
    return std::unexpected(transaction.error());
  }
  auto writer = ledger::Writer::open(db_, *key_);
  if (!writer) {
    return std::unexpected(writer.error());
  }
  auto result = body(*writer);
  if (!result) {
    return result;  // the transaction rolls back
  }
  if (Status signed_now = writer->checkpoint(clock_->utc_now()); !signed_now) {
    return std::unexpected(signed_now.error());
  }
  if (Status committed = transaction->commit(); !committed) {
    return std::unexpected(committed.error());
  }
  return result;
}

}  // namespace etguard::workspace
