#include "server/extended_query.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/log.h"
#include "common/value_text.h"
#include "engine/expr/special_forms.h"
#include "grammar/parser.h"
#include "protocol/backend_messages.h"
#include "protocol/binary_format.h"
#include "protocol/data_row.h"
#include "server/exec_internal.h"
#include "server/generic_plan.h"
#include "server/parameter_types.h"
#include "server/result_collector.h"
#include "server/wire_result_writer.h"

namespace eddy {

namespace {

constexpr uint32_t kTextOid = 25;

bool returns_rows(const ast::Statement& s) {
  if (const auto* f = std::get_if<ast::Fetch>(&s.body)) return !f->move;
  return std::holds_alternative<ast::SelectStmt>(s.body) || std::holds_alternative<ast::Subscribe>(s.body) || std::holds_alternative<ast::Show>(s.body) ||
         std::holds_alternative<ast::Describe>(s.body) || std::holds_alternative<ast::Explain>(s.body);
}

// SHOW, DESCRIBE and EXPLAIN are run to learn their columns: they change nothing.
bool run_to_describe(const ast::Statement& s) {
  return std::holds_alternative<ast::Show>(s.body) || std::holds_alternative<ast::Describe>(s.body) ||
         std::holds_alternative<ast::Explain>(s.body);
}

std::string statement_label(const std::string& name) {
  return name.empty() ? "unnamed prepared statement" : "prepared statement \"" + name + "\"";
}

// Decodes parameter `index` (0-based) in binary format, with PostgreSQL's errors for a value
// of the wrong length.
Value decode_binary_parameter(std::string_view bytes, Type type, size_t index) {
  const int16_t fixed = type.pg_length();
  if (fixed > 0 && bytes.size() < static_cast<size_t>(fixed))
    throw SqlError(sqlstate::kProtocolViolation, "insufficient data left in message");
  if (fixed > 0 && bytes.size() > static_cast<size_t>(fixed))
    throw SqlError(sqlstate::kInvalidBinaryRepresentation,
                   "incorrect binary data format in bind parameter " + std::to_string(index + 1));
  try {
    return protocol::decode_binary(bytes, type);
  } catch (const SqlError& e) {
    if (e.sqlstate() != std::string(sqlstate::kInvalidBinaryRepresentation)) throw;
    if (e.message().find("truncated") != std::string::npos)
      throw SqlError(sqlstate::kProtocolViolation, "insufficient data left in message");
    if (e.message().find("trailing") != std::string::npos)
      throw SqlError(sqlstate::kInvalidBinaryRepresentation,
                     "incorrect binary data format in bind parameter " + std::to_string(index + 1));
    throw;
  }
}

// One debug line per Bind: which formats the client asked for (the e2e tests check that
// drivers really use binary), e.g. `bind "" to "S_1": params int8/1 text/0, results 1`.
std::string describe_bind(const protocol::Bind& m, const PreparedStatement& prepared) {
  std::string line = "bind \"" + m.portal + "\" to \"" + m.statement + "\": params";
  for (size_t i = 0; i < m.params.size(); ++i) {
    auto t = type_from_oid(prepared.param_types[i]);
    line += std::string(" ") + (t ? t->pg_typname() : std::to_string(prepared.param_types[i]).c_str()) + "/" +
            std::to_string(m.param_format(i));
  }
  line += ", results";
  if (m.result_formats.empty()) line += " 0";
  for (int16_t f : m.result_formats) line += " " + std::to_string(f);
  return line;
}

// The parameters of a statement being described, before any Bind: NULLs of their types.
std::vector<planner::ParameterValue> null_parameters(const std::vector<uint32_t>& types) {
  std::vector<planner::ParameterValue> params(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    params[i].is_null = true;
    if (auto t = type_from_oid(types[i]); t && types[i] != kTextOid) {
      params[i].typed = true;
      params[i].value = Value::null(*t);
    }
  }
  return params;
}

// What Execute sends for a statement that waits (FETCH from a SUBSCRIBE cursor, COPY (SUBSCRIBE
// ...)): no RowDescription (Describe sends that), DataRows in the portal's formats.
class ExecuteWriter final : public ResultWriter {
 public:
  ExecuteWriter(std::string& out, const std::vector<int16_t>& formats) : out_(out), formats_(formats) {}
  void describe(const std::vector<OutputColumn>&) override {}
  void rows(const Batch& batch) override {
    for (size_t r = 0; r < batch.rows(); ++r) protocol::data_row(out_, batch.columns, r, formats_);
  }
  void complete(const std::string& tag) override { protocol::command_complete(out_, tag); }
  void set_binary(bool) override {}  // the portal's formats rule
  void notice(const std::string& message) override { WireResultWriter(out_).notice(message); }
  void warning(const SqlError& warning) override { WireResultWriter(out_).warning(warning); }
  void copy_out(size_t columns) override { WireResultWriter(out_).copy_out(columns); }
  void copy_data(std::string_view lines) override { protocol::copy_data(out_, lines); }
  void copy_done() override { protocol::copy_done(out_); }

 private:
  std::string& out_;
  const std::vector<int16_t>& formats_;
};

// A waiting statement run by Execute: polled through an ExecuteWriter.
class ExecutePending final : public PendingStatement {
 public:
  ExecutePending(std::unique_ptr<PendingStatement> inner, std::shared_ptr<Portal> portal, std::string& out)
      : inner_(std::move(inner)), portal_(std::move(portal)), out_(out) {
    deadline = inner_->deadline;
  }
  void set_waker(std::function<void()> wake) override { inner_->set_waker(std::move(wake)); }
  Progress poll(ResultWriter&) override {
    ExecuteWriter writer(out_, portal_->formats);
    return inner_->poll(writer);
  }

 private:
  std::unique_ptr<PendingStatement> inner_;
  std::shared_ptr<Portal> portal_;
  std::string& out_;
};

// Execute of a SUBSCRIBE portal (or of a SUBSCRIBE cursor by name): changes as they come, up to
// the row limit (then PortalSuspended; the next Execute goes on), or without one until the
// statement is cancelled.
class ExecuteSubscription final : public PendingStatement {
 public:
  ExecuteSubscription(std::shared_ptr<Portal> portal, int32_t max_rows, std::string& out)
      : portal_(std::move(portal)), limit_(max_rows > 0 ? static_cast<size_t>(max_rows) : 0), out_(out) {}
  void set_waker(std::function<void()> wake) override { portal_->subscription->set_waker(std::move(wake)); }
  Progress poll(ResultWriter&) override {
    LiveSubscription& live = *portal_->subscription;
    const size_t want = limit_ > 0 ? limit_ - sent_ : size_t{4096};
    Batch rows = live.take(want);
    for (size_t r = 0; r < rows.rows(); ++r) protocol::data_row(out_, rows.columns, r, portal_->formats);
    sent_ += rows.rows();
    if (limit_ > 0 && sent_ == limit_) {
      protocol::portal_suspended(out_);
      return Progress::Done;
    }
    if (live.finished()) {
      protocol::command_complete(out_, "SELECT " + std::to_string(sent_));
      return Progress::Done;
    }
    return live.ready() > 0 ? Progress::More : Progress::Wait;
  }

 private:
  std::shared_ptr<Portal> portal_;
  size_t limit_;  // 0: none
  size_t sent_ = 0;
  std::string& out_;
};

}  // namespace

int count_parameters(std::string_view sql) {
  int highest = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // quoted text or identifier ('' and "" escape themselves)
      for (++i; i < sql.size() && sql[i] != c; ++i) {}
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 1;
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9' &&
        (i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_'))) {
      int n = 0;
      size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9' && n < 100000) n = n * 10 + (sql[j++] - '0');
      highest = std::max(highest, n);
      i = j - 1;
    }
  }
  return highest;
}

std::shared_ptr<const PreparedStatement> ExtendedQuery::find_statement(const std::string& name) const {
  auto it = session_.prepared_statements.find(name);
  if (it == session_.prepared_statements.end())
    throw SqlError(sqlstate::kInvalidSqlStatementName, statement_label(name) + " does not exist");
  return it->second;
}

std::shared_ptr<Portal> ExtendedQuery::find_portal(const std::string& name) const {
  auto portal = session_.portals.find(name);
  if (!portal) throw SqlError(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
  return portal;
}

void ExtendedQuery::parse(const protocol::Parse& m, std::string& out) {
  auto statements = std::make_shared<std::vector<ast::Statement>>(parse_sql(m.query));
  if (statements->size() > 1)
    throw SqlError(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
  const ast::Statement* statement = statements->empty() ? nullptr : &(*statements)[0];
  exec::check_not_aborted(session_, statement);
  if (!m.name.empty() && session_.prepared_statements.count(m.name))
    throw SqlError(sqlstate::kDuplicatePreparedStatement, "prepared statement \"" + m.name + "\" already exists");
  auto prepared = std::make_shared<PreparedStatement>();
  prepared->sql = m.query;
  prepared->named = !m.name.empty();
  const size_t count = std::max<size_t>(count_parameters(m.query), m.param_types.size());
  if (statement) {
    prepared->param_types = infer_parameter_types(executor_.database(), *statement, m.param_types, count);
  } else {
    prepared->param_types.assign(count, kTextOid);
    for (size_t i = 0; i < m.param_types.size(); ++i)
      if (m.param_types[i] != 0) prepared->param_types[i] = m.param_types[i];
  }
  prepared->statements = std::move(statements);
  session_.prepared_statements[m.name] = std::move(prepared);
  protocol::parse_complete(out);
}

void ExtendedQuery::bind(const protocol::Bind& m, std::string& out) {
  std::shared_ptr<const PreparedStatement> prepared = find_statement(m.statement);
  const ast::Statement* statement = prepared->statement();
  if (session_.transaction_failed && (!statement || !exec::is_transaction_exit(*statement) || !m.params.empty()))
    exec::check_not_aborted(session_, nullptr);
  if (m.params.size() != prepared->param_types.size())
    throw SqlError(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(m.params.size()) +
                                                     " parameters, but prepared statement \"" + m.statement +
                                                     "\" requires " + std::to_string(prepared->param_types.size()));
  if (m.param_formats.size() > 1 && m.param_formats.size() != m.params.size())
    throw SqlError(sqlstate::kProtocolViolation, "bind message has " + std::to_string(m.param_formats.size()) +
                                                     " parameter formats but " + std::to_string(m.params.size()) +
                                                     " parameters");
  auto portal = std::make_shared<Portal>();
  portal->name = m.portal;
  portal->statement = prepared;
  portal->formats = m.result_formats;
  portal->created_in_transaction = session_.in_transaction;
  for (size_t i = 0; i < m.params.size(); ++i) {
    const uint32_t oid = prepared->param_types[i];
    const std::optional<Type> type = type_from_oid(oid);
    // Text (and types Eddy does not have) bind as untyped literals: they take the type their
    // context needs, as an unknown-typed parameter does in PostgreSQL.
    const bool typed = type && oid != kTextOid;
    planner::ParameterValue p;
    if (!m.params[i]) {
      p.is_null = true;
      if (typed) {
        p.typed = true;
        p.value = Value::null(*type);
      }
    } else if (m.param_format(i) == protocol::kBinaryFormat) {
      p.typed = true;
      p.value = decode_binary_parameter(*m.params[i], type ? *type : Type::text(), i);
    } else if (typed) {
      p.typed = true;
      p.value = parse_value(*m.params[i], *type);
    } else {
      p.text = *m.params[i];
    }
    portal->params.push_back(std::move(p));
  }
  if (log::enabled(log::Level::Debug)) log::debug(describe_bind(m, *prepared));
  session_.portals.add(std::move(portal));
  protocol::bind_complete(out);
}

void ExtendedQuery::send_row_description(const std::vector<OutputColumn>& columns, const std::vector<int16_t>& formats,
                                         std::string& out) const {
  if (formats.size() > 1 && formats.size() != columns.size())
    throw SqlError(sqlstate::kProtocolViolation, "bind message has " + std::to_string(formats.size()) +
                                                     " result formats but query has " + std::to_string(columns.size()) +
                                                     " columns");
  std::vector<protocol::FieldDescription> fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    auto f = protocol::FieldDescription::of(columns[i].name, columns[i].type, protocol::Bind::format_at(formats, i));
    f.table_oid = columns[i].table_oid;
    f.column_number = columns[i].column_number;
    fields.push_back(std::move(f));
  }
  protocol::row_description(out, fields);
}

Continuation ExtendedQuery::run(Portal& portal) {
  planner::ParameterScope scope(&portal.params);
  std::string raised;  // notices, ParameterStatus, COPY TO's output
  WireResultWriter messages(raised);
  ResultCollector collector(&messages);
  std::shared_ptr<exec::SelectPlan> plan = std::move(portal.select_plan);
  const ast::Statement& statement = *portal.statement->statement();
  const auto* select = std::get_if<ast::SelectStmt>(&statement.body);
  if (select && !plan) plan = plan_select(portal, *select);
  Continuation next = executor_.execute(statement, session_, collector, plan.get());
  portal.result = collector.take();
  portal.result->messages = std::move(raised);
  return next;
}

std::unique_ptr<exec::SelectPlan> ExtendedQuery::plan_select(Portal& portal, const ast::SelectStmt& select) {
  const PreparedStatement& prepared = *portal.statement;
  Database& db = executor_.database();
  if (prepared.generic_plan) {
    if (auto plan = prepared.generic_plan->instantiate(db, session_, portal.params)) return plan;
    prepared.generic_plan.reset();  // e.g. its relation was made again: derive a new one below
    prepared.generic_plan_tried = false;
  }
  planner::ParameterScope scope(&portal.params);
  engine::StatementTimeScope statement_time;  // one now() for the whole statement
  auto plan = exec::plan_select_statement(db, select, session_);
  if (prepared.named && !prepared.generic_plan_tried) {
    prepared.generic_plan_tried = true;
    prepared.generic_plan = exec::GenericPlan::derive(db, select, *plan, portal.params);
  }
  return plan;
}

std::vector<OutputColumn> ExtendedQuery::columns_of(const PreparedStatement& prepared,
                                                    const std::vector<planner::ParameterValue>& params) {
  const ast::Statement& statement = *prepared.statement();
  planner::ParameterScope scope(&params);
  if (const auto* select = std::get_if<ast::SelectStmt>(&statement.body))
    return exec::describe_select(executor_.database(), *select);
  if (const auto* f = std::get_if<ast::Fetch>(&statement.body)) return exec::cursor_columns(session_, f->cursor);
  if (const auto* s = std::get_if<ast::Subscribe>(&statement.body))
    return exec::describe_subscribe(executor_.database(), *s);
  if (run_to_describe(statement)) {
    ResultCollector collector;
    executor_.execute(statement, session_, collector);
    return collector.take().columns;
  }
  return {};
}

void ExtendedQuery::describe(const protocol::Describe& m, std::string& out) {
  if (m.kind == 'S') {
    std::shared_ptr<const PreparedStatement> prepared = find_statement(m.name);
    const ast::Statement* statement = prepared->statement();
    const bool rows = statement && returns_rows(*statement);
    if (rows) exec::check_not_aborted(session_, statement);
    std::vector<OutputColumn> columns;
    if (rows) columns = columns_of(*prepared, null_parameters(prepared->param_types));
    protocol::parameter_description(out, prepared->param_types);
    // A FETCH from a cursor that does not exist (yet) describes no rows, as in PostgreSQL.
    if (columns.empty() && (!rows || std::holds_alternative<ast::Fetch>(statement->body)))
      protocol::no_data(out);
    else
      send_row_description(columns, {}, out);  // formats are not known before Bind: text
    return;
  }
  std::shared_ptr<Portal> portal = find_portal(m.name);
  if (portal->subscription) return send_row_description(portal->subscription->columns(), portal->formats, out);
  if (portal->result) {
    if (!portal->result->returns_rows) return protocol::no_data(out);
    return send_row_description(portal->result->columns, portal->formats, out);
  }
  const ast::Statement* statement = portal->statement ? portal->statement->statement() : nullptr;
  if (!statement || !returns_rows(*statement)) return protocol::no_data(out);
  if (run_to_describe(*statement)) {
    run(*portal);
    return send_row_description(portal->result->columns, portal->formats, out);
  }
  if (const auto* select = std::get_if<ast::SelectStmt>(&statement->body)) {
    portal->select_plan = plan_select(*portal, *select);  // the Execute that follows runs it
    return send_row_description(portal->select_plan->columns(), portal->formats, out);
  }
  std::vector<OutputColumn> columns = columns_of(*portal->statement, portal->params);
  if (columns.empty() && std::holds_alternative<ast::Fetch>(statement->body)) return protocol::no_data(out);
  send_row_description(columns, portal->formats, out);
}

Continuation ExtendedQuery::execute(const protocol::Execute& m, std::string& out) {
  std::shared_ptr<Portal> portal = find_portal(m.portal);  // kept alive if COMMIT drops it
  const ast::Statement* statement = portal->statement ? portal->statement->statement() : nullptr;
  if (portal->statement && !statement) {
    protocol::empty_query_response(out);
    return {};
  }
  exec::check_not_aborted(session_, statement);
  if (!portal->result && !portal->subscription && statement) {
    if (const auto* s = std::get_if<ast::Subscribe>(&statement->body)) {
      if (portal->done) throw SqlError(sqlstate::kObjectNotInPrerequisiteState, "portal \"" + m.portal + "\" cannot be run");
      planner::ParameterScope scope(&portal->params);
      portal->subscription = exec::open_subscription(executor_.database(), *s);
    }
  }
  if (portal->subscription) {
    Continuation next;
    next.pending = std::make_unique<ExecuteSubscription>(portal, m.max_rows, out);
    return next;
  }
  if (!portal->result) {
    if (portal->done) throw SqlError(sqlstate::kObjectNotInPrerequisiteState, "portal \"" + m.portal + "\" cannot be run");
    Continuation next = run(*portal);
    if (next.copy_in) {
      out += portal->result->messages;
      portal->result.reset();
      portal->done = true;
      return next;
    }
    if (next.pending) {  // COPY (SUBSCRIBE ...), FETCH from a SUBSCRIBE cursor: streams from here
      out += portal->result->messages;
      portal->result.reset();
      portal->done = true;
      next.pending = std::make_unique<ExecutePending>(std::move(next.pending), portal, out);
      return next;
    }
  }
  ResultSet& r = *portal->result;
  out += r.messages;
  r.messages.clear();
  if (!r.returns_rows) {
    protocol::command_complete(out, r.tag);
    portal->result.reset();
    portal->done = true;
    return {};
  }
  if (portal->formats.size() > 1 && portal->formats.size() != r.columns.size())
    throw SqlError(sqlstate::kProtocolViolation, "bind message has " + std::to_string(portal->formats.size()) +
                                                     " result formats but query has " + std::to_string(r.columns.size()) +
                                                     " columns");
  const int64_t limit = m.max_rows > 0 ? m.max_rows : -1;
  RowRange range = portal->fetch(ast::FetchDirection::Forward, limit);
  for (size_t i = 0; i < range.count; ++i) protocol::data_row(out, r.rows.columns, range.at(i), portal->formats);
  if (limit > 0 && static_cast<int64_t>(range.count) == limit) {
    protocol::portal_suspended(out);  // as PostgreSQL: also when exactly the last row was sent
    return {};
  }
  // As in PostgreSQL, a SELECT's tag counts the rows this Execute sent; a cursor read by
  // Execute is a SELECT too.
  if (portal->cursor || r.tag.rfind("SELECT ", 0) == 0)
    protocol::command_complete(out, "SELECT " + std::to_string(range.count));
  else
    protocol::command_complete(out, r.tag);
  return {};
}

void ExtendedQuery::close(const protocol::Close& m, std::string& out) {
  if (m.kind == 'S') session_.prepared_statements.erase(m.name);
  else session_.portals.close(m.name);
  protocol::close_complete(out);
}

void ExtendedQuery::forget_unnamed() {
  session_.prepared_statements.erase("");
  session_.portals.close("");
}

}  // namespace eddy
