#include "server/extended_query.h"

#include "common/error.h"
#include "common/value_text.h"
#include "server/database.h"
#include "grammar/parser.h"
#include "planner/select_planner.h"
#include "protocol/backend_messages.h"
#include "protocol/binary_format.h"
#include "protocol/data_row.h"
#include "protocol/error_response.h"

namespace eddy {

namespace {

// Keeps a statement's results for paging by Execute.
class CollectingWriter final : public ResultWriter {
 public:
  explicit CollectingWriter(std::string& messages) : messages_(messages) {}
  void describe(const std::vector<OutputColumn>& columns) override {
    columns_ = columns;
    returns_rows_ = true;
  }
  void rows(const Batch& batch) override { batches_.push_back(batch); }
  void complete(const std::string& tag) override { tag_ = tag; }
  void notice(const std::string& message) override {
    protocol::notice_response(messages_, SqlError(sqlstate::kSuccessfulCompletion, message));
  }
  void parameter_status(const std::string& name, const std::string& value) override {
    protocol::parameter_status(messages_, name, value);
  }

  std::vector<OutputColumn> columns_;
  bool returns_rows_ = false;
  std::vector<Batch> batches_;
  std::string tag_;

 private:
  std::string& messages_;
};

bool returns_rows_without_effects(const ast::Statement& s) {
  return std::holds_alternative<ast::Show>(s.body) || std::holds_alternative<ast::Describe>(s.body) ||
         std::holds_alternative<ast::Explain>(s.body);
}

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

void ExtendedQuery::parse(const protocol::Parse& m, std::string& out) {
  auto prepared = std::make_shared<Prepared>();
  prepared->sql = m.query;
  prepared->statements = std::make_shared<std::vector<ast::Statement>>(parse_sql(m.query));
  if (prepared->statements->size() > 1)
    throw SqlError(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
  int count = std::max<int>(count_parameters(m.query), static_cast<int>(m.param_types.size()));
  prepared->param_types.assign(count, 25);
  for (size_t i = 0; i < m.param_types.size(); ++i)
    if (m.param_types[i] != 0) prepared->param_types[i] = m.param_types[i];
  if (!m.name.empty() && statements_.count(m.name))
    throw SqlError(sqlstate::kDuplicateObject /* 42P05 in PostgreSQL */, "prepared statement \"" + m.name + "\" already exists");
  statements_[m.name] = std::move(prepared);
  protocol::parse_complete(out);
}

void ExtendedQuery::bind(const protocol::Bind& m, std::string& out) {
  auto it = statements_.find(m.statement);
  if (it == statements_.end())
    throw SqlError("26000", m.statement.empty() ? "unnamed prepared statement does not exist"
                                                 : "prepared statement \"" + m.statement + "\" does not exist");
  const Prepared& prepared = *it->second;
  if (m.params.size() != prepared.param_types.size())
    throw SqlError(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(m.params.size()) +
                                                     " parameters, but prepared statement \"" + m.statement +
                                                     "\" requires " + std::to_string(prepared.param_types.size()));
  Portal portal;
  portal.statement = it->second;
  portal.result_formats = m.result_formats;
  for (size_t i = 0; i < m.params.size(); ++i) {
    planner::ParameterValue p;
    if (!m.params[i]) {
      p.is_null = true;
    } else if (m.param_format(i) == 1) {
      auto type = type_from_oid(prepared.param_types[i]);
      if (!type)
        throw SqlError("42P18", "could not determine data type of parameter $" + std::to_string(i + 1));
      p.typed = true;
      p.value = protocol::decode_binary(*m.params[i], *type);
    } else if (prepared.param_types[i] != 25 && type_from_oid(prepared.param_types[i])) {
      p.typed = true;
      p.value = parse_value(*m.params[i], *type_from_oid(prepared.param_types[i]));
    } else {
      p.text = *m.params[i];
    }
    portal.params.push_back(std::move(p));
  }
  portals_[m.portal] = std::move(portal);
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
    auto f = protocol::FieldDescription::of(columns[i].name, columns[i].type,
                                            protocol::Bind::format_at(formats, i));
    f.table_oid = columns[i].table_oid;
    f.column_number = columns[i].column_number;
    fields.push_back(std::move(f));
  }
  protocol::row_description(out, fields);
}

ExtendedQuery::Result ExtendedQuery::run(Portal& portal) {
  Result result;
  const auto& statements = *portal.statement->statements;
  if (statements.empty()) return result;
  planner::ParameterScope scope(&portal.params);
  CollectingWriter writer(result.messages);
  std::unique_ptr<CopyInTarget> copy = executor_.execute(statements[0], session_, writer);
  if (copy) {
    copy->abandon();
    throw SqlError(sqlstate::kFeatureNotSupported, "COPY FROM STDIN through the extended query protocol is not supported yet");
  }
  result.columns = std::move(writer.columns_);
  result.returns_rows = writer.returns_rows_;
  result.batches = std::move(writer.batches_);
  result.tag = std::move(writer.tag_);
  return result;
}

void ExtendedQuery::describe(const protocol::Describe& m, std::string& out) {
  if (m.kind == 'S') {
    auto it = statements_.find(m.name);
    if (it == statements_.end())
      throw SqlError("26000", m.name.empty() ? "unnamed prepared statement does not exist"
                                              : "prepared statement \"" + m.name + "\" does not exist");
    const Prepared& prepared = *it->second;
    protocol::parameter_description(out, prepared.param_types);
    const auto& statements = *prepared.statements;
    if (statements.empty()) {
      protocol::no_data(out);
      return;
    }
    if (const auto* select = std::get_if<ast::SelectStmt>(&statements[0].body)) {
      // Plan with every parameter NULL: enough to know the result's columns.
      std::vector<planner::ParameterValue> nulls(prepared.param_types.size());
      for (auto& p : nulls) p.is_null = true;
      planner::ParameterScope scope(&nulls);
      auto planned = planner::plan_select(*select, executor_.database().catalog(), false);
      std::vector<OutputColumn> columns;
      for (size_t i = 0; i < planned.plan.visible_outputs; ++i)
        columns.push_back({planned.plan.output_names[i], planned.plan.outputs[i]->type});
      send_row_description(columns, {}, out);
      return;
    }
    if (returns_rows_without_effects(statements[0])) {
      Portal probe;
      probe.statement = it->second;
      Result r = run(probe);
      send_row_description(r.columns, {}, out);
      return;
    }
    protocol::no_data(out);
    return;
  }
  auto it = portals_.find(m.name);
  if (it == portals_.end())
    throw SqlError(sqlstate::kInvalidCursorName, m.name.empty() ? "portal \"\" does not exist"
                                                                 : "portal \"" + m.name + "\" does not exist");
  Portal& portal = it->second;
  const auto& statements = *portal.statement->statements;
  bool rows = !statements.empty() && (std::holds_alternative<ast::SelectStmt>(statements[0].body) ||
                                      returns_rows_without_effects(statements[0]));
  if (!rows) {
    protocol::no_data(out);
    return;
  }
  if (!portal.result) portal.result = run(portal);
  out += portal.result->messages;
  portal.result->messages.clear();
  send_row_description(portal.result->columns, portal.result_formats, out);
}

void ExtendedQuery::execute(const protocol::Execute& m, std::string& out) {
  auto it = portals_.find(m.portal);
  if (it == portals_.end())
    throw SqlError(sqlstate::kInvalidCursorName, "portal \"" + m.portal + "\" does not exist");
  Portal& portal = it->second;
  if (portal.statement->statements->empty()) {
    protocol::empty_query_response(out);
    return;
  }
  if (!portal.result) portal.result = run(portal);
  Result& r = *portal.result;
  out += r.messages;
  r.messages.clear();
  size_t sent = 0;
  const size_t limit = m.max_rows > 0 ? static_cast<size_t>(m.max_rows) : SIZE_MAX;
  while (portal.batch < r.batches.size() && sent < limit) {
    const Batch& b = r.batches[portal.batch];
    for (; portal.row < b.rows() && sent < limit; ++portal.row, ++sent)
      protocol::data_row(out, b.columns, portal.row, portal.result_formats);
    if (portal.row >= b.rows()) {
      ++portal.batch;
      portal.row = 0;
    }
  }
  if (portal.batch < r.batches.size()) {
    protocol::portal_suspended(out);
    return;
  }
  // As in PostgreSQL, a SELECT's tag counts the rows this Execute sent.
  if (r.returns_rows && r.tag.rfind("SELECT ", 0) == 0)
    protocol::command_complete(out, "SELECT " + std::to_string(sent));
  else
    protocol::command_complete(out, r.tag);
}

void ExtendedQuery::close(const protocol::Close& m, std::string& out) {
  if (m.kind == 'S') statements_.erase(m.name);
  else portals_.erase(m.name);
  protocol::close_complete(out);
}

}  // namespace eddy
