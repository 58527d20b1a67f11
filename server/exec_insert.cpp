// INSERT ... VALUES / SELECT, and the row writer COPY shares.

#include <set>

#include "common/error.h"
#include "common/value_text.h"
#include "planner/expression_binder.h"
#include "planner/select_planner.h"
#include "server/exec_internal.h"
#include "storage/key_encoding.h"

namespace eddy::exec {

namespace {

catalog::RelationPtr writable_relation(Database& db, const std::string& name) {
  auto rel = find_written_relation(db, name);
  if (!rel) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  if (rel->connector == "system")
    throw SqlError(sqlstate::kInsufficientPrivilege, "permission denied: \"" + name + "\" is a system table");
  if (rel->kind == catalog::RelationKind::MaterializedView)
    throw SqlError(sqlstate::kWrongObjectType, "cannot change materialized view \"" + name + "\"")
        .with_hint("A materialized view is written by its query only.");
  if (rel->kind == catalog::RelationKind::Stream && !rel->connector.empty())
    throw SqlError(sqlstate::kWrongObjectType,
                   "cannot insert into stream \"" + name + "\": it reads from " + rel->connector)
        .with_hint("Only a stream created without USING is fed by INSERT and COPY.");
  return rel;
}

// The relation column each INSERT/COPY position fills.
std::vector<int> target_columns(const catalog::Relation& rel, const std::vector<std::string>& names) {
  if (names.empty()) return rel.visible_columns();
  std::vector<int> out;
  std::set<std::string> seen;
  for (const auto& n : names) {
    int idx = rel.column_index(n);
    if (idx < 0 || rel.columns[idx].hidden)
      throw SqlError(sqlstate::kUndefinedColumn, "column \"" + n + "\" of relation \"" + rel.name + "\" does not exist");
    if (!seen.insert(n).second)
      throw SqlError(sqlstate::kDuplicateColumn, "column \"" + n + "\" specified more than once");
    out.push_back(idx);
  }
  return out;
}

// Builds a full-width batch from values for the target columns; other columns get NULL, the
// built-in _time gets the arrival time.
Batch full_width(const catalog::Relation& rel, const std::vector<int>& targets, Batch values) {
  Batch out;
  out.columns.reserve(rel.columns.size());
  const size_t rows = values.rows();
  const int64_t arrival = now_micros();
  for (size_t c = 0; c < rel.columns.size(); ++c) {
    int from = -1;
    for (size_t t = 0; t < targets.size(); ++t)
      if (targets[t] == static_cast<int>(c)) from = static_cast<int>(t);
    if (from >= 0) {
      out.columns.push_back(std::move(values.columns[from]));
      continue;
    }
    Column col(rel.columns[c].type);
    for (size_t r = 0; r < rows; ++r) {
      if (rel.columns[c].hidden && rel.columns[c].name == "_time") col.append_int(arrival);
      else col.append_null();
    }
    out.columns.push_back(std::move(col));
  }
  out.weights.assign(rows, 1);
  return out;
}

// The VALUES rows of an INSERT, each expression coerced to its target column (DEFAULT is NULL).
Batch evaluate_values(const catalog::Relation& rel, const std::vector<int>& targets, const ast::Insert& stmt) {
  Batch values;
  for (int t : targets) values.columns.emplace_back(rel.columns[t].type);
  planner::Scope no_columns;
  planner::ExpressionBinder binder(no_columns, "VALUES");
  for (const auto& row : stmt.values) {
    if (row.size() != targets.size()) {
      int pos = row.empty() ? 0 : row[0]->position;
      throw SqlError(sqlstate::kSyntaxError, row.size() > targets.size()
                                                 ? "INSERT has more expressions than target columns"
                                                 : "INSERT has more target columns than expressions", pos);
    }
    for (size_t i = 0; i < row.size(); ++i) {
      const ast::Expr& e = *row[i];
      if (e.kind == ast::ExprKind::Function && e.name.size() == 1 && e.name[0] == "default" && e.args.empty()) {
        values.columns[i].append_null();
        continue;
      }
      const catalog::ColumnSchema& col = rel.columns[targets[i]];
      auto bound = engine::coerce_to(binder.bind(e), col.type, col.name, e.position);
      values.columns[i].append(engine::evaluate_constant(*bound));
    }
    values.weights.push_back(1);
  }
  return values;
}

}  // namespace

Batch coerce_rows(const catalog::Relation& rel, const std::vector<int>& targets, const Batch& result) {
  Batch values;
  for (size_t i = 0; i < targets.size(); ++i) {
    auto ref = engine::make_column_ref(static_cast<int>(i), result.columns[i].type());
    auto coerced = engine::coerce_to(std::move(ref), rel.columns[targets[i]].type, rel.columns[targets[i]].name, 0);
    values.columns.push_back(engine::evaluate(*coerced, result));
  }
  values.weights.assign(result.rows(), 1);
  return full_width(rel, targets, std::move(values));
}

size_t write_rows(Database& db, const catalog::Relation& rel, Batch rows) {
  const size_t n = rows.rows();
  if (n == 0) return 0;
  if (rel.connector == "redis") {
    write_redis_rows(db, rel, rows);
    return n;
  }
  for (size_t c = 0; c < rel.columns.size(); ++c) {
    if (rel.columns[c].nullable || !rows.columns[c].has_nulls()) continue;
    for (size_t r = 0; r < n; ++r)
      if (rows.columns[c].is_null(r))
        throw SqlError(sqlstate::kNotNullViolation, "null value in column \"" + rel.columns[c].name +
                                                        "\" of relation \"" + rel.name + "\" violates not-null constraint");
  }
  if (rel.kind == catalog::RelationKind::Stream) {
    db.append_to_stream(rel, std::move(rows));
    return n;
  }
  std::vector<int> key = rel.primary_key_columns();
  std::vector<storage::RowChange> changes(n);
  uint64_t first = 0;
  if (key.empty()) {
    storage::Status st = db.store().next_sequence(rel.id, n, first);
    if (!st.ok()) throw SqlError(st.sqlstate(), "could not store the rows: " + st.message());
  }
  for (size_t r = 0; r < n; ++r) {
    changes[r].relation = rel.id;
    if (key.empty()) {
      storage::append_sequence(changes[r].key, first + r);
    } else {
      for (int k : key) storage::append_key(changes[r].key, rows.columns[k], r);
    }
    changes[r].row = rows.row(r);
  }
  int dup = -1;
  storage::Status st = db.store().insert_new(changes, dup);
  if (!st.ok()) throw SqlError(st.sqlstate(), "could not store the rows: " + st.message());
  if (dup >= 0) {
    std::string cols, vals;
    for (int k : key) {
      cols += (cols.empty() ? "" : ", ") + rel.columns[k].name;
      vals += (vals.empty() ? "" : ", ") + format_value(rows.columns[k].get(dup));
    }
    throw SqlError(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + rel.name + "_pkey\"")
        .with_detail("Key (" + cols + ")=(" + vals + ") already exists.");
  }
  return n;
}

void bind_insert(Database& db, const ast::Insert& stmt) {
  auto rel = writable_relation(db, stmt.table);
  std::vector<int> targets = target_columns(*rel, stmt.columns);
  if (stmt.select) {
    planner::plan_select(*stmt.select, db.catalog(), false);
    return;
  }
  evaluate_values(*rel, targets, stmt);
}

void insert(Database& db, const ast::Insert& stmt, const std::string& text, ResultWriter& out) {
  auto rel = writable_relation(db, stmt.table);
  std::vector<int> targets = target_columns(*rel, stmt.columns);
  if (stmt.select) {
    planner::PlannedSelect planned = planner::plan_select(*stmt.select, db.catalog(), false);
    if (planned.source && planned.source->kind == catalog::RelationKind::Stream) {
      if (rel->kind == catalog::RelationKind::Stream)
        throw SqlError(sqlstate::kFeatureNotSupported, "a continuous INSERT from a stream into a stream is not supported yet");
      planned = planner::plan_select(*stmt.select, db.catalog(), true);
      uint64_t id = start_continuous(db, *rel, targets, std::move(planned), text);
      out.notice("continuous query " + std::to_string(id) + " keeps inserting into \"" + rel->name +
                 "\"; DROP QUERY " + std::to_string(id) + " stops it");
      out.complete("INSERT 0 0");
      return;
    }
    if (planned.plan.visible_outputs != targets.size())
      throw SqlError(sqlstate::kSyntaxError, planned.plan.visible_outputs > targets.size()
                                                 ? "INSERT has more expressions than target columns"
                                                 : "INSERT has more target columns than expressions");
    Batch input;
    if (planned.source) input = read_relation(db, *planned.source);
    else input.weights.push_back(1);
    Batch result = engine::execute_batch(planned.plan, input);
    size_t n = write_rows(db, *rel, coerce_rows(*rel, targets, result));
    out.complete("INSERT 0 " + std::to_string(n));
    return;
  }
  size_t n = write_rows(db, *rel, full_width(*rel, targets, evaluate_values(*rel, targets, stmt)));
  out.complete("INSERT 0 " + std::to_string(n));
}

}  // namespace eddy::exec
