// Continuous jobs: a SELECT over a stream kept running, writing into a materialized view, an
// Eddy-kept table or a Redis-backed table (CREATE MATERIALIZED VIEW, CREATE TABLE ... AS,
// INSERT INTO ... SELECT).

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/value_text.h"
#include "server/exec_internal.h"

namespace eddy::exec {

uint64_t start_continuous(Database& db, const catalog::Relation& target, const std::vector<int>& target_columns,
                          planner::PlannedSelect planned) {
  if (planned.plan.visible_outputs != target_columns.size())
    throw SqlError(sqlstate::kSyntaxError, planned.plan.visible_outputs > target_columns.size()
                                               ? "INSERT has more expressions than target columns"
                                               : "INSERT has more target columns than expressions");
  // Project to the target's full width, in its column order, with its column types.
  engine::QueryPlan& plan = planned.plan;
  std::vector<engine::BoundExprPtr> outputs;
  std::vector<std::string> names;
  for (size_t c = 0; c < target.columns.size(); ++c) {
    const catalog::ColumnSchema& col = target.columns[c];
    if (col.hidden) continue;
    engine::BoundExprPtr e;
    for (size_t i = 0; i < target_columns.size(); ++i)
      if (target_columns[i] == static_cast<int>(c)) e = std::move(plan.outputs[i]);
    if (!e) e = engine::make_constant(Value::null(col.type));
    if (e->type != col.type) e = engine::coerce_to(std::move(e), col.type, col.name, 0);
    outputs.push_back(std::move(e));
    names.push_back(col.name);
  }
  plan.outputs = std::move(outputs);
  plan.output_names = std::move(names);
  plan.visible_outputs = plan.outputs.size();
  plan.order_by.clear();

  uint64_t id = db.reserve_query_id();
  auto source = db.open_source(*planned.source, id);
  std::unique_ptr<engine::Sink> sink;
  bool keep_in_store = true;
  if (target.connector == "redis") {
    sink = open_redis_sink(db, target);
    keep_in_store = false;
  }
  // A row whose expressions fail goes to eddy_dead_letters and the query goes on.
  std::vector<std::string> input_names;  // "" for built-in columns, which the payload leaves out
  for (const auto& c : planned.source->columns) input_names.push_back(c.hidden ? "" : c.name);
  std::string source_name = planned.source->name;
  auto bad_row = [&db, id, input_names, source_name](const Row& row, const SqlError& error) {
    nlohmann::json payload = nlohmann::json::object();
    for (size_t i = 0; i < row.size() && i < input_names.size(); ++i)
      if (!input_names[i].empty()) payload[input_names[i]] = row[i].is_null ? nlohmann::json(nullptr) : nlohmann::json(format_value(row[i]));
    db.dead_letter(DeadLetterRow{id, source_name, "", "", payload.dump(), error.sqlstate() + ": " + error.message(),
                                 now_micros()});
  };
  db.start_query(id, target.id, planned.source->id, std::move(source), std::move(plan), std::move(sink), keep_in_store, bad_row);
  return id;
}

}  // namespace eddy::exec
