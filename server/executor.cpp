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

}  // namespace

Continuation Executor::execute(const ast::Statement& statement, SessionState& session, ResultWriter& out,
                               exec::SelectPlan* select_plan) {
  const int pos = statement.position;
  exec::check_not_aborted(session, &statement);
  engine::StatementTimeScope statement_time;  // one now() for the whole statement
  // Cancel requests and statement_timeout reach the statement through check_interrupts().
  const auto started = std::chrono::steady_clock::now();
  const std::chrono::milliseconds timeout = statement_timeout(session);
  InterruptScope interrupts(session.interrupt.get(), timeout);
  Continuation next = std::visit(
      [&](const auto& s) -> Continuation {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt>) {
          if (select_plan) exec::run_select_plan(*select_plan, out);
          else exec::run_select(db_, s, session, out);
        } else if constexpr (std::is_same_v<T, ast::CreateStream>) {
          exec::create_stream(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::CreateTable>) {
          exec::create_table(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::CreateView>) {
          exec::create_view(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::Insert>) {
          exec::insert(db_, s, statement.text, out);
        } else if constexpr (std::is_same_v<T, ast::CopyStmt>) {
          if (s.file) throw exec::server_side_copy(s);
          if (s.from) return {exec::copy_from(db_, s), nullptr};
          if (s.subscribe) return {nullptr, exec::copy_subscribe(db_, s, out)};
          exec::copy_to(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::Subscribe>) {
          return {nullptr, exec::subscribe(db_, s, out)};
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
          exec::transaction(s, session, out);
        } else if constexpr (std::is_same_v<T, ast::DeclareCursor>) {
          exec::declare_cursor(db_, s, session, out);
        } else if constexpr (std::is_same_v<T, ast::Fetch>) {
          return {nullptr, exec::fetch(s, session, out)};
        } else if constexpr (std::is_same_v<T, ast::CloseCursor>) {
          exec::close_cursor(s, session, out);
        } else if constexpr (std::is_same_v<T, ast::Explain>) {
          exec::run_explain(db_, s, out);
        } else if constexpr (std::is_same_v<T, ast::CreateRole>) {
          exec::create_or_alter_role(db_, s, session, out);
        } else if constexpr (std::is_same_v<T, ast::Deallocate>) {
          if (s.all) {
            session.prepared_statements.clear();
            out.complete("DEALLOCATE ALL");
          } else {
            if (session.prepared_statements.erase(s.name) == 0)
              throw SqlError("26000", "prepared statement \"" + s.name + "\" does not exist", pos);
            out.complete("DEALLOCATE");
          }
        }
        return {};
      },
      statement.body);
  // A statement that waits keeps the deadline statement_timeout gave it at its start.
  if (next.pending && timeout.count() > 0) next.pending->deadline = started + timeout;
  return next;
}

}  // namespace eddy
