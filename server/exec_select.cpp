#include <numeric>

#include "common/error.h"
#include "common/interrupt.h"
#include "engine/catalog_lookup.h"
#include "planner/batch_planner.h"
#include "planner/planning_context.h"
#include "planner/select_planner.h"
#include "server/exec_internal.h"
#include "server/relation_provider.h"

namespace eddy::exec {

Batch read_relation(Database& db, const catalog::Relation& relation) {
  std::vector<Type> types;
  for (const auto& c : relation.columns) types.push_back(c.type);
  if (relation.kind == catalog::RelationKind::Stream) {
    if (!relation.connector.empty())
      throw SqlError(sqlstate::kFeatureNotSupported,
                     "reading stream \"" + relation.name + "\" (USING " + relation.connector +
                         ") directly is not supported")
          .with_hint("Create a materialized view over the stream and select from the view.");
    auto buffer = db.stream_buffer(relation.id);
    Batch all = Batch::with_types(types);
    if (!buffer) return all;
    uint64_t offset = 0;
    Batch chunk;
    while (buffer->read(offset, chunk, std::chrono::milliseconds(0))) {
      offset += chunk.rows();
      for (size_t c = 0; c < all.columns.size(); ++c)
        for (size_t r = 0; r < chunk.rows(); ++r) all.columns[c].append_from(chunk.columns[c], r);
      all.weights.insert(all.weights.end(), chunk.weights.begin(), chunk.weights.end());
    }
    return all;
  }
  if (relation.connector == "redis") return read_redis_table(db, relation);
  Batch out = Batch::with_types(types);
  db.catch_up(relation);
  storage::Store::Snapshot snapshot;
  storage::Status status = db.store().snapshot(snapshot);
  if (status.ok())
    status = snapshot.scan(relation.id, [&](std::string_view, const Row& row) {
      out.append_row(row);
      return true;
    });
  if (!status.ok()) throw SqlError(status.sqlstate(), "reading \"" + relation.name + "\": " + status.message());
  return out;
}

catalog::RelationPtr find_written_relation(Database& db, const std::string& written) {
  std::string_view name = written;
  for (std::string_view prefix : {"eddy.", "public."})
    if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return db.catalog().find(std::string(name));
}

std::unique_ptr<SelectPlan> plan_select_statement(Database& db, const ast::SelectStmt& select,
                                                  const SessionState& session) {
  auto plan = std::make_unique<SelectPlan>();
  plan->relations = std::make_unique<ServerRelationProvider>(db, session);
  engine::CatalogLookupScope catalog_scope(plan->relations->lookup());
  planner::PlanningScope planning(*plan->relations);
  plan->planned = planner::plan_relation(select);
  plan->point_reads = std::move(planner::current_planning_context()->planned_point_reads);
  return plan;
}

std::vector<OutputColumn> SelectPlan::columns() const {
  std::vector<OutputColumn> out;
  for (const auto& c : planned.columns)
    if (!c.hidden) out.push_back({c.name, c.type, c.table_oid, c.column_number});
  return out;
}

void run_select_plan(SelectPlan& plan, ResultWriter& out) {
  engine::CatalogLookupScope catalog_scope(plan.relations->lookup());
  const planner::PlannedRelation& planned = plan.planned;
  Batch result;
  if (plan.query) {
    check_interrupts();
    result = engine::execute_batch(*plan.query, plan.input());
  } else {
    result = engine::execute_relation(*planned.node);
  }
  std::vector<Column> visible;
  for (size_t i = 0; i < planned.columns.size() && i < result.columns.size(); ++i) {
    if (planned.columns[i].hidden) continue;
    // reg* values print as names (regclass 'clicks'), which needs the catalog now: the column
    // is sent as that text, its RowDescription type staying regclass.
    if (auto names = engine::reg_column_as_text(result.columns[i])) visible.push_back(std::move(*names));
    else visible.push_back(std::move(result.columns[i]));
  }
  result.columns = std::move(visible);
  out.describe(plan.columns());
  if (!result.empty()) out.rows(result);
  out.complete("SELECT " + std::to_string(result.rows()));
}

void run_select(Database& db, const ast::SelectStmt& select, const SessionState& session, ResultWriter& out) {
  run_select_plan(*plan_select_statement(db, select, session), out);
}

void run_select(Database& db, const ast::SelectStmt& select, ResultWriter& out) {
  const SessionState session;
  run_select(db, select, session, out);
}

std::vector<OutputColumn> describe_select(Database& db, const ast::SelectStmt& select) {
  const SessionState session;
  return plan_select_statement(db, select, session)->columns();
}

namespace {

// The point reads (planner/point_read.h) running `select` would make.
std::vector<std::string> point_reads_of(Database& db, const ast::SelectStmt& select) {
  const SessionState session;
  ServerRelationProvider relations(db, session);
  engine::CatalogLookupScope catalog_scope(relations.lookup());
  planner::PlanningScope planning(relations);
  planner::current_planning_context()->explain_point_reads = true;
  planner::plan_relation(select);
  return planner::current_planning_context()->point_reads;
}

}  // namespace

void run_explain(Database& db, const ast::Explain& explain, ResultWriter& out) {
  const ast::StatementBody& body = explain.target->body;
  std::vector<std::string> lines;
  if (const auto* select = std::get_if<ast::SelectStmt>(&body)) {
    lines = planner::plan_select(*select, db.catalog(), false).plan.explain(false);
    for (auto& point : point_reads_of(db, *select)) lines.push_back("  " + point);
  } else if (const auto* view = std::get_if<ast::CreateView>(&body)) {
    auto planned = planner::plan_select(*view->query, db.catalog(), true);
    lines = planned.plan.explain(true);
    if (planned.source) lines.push_back("  Source: " + planned.source->name);
  } else {
    throw SqlError(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported yet",
                   explain.target->position);
  }
  std::vector<std::vector<std::string>> rows;
  for (auto& l : lines) rows.push_back({l});
  write_text_rows(out, {"QUERY PLAN"}, rows, "EXPLAIN");
}

void write_text_rows(ResultWriter& out, const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::string>>& rows, const std::string& tag) {
  std::vector<OutputColumn> desc;
  std::vector<Type> types;
  for (const auto& c : columns) {
    desc.push_back({c, Type::text()});
    types.push_back(Type::text());
  }
  out.describe(desc);
  Batch b = Batch::with_types(types);
  for (const auto& r : rows) {
    for (size_t c = 0; c < columns.size(); ++c) b.columns[c].append_string(c < r.size() ? r[c] : "");
    b.weights.push_back(1);
  }
  if (!b.empty()) out.rows(b);
  out.complete(tag.empty() ? "SELECT " + std::to_string(rows.size()) : tag);
}

}  // namespace eddy::exec
