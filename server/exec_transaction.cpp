// BEGIN / START TRANSACTION, COMMIT / END, ROLLBACK / ABORT.
//
// Eddy's transaction blocks are what PostgreSQL clients need to see, not isolation: BEGIN opens
// a block (ReadyForQuery 'T'), reads inside it are each a snapshot of their own, and writes
// (INSERT, COPY, DDL) apply at once, as if each were committed when it ran; ROLLBACK does not
// undo them. What a block does keep as PostgreSQL does: cursors live until it ends (WITH HOLD
// ones past COMMIT), and an error aborts it: ReadyForQuery 'E', every statement but COMMIT /
// ROLLBACK fails with 25P02, and COMMIT then answers ROLLBACK.

#include "common/error.h"
#include "server/exec_internal.h"

namespace eddy::exec {

bool is_transaction_exit(const ast::Statement& statement) {
  const auto* t = std::get_if<ast::Transaction>(&statement.body);
  return t != nullptr && t->action != "begin";
}

void check_not_aborted(const SessionState& session, const ast::Statement* statement) {
  if (!session.transaction_failed || (statement != nullptr && is_transaction_exit(*statement))) return;
  throw SqlError(sqlstate::kInFailedSqlTransaction,
                 "current transaction is aborted, commands ignored until end of transaction block");
}

void transaction(const ast::Transaction& stmt, SessionState& session, ResultWriter& out) {
  if (stmt.action == "begin") {
    if (session.in_transaction)
      out.warning(SqlError(sqlstate::kActiveSqlTransaction, "there is already a transaction in progress"));
    session.in_transaction = true;
    out.complete(stmt.start ? "START TRANSACTION" : "BEGIN");
    return;
  }
  if (!session.in_transaction)
    out.warning(SqlError(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress"));
  const bool committed = stmt.action == "commit" && !session.transaction_failed;
  session.in_transaction = false;
  session.transaction_failed = false;
  session.portals.end_transaction(committed);
  out.complete(committed ? "COMMIT" : "ROLLBACK");
}

}  // namespace eddy::exec
