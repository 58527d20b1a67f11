// COPY (SELECT ...) TO STDOUT and COPY relation [(columns)] TO STDOUT, in text or CSV format.
// The rows are what the same SELECT returns (`COPY t (a, b) TO STDOUT` is `SELECT a, b FROM t`),
// so a stream fed by INSERT copies what SELECT would read, and a Redis stream refuses as SELECT
// does. Each row goes out as one CopyData message, as PostgreSQL sends them.

#include "common/error.h"
#include "protocol/copy_format.h"
#include "server/exec_internal.h"
#include "server/result_collector.h"

namespace eddy::exec {

namespace {

ast::ExprPtr column_ref(const std::string& name) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::ColumnRef;
  e->name = {name};
  return e;
}

// SELECT columns FROM relation, for COPY relation [(columns)] TO.
ast::SelectStmt select_of(Database& db, const ast::CopyStmt& stmt) {
  auto rel = find_written_relation(db, stmt.table);
  if (!rel) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + stmt.table + "\" does not exist");
  ast::SelectStmt select;
  if (stmt.columns.empty()) {
    for (int c : rel->visible_columns()) select.items.push_back({column_ref(rel->columns[c].name), ""});
  } else {
    for (const auto& n : stmt.columns) {
      int idx = rel->column_index(n);
      if (idx < 0 || rel->columns[idx].hidden)
        throw SqlError(sqlstate::kUndefinedColumn, "column \"" + n + "\" of relation \"" + rel->name + "\" does not exist");
      select.items.push_back({column_ref(n), ""});
    }
  }
  auto from = std::make_unique<ast::TableRef>();
  from->kind = ast::TableRef::Kind::Named;
  from->name = {rel->name};
  select.from.push_back(std::move(from));
  return select;
}

}  // namespace

SqlError server_side_copy(const ast::CopyStmt& stmt) {
  std::string message;
  if (stmt.program)
    message = "must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program";
  else if (stmt.from)
    message = "must be superuser or have privileges of the pg_read_server_files role to COPY from a file";
  else
    message = "must be superuser or have privileges of the pg_write_server_files role to COPY to a file";
  return SqlError(sqlstate::kInsufficientPrivilege, message)
      .with_hint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
}

void copy_to(Database& db, const ast::CopyStmt& stmt, ResultWriter& out) {
  CopyFormatOptions format = copy_format_options(stmt);
  ResultCollector collector(&out);
  if (stmt.query) {
    run_select(db, *stmt.query, collector);
  } else {
    run_select(db, select_of(db, stmt), collector);
  }
  const ResultSet result = collector.take();
  const protocol::CopyOptions& options = format.options;
  out.copy_out(result.columns.size());
  std::string line;
  if (format.header) {
    std::vector<std::optional<std::string_view>> names;
    for (const auto& c : result.columns) names.emplace_back(c.name);
    protocol::format_copy_record(line, names, options);
    out.copy_data(line);
  }
  for (size_t r = 0; r < result.size(); ++r) {
    line.clear();
    protocol::format_copy_record(line, result.rows.columns, r, options);
    out.copy_data(line);
  }
  out.copy_done();
  out.complete("COPY " + std::to_string(result.size()));
}

}  // namespace eddy::exec
