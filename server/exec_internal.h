#pragma once
// The statement implementations behind Executor::execute, one family per file.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/sink.h"
#include "grammar/ast.h"
#include "planner/batch_planner.h"
#include "planner/planning_context.h"
#include "planner/select_planner.h"
#include "protocol/copy_options.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/live_subscription.h"
#include "server/relation_provider.h"

namespace eddy::exec {

// An Eddy relation by the name a statement wrote, schema-qualified or not ("public.t",
// "eddy.public.t" and "t" are the same relation); nullptr when there is none.
catalog::RelationPtr find_written_relation(Database& db, const std::string& written);

// exec_select.cpp
// A SELECT planned for one run: the provider it was planned with (its catalog snapshot, which
// the run's catalog functions read too) and the plan. A protocol portal keeps the one its
// Describe made for its Execute.
struct SelectPlan {
  std::unique_ptr<ServerRelationProvider> relations;
  planner::PlannedRelation planned;  // its columns; its node, unless `query` runs instead
  std::vector<planner::PlannedPointRead> point_reads;  // made by the plan (planning_context.h)
  // A generic plan's execution (generic_plan.h): `query` over what `input` reads.
  std::unique_ptr<engine::QueryPlan> query;
  std::function<Batch()> input;
  std::vector<OutputColumn> columns() const;  // RowDescription's
};
// Plans `select` as `session` sees the catalog. Throws what planning throws (42P01, ...).
std::unique_ptr<SelectPlan> plan_select_statement(Database& db, const ast::SelectStmt& select,
                                                  const SessionState& session);
// Runs a plan once: describe, the rows, "SELECT n".
void run_select_plan(SelectPlan& plan, ResultWriter& out);
void run_select(Database& db, const ast::SelectStmt& select, const SessionState& session, ResultWriter& out);
// The same for callers without the session at hand (COPY TO): a default session's identity.
void run_select(Database& db, const ast::SelectStmt& select, ResultWriter& out);
// The columns run_select would describe, from planning alone (Describe of the extended protocol,
// parameter type inference). Throws what planning throws.
std::vector<OutputColumn> describe_select(Database& db, const ast::SelectStmt& select);
void run_explain(Database& db, const ast::Explain& explain, ResultWriter& out);
// The current contents of a relation as one batch in its column layout.
Batch read_relation(Database& db, const catalog::Relation& relation);

// exec_ddl.cpp
void create_stream(Database& db, const ast::CreateStream& stmt, ResultWriter& out);
void create_table(Database& db, const ast::CreateTable& stmt, const std::string& text, ResultWriter& out);
void create_view(Database& db, const ast::CreateView& stmt, const std::string& text, ResultWriter& out);
void drop(Database& db, const ast::Drop& stmt, ResultWriter& out);

// exec_insert.cpp
void insert(Database& db, const ast::Insert& stmt, const std::string& text, ResultWriter& out);
std::unique_ptr<CopyInTarget> copy_from(Database& db, const ast::CopyStmt& stmt);
// Binds an INSERT without writing anything: the relation, its target columns, and every VALUES
// expression coerced to its column (or the SELECT planned). For parameter type inference.
void bind_insert(Database& db, const ast::Insert& stmt);
// Appends rows (in the relation's visible-column order, already typed) to a stream or table.
// Returns the number of rows written. Throws on constraint violations; nothing is written then.
size_t write_rows(Database& db, const catalog::Relation& relation, Batch rows);
// A query result brought to a relation's full width: column i of `result` fills column
// targets[i] (coerced to its type), the others NULL, built-in _time the arrival time.
Batch coerce_rows(const catalog::Relation& relation, const std::vector<int>& targets, const Batch& result);

// exec_copy.cpp: the format options of a COPY statement, validated as PostgreSQL does.
struct CopyFormatOptions {
  protocol::CopyOptions options;
  bool header = false;
};
CopyFormatOptions copy_format_options(const ast::CopyStmt& stmt);
// exec_copy_to.cpp: COPY (SELECT ...) TO STDOUT and COPY relation [(columns)] TO STDOUT.
void copy_to(Database& db, const ast::CopyStmt& stmt, ResultWriter& out);
// COPY to or from a server-side file or program: the error PostgreSQL gives a role without
// pg_write_server_files / pg_read_server_files / pg_execute_server_program (42501). Eddy never
// touches the server's files for a client.
SqlError server_side_copy(const ast::CopyStmt& stmt);

// exec_transaction.cpp
void transaction(const ast::Transaction& stmt, SessionState& session, ResultWriter& out);
// COMMIT, END, ROLLBACK, ABORT: what an aborted transaction block still accepts.
bool is_transaction_exit(const ast::Statement& statement);
// Throws 25P02 when the session's transaction block is aborted and `statement` (null: a
// protocol message without one) is not a transaction exit.
void check_not_aborted(const SessionState& session, const ast::Statement* statement);

// exec_cursor.cpp: DECLARE, FETCH / MOVE, CLOSE over the session's portals.
void declare_cursor(Database& db, const ast::DeclareCursor& stmt, SessionState& session, ResultWriter& out);
// FETCH from a SUBSCRIBE cursor with nothing buffered returns what waits for the first change.
std::unique_ptr<PendingStatement> fetch(const ast::Fetch& stmt, SessionState& session, ResultWriter& out);
void close_cursor(const ast::CloseCursor& stmt, SessionState& session, ResultWriter& out);
// The columns FETCH from cursor `name` returns; empty when there is no such cursor.
std::vector<OutputColumn> cursor_columns(const SessionState& session, const std::string& name);

// exec_subscribe.cpp: SUBSCRIBE, COPY (SUBSCRIBE ...) TO STDOUT, SUBSCRIBE cursors.
// Plans the SUBSCRIBE and attaches to its view's query (with its snapshot when asked).
std::shared_ptr<LiveSubscription> open_subscription(Database& db, const ast::Subscribe& stmt);
// The columns a SUBSCRIBE returns, planned without subscribing (Describe).
std::vector<OutputColumn> describe_subscribe(Database& db, const ast::Subscribe& stmt);
// Describes the rows and returns the statement that streams them.
std::unique_ptr<PendingStatement> subscribe(Database& db, const ast::Subscribe& stmt, ResultWriter& out);
// CopyOutResponse (and the HEADER line), then the statement that streams the lines.
std::unique_ptr<PendingStatement> copy_subscribe(Database& db, const ast::CopyStmt& stmt, ResultWriter& out);
// FETCH / MOVE from `portal`, a SUBSCRIBE cursor: null when it completed on `out` at once.
std::unique_ptr<PendingStatement> fetch_subscription(std::shared_ptr<Portal> portal, const ast::Fetch& stmt,
                                                     ResultWriter& out);

// exec_continuous.cpp: starts the query that keeps `target` up to date from a SELECT over a
// stream; `target_columns` are the target's columns the SELECT's outputs fill, in order.
// `statement` is the creating statement's text, stored so the query restarts after a restart.
uint64_t start_continuous(Database& db, const catalog::Relation& target, const std::vector<int>& target_columns,
                          planner::PlannedSelect planned, const std::string& statement);
// Recovery: rebuilds a stored query, resumes its source at the committed position and loads its
// state. Not started. Throws SqlError when it cannot (its state then stays untouched).
std::shared_ptr<engine::ContinuousQuery> restore_continuous(Database& db, const QueryRecord& record,
                                                            const storage::Snapshot& snapshot);

// exec_redis.cpp: Redis-backed tables and streams.
std::unique_ptr<engine::Sink> open_redis_sink(Database& db, const catalog::Relation& table);
Batch read_redis_table(Database& db, const catalog::Relation& table);
void write_redis_rows(Database& db, const catalog::Relation& table, const Batch& rows);
// Validates a stream USING redis at CREATE time (options, reachability) and adds its built-ins.
void prepare_redis_stream(Database& db, catalog::Relation& stream);
// Validates a table USING redis at CREATE time and normalizes its options.
void prepare_redis_table(Database& db, catalog::Relation& table);

// exec_roles.cpp: CREATE / ALTER ROLE (and USER), DROP ROLE; `session` is whose privileges apply.
void create_or_alter_role(Database& db, const ast::CreateRole& stmt, const SessionState& session, ResultWriter& out);
void drop_roles(Database& db, const ast::Drop& stmt, const SessionState& session, ResultWriter& out);

// exec_show.cpp
void show(Database& db, const ast::Show& stmt, SessionState& session, ResultWriter& out);
void set(const ast::Set& stmt, SessionState& session, ResultWriter& out);
void describe(Database& db, const ast::Describe& stmt, ResultWriter& out);

// Emits a result of text columns (SHOW, DESCRIBE, EXPLAIN).
void write_text_rows(ResultWriter& out, const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::string>>& rows, const std::string& tag);

}  // namespace eddy::exec
