#pragma once
// A portal: one statement's result, materialized, being paged. PostgreSQL has one concept for a
// protocol portal (Bind, then Execute with a row limit, PortalSuspended in between) and a SQL
// cursor (DECLARE, then FETCH / MOVE / CLOSE), and so does Eddy: both kinds live in one
// namespace per session (PortalSet), so a DECLAREd cursor can be Executed or Closed by name
// with protocol messages, and a bound portal can be CLOSEd in SQL, as in PostgreSQL.
//
// A portal's statement runs once, whole (a SELECT is a snapshot of what it reads: a cursor
// evaluates its query at DECLARE, a protocol portal at its first Describe or Execute); Execute,
// FETCH and MOVE then move over the kept rows.
//
// Position (PostgreSQL's portalPos): 0 is before the first row, k (1..n) is on row k, n + 1 is
// after the last. FETCH FORWARD k returns the k rows after the position and leaves it on the
// last one returned, or after the end when fewer were left; BACKWARD k is the mirror image;
// ABSOLUTE and RELATIVE return at most the one row they land on:
//
//   rows a b c, position 0:  FETCH 2 -> a b (pos 2)   FETCH 2 -> c (pos 4)   FETCH PRIOR -> c (pos 3)
//                            FETCH ABSOLUTE -1 -> c (pos 3)   FETCH RELATIVE -5 -> nothing (pos 0)
//
// Not thread-safe: a session's portals belong to its connection.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/column.h"
#include "grammar/ast.h"
#include "planner/parameters.h"
#include "server/output_column.h"
#include "server/prepared_statement.h"

namespace eddy {

class LiveSubscription;  // server/live_subscription.h
namespace exec {
struct SelectPlan;  // server/exec_internal.h
}

// The whole result of one statement.
struct ResultSet {
  std::vector<OutputColumn> columns;
  bool returns_rows = false;  // the statement described columns (SELECT, SHOW, FETCH, ...)
  Batch rows;                 // every row, in order
  std::string tag;            // its CommandComplete tag ("SELECT 3", "INSERT 0 1", "SHOW")
  std::string messages;       // wire messages it raised (notices, ParameterStatus, a COPY TO's
                              // CopyOutResponse / CopyData / CopyDone), sent before its rows

  size_t size() const { return rows.rows(); }
};

// The rows a move passed over, in the order they are returned.
struct RowRange {
  size_t first = 0;  // 0-based index of the first row returned
  size_t count = 0;
  bool backward = false;  // first, first - 1, ...

  size_t at(size_t i) const { return backward ? first - i : first + i; }
  std::vector<uint32_t> indexes() const;
};

struct Portal {
  std::string name;  // "" = the unnamed portal

  // A protocol portal: the statement and parameters Bind gave it (null for a cursor).
  std::shared_ptr<const PreparedStatement> statement;
  std::vector<planner::ParameterValue> params;
  // Result format codes, Bind's convention: none (all text), one for all, or one per column.
  // A BINARY cursor has {1}.
  std::vector<int16_t> formats;

  // A SELECT planned by a Describe of the portal, which its first Execute runs (not planned
  // twice); gone once run.
  std::shared_ptr<exec::SelectPlan> select_plan;
  std::optional<ResultSet> result;  // once run
  // A SUBSCRIBE cursor (DECLARE ... FOR SUBSCRIBE) or portal: changes are taken from here as
  // they come, never kept; `result` stays empty. Forward only. Closing the portal detaches.
  std::shared_ptr<LiveSubscription> subscription;
  bool done = false;  // a statement without rows has run: running it again is 55000

  bool cursor = false;       // made by DECLARE (its errors say "cursor")
  bool holdable = false;     // WITH HOLD: survives COMMIT
  bool scrollable = true;    // NO SCROLL: moving backward is 55000
  bool created_in_transaction = false;  // ROLLBACK drops it even WITH HOLD

  int64_t position = 0;

  // Moves as FETCH / MOVE `direction count` does and returns the rows passed over; for Forward
  // and Backward, count -1 is ALL and 0 re-reads the current row (RELATIVE 0). Requires
  // `result`. Throws 55000 "cursor can only scan forward" when a NO SCROLL portal would move
  // backward.
  RowRange fetch(ast::FetchDirection direction, int64_t count);
};

// The portals of one session, by name.
class PortalSet {
 public:
  // nullptr when there is none of that name.
  std::shared_ptr<Portal> find(const std::string& name) const;
  // Adds `portal` under its name. A named portal that exists already is 42P03 `cursor "x"
  // already exists` (PostgreSQL's wording for portals too); the unnamed one is replaced.
  void add(std::shared_ptr<Portal> portal);
  // Removes the portal; false when there was none.
  bool close(const std::string& name);
  // CLOSE ALL.
  void close_all() { portals_.clear(); }
  // The end of a transaction (COMMIT, ROLLBACK, or the implicit one of a statement or a Sync
  // outside a block): every portal goes but WITH HOLD cursors; a rollback also drops those
  // declared in the failed block. A portal still in use by its caller (shared_ptr) stays valid.
  void end_transaction(bool committed);
  size_t size() const { return portals_.size(); }

 private:
  std::map<std::string, std::shared_ptr<Portal>> portals_;
};

}  // namespace eddy
