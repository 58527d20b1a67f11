// DECLARE, FETCH, MOVE and CLOSE: SQL cursors over server/portal.h. A cursor evaluates its
// query once, at DECLARE, and FETCH pages through that snapshot. A SUBSCRIBE cursor instead
// subscribes at DECLARE and FETCH takes the changes buffered since (exec_subscribe.cpp).

#include "common/error.h"
#include "server/exec_internal.h"
#include "server/result_collector.h"

namespace eddy::exec {

namespace {

std::shared_ptr<Portal> find_cursor(SessionState& session, const std::string& name) {
  auto portal = session.portals.find(name);
  if (!portal) throw SqlError(sqlstate::kInvalidCursorName, "cursor \"" + name + "\" does not exist");
  if (!portal->result && !portal->subscription)
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "portal \"" + name + "\" has not been executed yet: FETCH from it is not supported");
  return portal;
}

}  // namespace

void declare_cursor(Database& db, const ast::DeclareCursor& stmt, SessionState& session, ResultWriter& out) {
  if (!session.in_transaction && !stmt.with_hold)
    throw SqlError(sqlstate::kNoActiveSqlTransaction, "DECLARE CURSOR can only be used in transaction blocks");
  if (stmt.name.empty())  // PostgreSQL: the unnamed portal is the protocol's, not a cursor
    throw SqlError(sqlstate::kInvalidCursorName, "invalid cursor name: must not be empty");
  if (session.portals.find(stmt.name))
    throw SqlError(sqlstate::kDuplicateCursor, "cursor \"" + stmt.name + "\" already exists");
  auto portal = std::make_shared<Portal>();
  portal->name = stmt.name;
  portal->cursor = true;
  portal->holdable = stmt.with_hold;
  portal->scrollable = stmt.scroll.value_or(true);
  portal->created_in_transaction = session.in_transaction;
  if (stmt.binary) portal->formats = {1};
  if (stmt.subscribe) {
    portal->scrollable = false;
    portal->subscription = open_subscription(db, *stmt.subscribe);
    session.portals.add(std::move(portal));
    out.complete("DECLARE CURSOR");
    return;
  }
  ResultCollector collector(&out);
  run_select(db, *stmt.query, session, collector);
  portal->result = collector.take();
  session.portals.add(std::move(portal));
  out.complete("DECLARE CURSOR");
}

std::unique_ptr<PendingStatement> fetch(const ast::Fetch& stmt, SessionState& session, ResultWriter& out) {
  auto portal = find_cursor(session, stmt.cursor);
  if (portal->subscription) return fetch_subscription(std::move(portal), stmt, out);
  RowRange range = portal->fetch(stmt.direction, stmt.count);
  if (stmt.move) {
    out.complete("MOVE " + std::to_string(range.count));
    return nullptr;
  }
  const ResultSet& result = *portal->result;
  out.set_binary(!portal->formats.empty() && portal->formats[0] == 1);
  out.describe(result.columns);
  if (range.count > 0) {
    if (range.first == 0 && range.count == result.size() && !range.backward)
      out.rows(result.rows);
    else
      out.rows(result.rows.gather(range.indexes()));
  }
  out.complete("FETCH " + std::to_string(range.count));
  return nullptr;
}

void close_cursor(const ast::CloseCursor& stmt, SessionState& session, ResultWriter& out) {
  if (stmt.cursor == "all") {  // CLOSE ALL (the AST does not tell it from CLOSE "all")
    session.portals.close_all();
    out.complete("CLOSE CURSOR ALL");
    return;
  }
  if (!session.portals.close(stmt.cursor))
    throw SqlError(sqlstate::kInvalidCursorName, "cursor \"" + stmt.cursor + "\" does not exist");
  out.complete("CLOSE CURSOR");
}

std::vector<OutputColumn> cursor_columns(const SessionState& session, const std::string& name) {
  auto portal = session.portals.find(name);
  if (portal && portal->subscription) return portal->subscription->columns();
  if (!portal || !portal->result || !portal->result->returns_rows) return {};
  return portal->result->columns;
}

}  // namespace eddy::exec
