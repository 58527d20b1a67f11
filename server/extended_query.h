#pragma once
// The extended query protocol of one session: named and unnamed prepared statements, and
// Parse / Bind / Describe / Execute (with a row limit and PortalSuspended) / Close over the
// session's portals (server/portal.h, shared with SQL cursors). Pure message handling: every
// call appends its reply messages to `out`; the session owns the socket, Sync, and the
// skip-until-Sync rule after an error (every method may throw SqlError).
//
// PostgreSQL's rules kept here:
//   - Parse of a named statement that exists is 42P05; the unnamed one is replaced. More than
//     one statement in a Parse is 42601. Unspecified parameter types are inferred
//     (server/parameter_types.h) and reported by Describe in ParameterDescription.
//   - Bind of a named portal that exists is 42P03; unknown statements 26000, unknown portals
//     34000. Parameters in text or binary format (22P03 "incorrect binary data format in bind
//     parameter N" for extra bytes, 08P01 "insufficient data left in message" for too few).
//   - Result formats per column (none = text, one = all, or one each; another count is 08P01).
//   - Execute runs the portal's statement once, at its first Execute (or at a Describe of a
//     portal that returns rows); rows are then paged: a row limit reached sends PortalSuspended,
//     the end sends CommandComplete ("SELECT n" counts this Execute's rows). A portal without
//     rows that ran cannot run again (55000). An empty query answers EmptyQueryResponse.
//   - In an aborted transaction block, Parse / Bind / Execute of anything but COMMIT / ROLLBACK
//     is 25P02.
//   - Close of a name that does not exist is not an error.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/frontend_messages.h"
#include "server/executor.h"
#include "server/prepared_statement.h"

namespace eddy {

class ExtendedQuery {
 public:
  ExtendedQuery(Executor& executor, SessionState& session) : executor_(executor), session_(session) {}

  void parse(const protocol::Parse& message, std::string& out);
  void bind(const protocol::Bind& message, std::string& out);
  void describe(const protocol::Describe& message, std::string& out);
  // For COPY ... FROM STDIN, returns the target the session feeds (it sends CopyInResponse and,
  // at CopyDone, CommandComplete). For a SUBSCRIBE portal (or a SUBSCRIBE cursor), COPY
  // (SUBSCRIBE ...) and a FETCH from a SUBSCRIBE cursor that must wait, returns the statement
  // the session drives; it writes to `out` (the session's send buffer) whatever writer the
  // session polls it with: DataRows in the portal's formats, then PortalSuspended when the row
  // limit is reached. Otherwise nothing, and the reply is complete in `out`.
  Continuation execute(const protocol::Execute& message, std::string& out);
  void close(const protocol::Close& message, std::string& out);
  // A simple Query drops the unnamed statement and the unnamed portal, as in PostgreSQL.
  void forget_unnamed();

 private:
  std::shared_ptr<const PreparedStatement> find_statement(const std::string& name) const;
  std::shared_ptr<Portal> find_portal(const std::string& name) const;
  // The plan of a SELECT portal: an instance of its statement's generic plan when one applies
  // (server/generic_plan.h), else planned now, the statement's generic plan derived from that
  // the first time.
  std::unique_ptr<exec::SelectPlan> plan_select(Portal& portal, const ast::SelectStmt& select);
  // Runs the portal's statement into portal.result. For COPY FROM STDIN returns its target,
  // for a statement that waits what to drive.
  Continuation run(Portal& portal);
  // The columns `statement` returns (empty when none), without side effects: planned for
  // SELECT, run for SHOW / DESCRIBE / EXPLAIN, the cursor's for FETCH.
  std::vector<OutputColumn> columns_of(const PreparedStatement& statement,
                                       const std::vector<planner::ParameterValue>& params);
  void send_row_description(const std::vector<OutputColumn>& columns, const std::vector<int16_t>& formats,
                            std::string& out) const;

  Executor& executor_;
  SessionState& session_;
};

// Counts the $n parameters of a SQL text (the highest n), skipping quoted text and comments.
int count_parameters(std::string_view sql);

}  // namespace eddy
