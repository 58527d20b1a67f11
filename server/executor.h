#pragma once
// Statement dispatch: what a session calls for each statement of a query string. It knows no
// sockets; results go out through a ResultWriter the session implements over the protocol.
//
// Thread model: one Executor per server, shared by every session; execute() may be called from
// many session threads at once. Each session owns its SessionState.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"
#include "common/error.h"
#include "common/type.h"
#include "grammar/ast.h"
#include "server/output_column.h"
#include "server/portal.h"

namespace eddy {

class Database;  // server/database.h: the catalog, the store and the running queries
class StatementInterrupt;  // common/interrupt.h
struct PreparedStatement;  // server/prepared_statement.h
namespace exec {
struct SelectPlan;  // server/exec_internal.h
}

// Receives one statement's results, in this order: describe() once if the statement returns
// rows, rows() zero or more times, then complete() with the CommandComplete tag
// ("SELECT 3", "INSERT 0 2", "CREATE STREAM", ...). Notices may come at any time.
// COPY ... TO STDOUT calls copy_out() instead of describe(), copy_data() with whole lines,
// copy_done(), then complete("COPY n").
class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void describe(const std::vector<OutputColumn>& columns) = 0;
  virtual void rows(const Batch& batch) = 0;
  virtual void complete(const std::string& tag) = 0;
  virtual void notice(const std::string& message) { (void)message; }
  // A WARNING with its SQLSTATE (25P01 "there is no transaction in progress", ...).
  virtual void warning(const SqlError& warning) { notice(warning.message()); }
  // Rows of a FETCH from a BINARY cursor: describe() and rows() in format code 1.
  virtual void set_binary(bool binary) {
    if (binary) throw SqlError(sqlstate::kFeatureNotSupported, "binary cursors are not supported here");
  }
  virtual void copy_out(size_t columns) {
    (void)columns;
    throw SqlError(sqlstate::kFeatureNotSupported, "COPY TO STDOUT is not supported here");
  }
  virtual void copy_data(std::string_view lines) { (void)lines; }
  virtual void copy_done() {}
  // A ParameterStatus the client must learn of (after SET of a reported setting).
  virtual void parameter_status(const std::string& name, const std::string& value) {
    (void)name; (void)value;
  }
};

// COPY ... FROM STDIN: the executor hands the session one of these; the session sends
// CopyInResponse, feeds every CopyData payload, then calls finish() on CopyDone (which returns
// the tag, "COPY n") or abandon() on CopyFail. Errors in the data throw SqlError from feed() or
// finish(); nothing of a failed COPY is applied.
class CopyInTarget {
 public:
  virtual ~CopyInTarget() = default;
  virtual int column_count() const = 0;
  virtual void feed(std::string_view data) = 0;
  virtual std::string finish() = 0;
  virtual void abandon() = 0;
};

// A statement that waits for something outside it: SUBSCRIBE (changes as epochs commit), COPY
// (SUBSCRIBE ...) TO STDOUT, a FETCH from a SUBSCRIBE cursor with nothing buffered. Instead of
// completing, Executor::execute hands the session one of these (after writing what it could,
// RowDescription or CopyOutResponse), and the session drives it on its io thread without ever
// blocking it:
//
//   set_waker(w)   once, first; w() may then be called from any thread whenever poll() may have
//                  progress to make (it must only post a wake-up)
//   poll(out)      writes what is ready to `out`: Done once the statement completed (its
//                  CommandComplete written), More to be called again at once (after a flush),
//                  Wait to be called again after w() or at `deadline`. Throws SqlError to end
//                  the statement, protocol::ConnectionError to end the connection.
//
// Between polls the session checks cancel requests and `deadline` (statement_timeout) and ends
// the statement with 57014 when one fired. Destroying it (the statement ended) releases what it
// holds (a SUBSCRIBE detaches from its view).
class PendingStatement {
 public:
  enum class Progress { Done, More, Wait };
  virtual ~PendingStatement() = default;
  virtual void set_waker(std::function<void()> wake) = 0;
  virtual Progress poll(ResultWriter& out) = 0;
  std::optional<std::chrono::steady_clock::time_point> deadline;  // statement_timeout's
};

// What Executor::execute leaves to the session: nothing (the statement completed on its
// writer), a COPY FROM STDIN to feed, or a statement to drive (PendingStatement).
struct Continuation {
  std::unique_ptr<CopyInTarget> copy_in;
  std::unique_ptr<PendingStatement> pending;
  explicit operator bool() const { return copy_in || pending; }
};

// Per-connection settings (SET/SHOW) and identity.
struct SessionState {
  std::string user = "eddy";
  std::string database = "eddy";
  bool superuser = true;  // the user's SUPERUSER attribute at login: is_superuser
  std::map<std::string, std::string> settings;  // lower-case names
  int32_t backend_pid = 0;  // BackendKeyData's process id (pg_backend_pid); 0 until the session sets it
  bool in_transaction = false;
  // An error inside a transaction block sets this (the session does): statements but COMMIT /
  // ROLLBACK then fail with 25P02 until the block ends, and ReadyForQuery says 'E'.
  bool transaction_failed = false;
  // Protocol portals and SQL cursors (server/portal.h).
  PortalSet portals;
  // Prepared statements of the extended protocol by name ("" the unnamed one); SQL's
  // DEALLOCATE drops them too.
  std::map<std::string, std::shared_ptr<const PreparedStatement>> prepared_statements;
  // Cancel requests and statement_timeout (common/interrupt.h); shared with the server's cancel
  // registry. Null (unit tests): statements cannot be interrupted.
  std::shared_ptr<StatementInterrupt> interrupt;
};

// The session-visible settings PostgreSQL reports in ParameterStatus at startup and after SET.
const std::vector<std::pair<std::string, std::string>>& reported_default_settings();
// Every setting SHOW knows, reported ones included, with its default: PostgreSQL's spelling,
// each once, in SHOW ALL's order (pg_settings lists these).
const std::vector<std::pair<std::string, std::string>>& known_default_settings();

class Executor {
 public:
  explicit Executor(Database& db) : db_(db) {}
  Database& database() { return db_; }

  // Executes one parsed statement. Throws SqlError for user errors. When the statement is
  // COPY ... FROM STDIN it returns the target to feed instead of completing the writer; for
  // SUBSCRIBE, COPY (SUBSCRIBE ...) and FETCH from a SUBSCRIBE cursor it may return a
  // PendingStatement to drive (its deadline set from statement_timeout). A SELECT runs
  // `select_plan` when given (a portal's, planned by its Describe) instead of planning again.
  Continuation execute(const ast::Statement& statement, SessionState& session, ResultWriter& out,
                       exec::SelectPlan* select_plan = nullptr);

 private:
  Database& db_;
};

}  // namespace eddy
