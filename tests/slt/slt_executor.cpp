#include "tests/slt/slt_executor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <poll.h>
#include <thread>

#include <libpq-fe.h>

namespace eddy::slt {

namespace {

using Clock = std::chrono::steady_clock;
using Row = std::vector<std::string>;

// What one round trip produced.
struct Outcome {
  std::string problem;   // not an SQL error: connect, timeout, lost connection ("" if none)
  bool broken = false;   // the connection cannot be used again
  std::string sqlstate;  // the first SQL error, if any
  std::string message;
  bool has_rows = false;  // a result with rows (the last one wins)
  int columns = 0;
  std::vector<Row> rows;
  bool copied = false;    // COPY FROM STDIN data was sent
  bool copy_out = false;  // the rows are COPY TO STDOUT lines (read_copy_out)
};

std::string field(const PGresult* res, int code) {
  const char* v = PQresultErrorField(res, code);
  return v ? v : "";
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Waits until a result can be read without blocking. False when the deadline passed.
bool wait_ready(PGconn* c, Clock::time_point deadline) {
  while (PQisBusy(c)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{PQsocket(c), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (!PQconsumeInput(c)) return true;  // the error surfaces through PQgetResult
  }
  return true;
}

// The data of a COPY TO STDOUT as query rows: one row per line, its values the line split at
// TAB (so text format compares value by value; a CSV line is one value), "" as "(empty)".
// False (with o.problem set) when the deadline passed or the connection failed.
bool read_copy_out(PGconn* c, Clock::time_point deadline, Outcome& o) {
  std::string data;
  for (;;) {
    char* buf = nullptr;
    int n = PQgetCopyData(c, &buf, 1);
    if (n > 0) {
      data.append(buf, static_cast<size_t>(n));
      PQfreemem(buf);
      continue;
    }
    if (n == -1) break;  // done; PQgetResult has the COPY's result
    if (n == -2) {
      o.problem = trim(PQerrorMessage(c));
      o.broken = true;
      return false;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      o.problem = "timed out reading COPY TO STDOUT data";
      o.broken = true;
      return false;
    }
    pollfd p{PQsocket(c), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (!PQconsumeInput(c)) {
      o.problem = trim(PQerrorMessage(c));
      o.broken = true;
      return false;
    }
  }
  o.has_rows = true;
  o.copy_out = true;
  o.rows.clear();
  for (size_t at = 0; at < data.size();) {
    size_t nl = data.find('\n', at);
    std::string line = data.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
    at = nl == std::string::npos ? data.size() : nl + 1;
    Row row;
    for (size_t from = 0;;) {
      size_t tab = line.find('\t', from);
      std::string v = line.substr(from, tab == std::string::npos ? std::string::npos : tab - from);
      row.push_back(v.empty() ? "(empty)" : v);
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    o.rows.push_back(std::move(row));
  }
  o.columns = o.rows.empty() ? 0 : static_cast<int>(o.rows[0].size());
  return true;
}

// Sends `sql` and reads every result. When the server asks for COPY data, sends `copy_data`
// (or refuses when there is none). Never waits past `deadline` (+ a few seconds to cancel).
// With `params`, runs the statement prepared as `statement` (Bind, Describe, Execute) instead.
Outcome execute(PGconn* c, const std::string& sql, Clock::time_point deadline,
                const std::vector<std::string>* copy_data = nullptr,
                const std::vector<std::optional<std::string>>* params = nullptr, const std::string& statement = "") {
  Outcome o;
  std::vector<const char*> values;
  if (params)
    for (const auto& p : *params) values.push_back(p ? p->c_str() : nullptr);
  const int sent = params ? PQsendQueryPrepared(c, statement.c_str(), static_cast<int>(values.size()), values.data(),
                                                nullptr, nullptr, 0)
                          : PQsendQuery(c, sql.c_str());
  if (!sent) {
    o.problem = trim(PQerrorMessage(c));
    o.broken = PQstatus(c) == CONNECTION_BAD;
    return o;
  }
  for (;;) {
    if (!wait_ready(c, deadline)) {
      if (PGcancel* cancel = PQgetCancel(c)) {
        char err[256];
        PQcancel(cancel, err, sizeof err);
        PQfreeCancel(cancel);
      }
      o.problem = "timed out waiting for the server (request cancelled)";
      auto grace = Clock::now() + std::chrono::seconds(5);
      for (;;) {
        if (!wait_ready(c, grace)) {
          o.broken = true;  // still busy: give the connection up
          return o;
        }
        PGresult* res = PQgetResult(c);
        if (!res) return o;
        PQclear(res);
      }
    }
    PGresult* res = PQgetResult(c);
    if (!res) break;
    switch (PQresultStatus(res)) {
      case PGRES_TUPLES_OK: {
        o.has_rows = true;
        o.columns = PQnfields(res);
        o.rows.clear();
        for (int i = 0; i < PQntuples(res); ++i) {
          Row row;
          for (int j = 0; j < o.columns; ++j) {
            std::string v = PQgetisnull(res, i, j) ? "NULL" : PQgetvalue(res, i, j);
            row.push_back(v.empty() ? "(empty)" : v);
          }
          o.rows.push_back(std::move(row));
        }
        break;
      }
      case PGRES_COMMAND_OK:
      case PGRES_EMPTY_QUERY:
        break;
      case PGRES_COPY_IN:
        if (copy_data) {
          for (const auto& line : *copy_data) {
            std::string data = line + "\n";
            if (PQputCopyData(c, data.data(), static_cast<int>(data.size())) != 1) break;
          }
          PQputCopyEnd(c, nullptr);
          o.copied = true;
        } else {
          PQputCopyEnd(c, "eddy_slt: COPY FROM STDIN needs a copy record");
          o.problem = "COPY FROM STDIN in a statement or query record (use a copy record)";
        }
        break;
      case PGRES_COPY_OUT: {
        PQclear(res);
        if (!read_copy_out(c, deadline, o)) return o;
        continue;  // the COPY's own result follows
      }
      case PGRES_COPY_BOTH:
        PQclear(res);
        o.problem = "COPY ... WITH BOTH directions is not supported in slt records";
        o.broken = true;  // the stream may never end: give the connection up
        return o;
      default: {
        std::string state = field(res, PG_DIAG_SQLSTATE);
        std::string message = field(res, PG_DIAG_MESSAGE_PRIMARY);
        if (message.empty()) message = trim(PQresultErrorMessage(res));
        if (state.empty()) {
          if (o.problem.empty()) o.problem = message;
        } else if (o.sqlstate.empty()) {
          o.sqlstate = state;
          o.message = message;
        }
        break;
      }
    }
    PQclear(res);
  }
  if (PQstatus(c) == CONNECTION_BAD) {
    o.broken = true;
    if (o.problem.empty() && o.sqlstate.empty()) o.problem = trim(PQerrorMessage(c));
  }
  return o;
}

// Runs `sql` with `params` as a named statement of `c`, prepared on first use (`statements`:
// those prepared so far, SQL -> name): Bind, Describe, Execute.
Outcome execute_prepared(PGconn* c, std::map<std::string, std::string>& statements, const std::string& sql,
                         const std::vector<std::optional<std::string>>& params, Clock::time_point deadline) {
  auto it = statements.find(sql);
  if (it == statements.end()) {
    const std::string name = "slt_" + std::to_string(statements.size() + 1);
    PGresult* res = PQprepare(c, name.c_str(), sql.c_str(), 0, nullptr);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      Outcome o;
      o.sqlstate = field(res, PG_DIAG_SQLSTATE);
      o.message = field(res, PG_DIAG_MESSAGE_PRIMARY);
      if (o.sqlstate.empty()) o.problem = trim(PQerrorMessage(c));
      o.broken = PQstatus(c) == CONNECTION_BAD;
      PQclear(res);
      return o;
    }
    PQclear(res);
    it = statements.emplace(sql, name).first;
  }
  return execute(c, sql, deadline, nullptr, &params, it->second);
}

std::string join(const Row& row) {
  std::string s;
  for (size_t i = 0; i < row.size(); ++i) s += (i ? "\t" : "") + row[i];
  return s;
}

void sort_rows(std::vector<Row>& rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return join(a) < join(b); });
}

// R columns compare as numbers ("1.5" equals "1.50000"), everything else as text.
bool value_matches(const std::string& expected, const std::string& actual, char type) {
  if (expected == actual) return true;
  if (type != 'R' || expected == "NULL" || actual == "NULL") return false;
  char* end_e = nullptr;
  char* end_a = nullptr;
  double e = std::strtod(expected.c_str(), &end_e);
  double a = std::strtod(actual.c_str(), &end_a);
  if (*end_e != '\0' || *end_a != '\0' || end_e == expected.c_str() || end_a == actual.c_str()) {
    return false;
  }
  if (std::isnan(e) || std::isnan(a)) return std::isnan(e) && std::isnan(a);
  return std::fabs(e - a) <= 1e-9 * std::max({1.0, std::fabs(e), std::fabs(a)});
}

bool rows_match(const std::vector<Row>& expected, const std::vector<Row>& actual, const std::string& types) {
  if (expected.size() != actual.size()) return false;
  for (size_t i = 0; i < expected.size(); ++i) {
    for (size_t j = 0; j < types.size(); ++j) {
      if (!value_matches(expected[i][j], actual[i][j], types[j])) return false;
    }
  }
  return true;
}

std::string indent(const std::string& text) {
  std::string out = "    ";
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += "    ";
  }
  return out + "\n";
}

std::string show_rows(const char* label, const std::vector<Row>& rows) {
  std::string out = std::string("  ") + label + " (" + std::to_string(rows.size()) +
                    (rows.size() == 1 ? " row):\n" : " rows):\n");
  for (const auto& row : rows) out += indent(join(row));
  return out;
}

std::string describe_error(const Outcome& o) {
  if (!o.problem.empty()) return o.problem;
  return "ERROR " + o.sqlstate + ": " + o.message;
}

// Why `o` does not meet a statement's or copy's expectation ("" when it does): success when
// !want_error; otherwise an SQL error with `sqlstate` (any when empty) whose message contains
// `text`.
std::string expectation_problem(const Outcome& o, bool want_error, const std::string& sqlstate,
                                const std::string& text, const std::string& noun) {
  if (!o.problem.empty()) return o.problem;
  if (!want_error) return o.sqlstate.empty() ? "" : describe_error(o);
  if (o.sqlstate.empty()) {
    return "the " + noun + " succeeded, but an error" + (sqlstate.empty() ? "" : " " + sqlstate) +
           " was expected";
  }
  if (!sqlstate.empty() && o.sqlstate != sqlstate) {
    return "expected SQLSTATE " + sqlstate + ", got " + describe_error(o);
  }
  if (o.message.find(text) == std::string::npos) {
    return "expected a message containing \"" + text + "\", got " + describe_error(o);
  }
  return "";
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

}  // namespace

Executor::Executor(ExecutorOptions options) : options_(std::move(options)) {}

Executor::~Executor() {
  for (auto& [name, conn] : connections_) PQfinish(conn);
}

void Executor::run(const std::string& file, const std::vector<Record>& records) {
  file_ = file;
  vars_.clear();
  try {
    run_records(records);
  } catch (const Halt&) {
  } catch (const ServerGone&) {
    ++failed_;  // the server's death is a failure of its own; the file stops here
  }
}

void Executor::run_records(const std::vector<Record>& records) {
  for (const Record& r : records) {
    switch (r.kind) {
      case RecordKind::StatementOk:
      case RecordKind::StatementError:
        run_statement(r);
        break;
      case RecordKind::Query:
        run_query(r);
        break;
      case RecordKind::Copy:
        run_copy(r);
        break;
      case RecordKind::Sleep:
        std::this_thread::sleep_for(std::chrono::milliseconds(r.sleep_ms));
        break;
      case RecordKind::Loop:
        for (long i = r.loop_from; i < r.loop_to; ++i) {
          vars_.emplace_back(r.name, i);
          run_records(r.body);
          vars_.pop_back();
        }
        break;
      case RecordKind::Connection:
        current_ = r.name;
        break;
      case RecordKind::Halt:
        throw Halt{};
    }
    std::fflush(stdout);
  }
}

PGconn* Executor::connection() {
  auto it = connections_.find(current_);
  if (it != connections_.end()) return it->second;
  std::string conninfo = options_.conninfo + " connect_timeout=10";
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    connect_error_ = "cannot connect (" + current_ + "): " + trim(PQerrorMessage(c));
    PQfinish(c);
    return nullptr;
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  connections_[current_] = c;
  return c;
}

void Executor::drop_connection() {
  auto it = connections_.find(current_);
  if (it == connections_.end()) return;
  PQfinish(it->second);
  connections_.erase(it);
  prepared_.erase(current_);
}


void Executor::check_server() {
  if (!options_.server_gone) return;
  std::string why = options_.server_gone();
  if (why.empty()) return;
  std::printf("%s: FAILED the server is gone (%s); the file stops here\n", file_.c_str(), why.c_str());
  throw ServerGone{};
}

std::string Executor::where(const Record& r) const {
  std::string s = file_ + ":" + std::to_string(r.line);
  for (size_t i = 0; i < vars_.size(); ++i) {
    s += (i ? ", " : " [") + vars_[i].first + "=" + std::to_string(vars_[i].second);
  }
  return vars_.empty() ? s : s + "]";
}

void Executor::pass(const Record& r, const std::string& what) {
  ++passed_;
  if (options_.verbose) std::printf("%s: ok %s\n", where(r).c_str(), what.c_str());
}

void Executor::fail(const Record& r, const std::string& what, const std::string& details) {
  ++failed_;
  std::printf("%s: FAILED %s\n%s\n", where(r).c_str(), what.c_str(), details.c_str());
}

void Executor::run_statement(const Record& r) {
  std::string sql = substitute(r.sql, vars_);
  bool want_error = r.kind == RecordKind::StatementError;
  const char* kind = want_error ? "statement error" : "statement ok";
  PGconn* c = connection();
  if (!c) {
    fail(r, kind, "  " + connect_error_ + "\n" + indent(sql));
    check_server();
    return;
  }
  Outcome o = execute(c, sql, Clock::now() + options_.timeout);
  if (o.broken) drop_connection();
  std::string problem =
      expectation_problem(o, want_error, r.sqlstate, substitute(r.message, vars_), "statement");
  if (problem.empty()) {
    pass(r, kind);
  } else {
    fail(r, kind + std::string(": ") + problem, indent(sql));
  }
  check_server();
}

void Executor::run_copy(const Record& r) {
  std::string sql = "COPY " + substitute(r.copy_target, vars_) + " FROM STDIN WITH (FORMAT " +
                    r.copy_format + ")";
  std::vector<std::string> data;
  for (const auto& line : r.copy_data) data.push_back(substitute(line, vars_));
  PGconn* c = connection();
  if (!c) {
    fail(r, "copy", "  " + connect_error_ + "\n" + indent(sql));
    check_server();
    return;
  }
  Outcome o = execute(c, sql, Clock::now() + options_.timeout, &data);
  if (o.broken) drop_connection();
  std::string what = "copy (" + std::to_string(data.size()) + " lines)";
  bool want_error = !r.sqlstate.empty();
  std::string problem = expectation_problem(o, want_error, r.sqlstate, "", "copy");
  if (problem.empty() && !want_error && !o.copied) problem = "the server did not ask for COPY data";
  if (problem.empty()) {
    pass(r, what);
  } else {
    fail(r, what + ": " + problem, indent(sql));
  }
  check_server();
}

void Executor::run_query(const Record& r) {
  std::string sql = substitute(r.sql, vars_);
  std::vector<std::optional<std::string>> params = r.params;
  for (auto& p : params)
    if (p) p = substitute(*p, vars_);
  const size_t columns = r.types.size();
  std::vector<Row> expected;
  for (const auto& raw : r.expected) {
    std::string line = substitute(raw, vars_);
    Row row;
    if (columns == 1) {
      row.push_back(line);
    } else {
      for (size_t at = 0;;) {
        size_t tab = line.find('\t', at);
        row.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
        if (tab == std::string::npos) break;
        at = tab + 1;
      }
    }
    if (row.size() != columns) {
      fail(r,
           "query: an expected row has " + std::to_string(row.size()) +
               " values but the record declares " + std::to_string(columns) + " columns (" +
               r.types + "); separate values with one TAB",
           indent(line));
      return;
    }
    expected.push_back(std::move(row));
  }
  if (r.sort == SortMode::Rows) sort_rows(expected);

  const auto start = Clock::now();
  const auto deadline = start + options_.timeout;
  int attempts = 0;
  std::string problem;
  std::vector<Row> actual;
  bool have_actual = false;
  for (;;) {
    ++attempts;
    if (PGconn* c = connection()) {
      Outcome o = r.has_params ? execute_prepared(c, prepared_[current_], sql, params, deadline)
                               : execute(c, sql, deadline);
      if (o.broken) drop_connection();
      if (!o.problem.empty() || !o.sqlstate.empty()) {
        problem = describe_error(o);
      } else if (!o.has_rows) {
        problem = "the statement returned no rows result";
      } else if (static_cast<size_t>(o.columns) != columns && !(o.copy_out && o.rows.empty())) {
        fail(r, "query: it returned " + std::to_string(o.columns) + " columns but the record declares " +
                    std::to_string(columns) + " (" + r.types + ")",
             indent(sql));
        return;
      } else {
        actual = std::move(o.rows);
        have_actual = true;
        if (r.sort == SortMode::Rows) sort_rows(actual);
        if (rows_match(expected, actual, r.types)) {
          pass(r, "query (" + format_seconds(seconds_since(start)) + ", " + std::to_string(attempts) +
                      (attempts == 1 ? " attempt)" : " attempts)"));
          return;
        }
        problem = "rows differ";
      }
    } else {
      problem = connect_error_;
    }
    check_server();
    if (Clock::now() + options_.poll >= deadline) break;
    std::this_thread::sleep_for(options_.poll);
  }
  std::string details = indent(sql) + show_rows("expected", expected);
  if (have_actual) {
    details += show_rows(problem == "rows differ" ? "actual" : "last rows seen", actual);
  }
  fail(r, "query: " + problem + " (still after " + format_seconds(seconds_since(start)) + ", " +
              std::to_string(attempts) + " attempts)",
       details);
}

}  // namespace eddy::slt
