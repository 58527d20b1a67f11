#include "server/executor.h"

#include "common/error.h"
#include "common/interrupt.h"
#include "engine/expr/special_forms.h"
#include "server/duration_setting.h"
#include "server/exec_internal.h"

namespace eddy {

namespace {

std::chrono::milliseconds statement_timeout(const SessionState& session) {
  auto it = session.settings.find("statement_timeout");
  if (it == session.settings.end()) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(parse_milliseconds_setting("statement_timeout", it->second));
}

SqlError not_supported(const std::string& what, int position) {
  return SqlError(sqlstate::kFeatureNotSupported, what + " is not supported yet", position);
}

}  // namespace

std::unique_ptr<CopyInTarget> Executor::execute(const ast::Statement& statement, SessionState& session,
                                                ResultWriter& out) {
  const int pos = statement.position;
  engine::StatementTimeScope statement_time;  // one now() for the whole statement
  // Cancel requests and statement_timeout reach the statement through check_interrupts().
  InterruptScope interrupts(session.interrupt.get(), statement_timeout(session));
  return std::visit(
      [&](const auto& s) -> std::unique_ptr<CopyInTarget> {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt>) {
          exec::run_select(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::CreateStream>) {
          exec::create_stream(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::CreateTable>) {
          exec::create_table(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::CreateView>) {
          exec::create_view(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::Insert>) {
          exec::insert(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::CopyStmt>) {
          if (s.from) return exec::copy_from(db_, s);
          throw not_supported("COPY ... TO STDOUT", pos);
        } else if constexpr (std::is_same_v<T, ast::Subscribe>) {
          throw not_supported("SUBSCRIBE", pos);
        } else if constexpr (std::is_same_v<T, ast::Show>) {
          exec::show(db_, s, session, out);
        } else if constexpr (std::is_same_v<T, ast::Set>) {
          exec::set(s, session, out);
        } else if constexpr (std::is_same_v<T, ast::Describe>) {
          exec::describe(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::Drop>) {
          if (s.kind == ast::ObjectKind::Role) exec::drop_roles(db_, s, session, out);
          else exec::drop(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::Transaction>) {
          // Eddy's transactions are read-only snapshots in this version: accepted, no effect.
          if (s.action == "begin") {
            if (session.in_transaction) out.notice("there is already a transaction in progress");
            session.in_transaction = true;
            out.complete("BEGIN");
          } else {
            if (!session.in_transaction) out.notice("there is no transaction in progress");
            session.in_transaction = false;
            out.complete(s.action == "commit" ? "COMMIT" : "ROLLBACK");
          }
        } else if constexpr (std::is_same_v<T, ast::DeclareCursor>) {
          throw not_supported("DECLARE CURSOR", pos);
        } else if constexpr (std::is_same_v<T, ast::Fetch>) {
          throw not_supported("FETCH", pos);
        } else if constexpr (std::is_same_v<T, ast::CloseCursor>) {
          throw not_supported("CLOSE", pos);
        } else if constexpr (std::is_same_v<T, ast::Explain>) {
          exec::run_explain(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::CreateRole>) {
          exec::create_or_alter_role(db_, s, session, out);
        }
        return nullptr;
      },
      statement.body);
}

}  // namespace eddy
