// Continuous jobs: a SELECT over a stream kept running, writing into a materialized view, an
// Eddy-kept table or a Redis-backed table (CREATE MATERIALIZED VIEW, CREATE TABLE ... AS,
// INSERT INTO ... SELECT), started at CREATE time or again after a restart.

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/log.h"
#include "common/value_text.h"
#include "grammar/parser.h"
#include "engine/upstream_source.h"
#include "server/exec_internal.h"
#include "server/point_reads.h"

namespace eddy::exec {

namespace {

// Projects the SELECT's outputs to the target's full width, in its column order and types.
void project_to_target(engine::QueryPlan& plan, const catalog::Relation& target, const std::vector<int>& target_columns) {
  if (plan.visible_outputs != target_columns.size())
    throw SqlError(sqlstate::kSyntaxError, plan.visible_outputs > target_columns.size()
                                               ? "INSERT has more expressions than target columns"
                                               : "INSERT has more target columns than expressions");
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
}

// A row whose expressions fail goes to eddy_dead_letters and the query goes on.
engine::ContinuousQuery::BadRowHandler dead_letter_handler(Database& db, uint64_t id, const catalog::Relation& source) {
  std::vector<std::string> names;  // "" for built-in columns, which the payload leaves out
  for (const auto& c : source.columns) names.push_back(c.hidden ? "" : c.name);
  std::string source_name = source.name;
  return [&db, id, names, source_name](const Row& row, const SqlError& error) {
    nlohmann::json payload = nlohmann::json::object();
    for (size_t i = 0; i < row.size() && i < names.size(); ++i)
      if (!names[i].empty())
        payload[names[i]] = row[i].is_null ? nlohmann::json(nullptr) : nlohmann::json(format_value(row[i]));
    db.dead_letter(DeadLetterRow{id, source_name, "", "", payload.dump(), error.sqlstate() + ": " + error.message(),
                                 now_micros()});
  };
}

// With the view option late_rows = 'dead_letter', each late row goes to eddy_dead_letters too.
engine::ContinuousQuery::LateRowHandler late_row_handler(Database& db, uint64_t id, const catalog::Relation& source,
                                                          const catalog::Relation& target) {
  const std::string* mode = target.option("late_rows");
  if (!mode || *mode != "dead_letter") return nullptr;
  auto bad_row = dead_letter_handler(db, id, source);
  return [bad_row](const Row& row, int64_t watermark) {
    bad_row(row, SqlError("22000", "late row: its window closed at watermark " + format_timestamp(watermark)));
  };
}

std::shared_ptr<engine::ContinuousQuery> build(Database& db, uint64_t id, const catalog::Relation& target,
                                               const std::vector<int>& target_columns, planner::PlannedSelect planned,
                                               const std::string& position, const std::string& right_position = "") {
  project_to_target(planned.plan, target, target_columns);
  // A view over a view reads nothing itself: its upstream pushes changes (chain_to).
  std::unique_ptr<engine::Source> source =
      planned.source->kind == catalog::RelationKind::MaterializedView
          ? std::make_unique<engine::UpstreamSource>(planned.source->name)
          : db.open_source(*planned.source, id, position);
  std::unique_ptr<engine::Sink> sink;
  bool keep_in_store = true;
  if (target.connector == "redis") {
    sink = open_redis_sink(db, target);
    keep_in_store = false;
  }
  std::unique_ptr<engine::Source> right_source;
  if (planned.plan.interval_join) right_source = db.open_source(*planned.joined, id, right_position);
  const uint64_t right_stream = right_source ? planned.joined->id : 0;
  auto query = db.create_query(id, target.id, planned.source->id, std::move(source), std::move(planned.plan),
                               std::move(sink), keep_in_store, dead_letter_handler(db, id, *planned.source));
  if (right_source) {
    query->set_right_source(std::move(right_source));
    db.note_second_source(id, right_stream);
  }
  if (auto late = late_row_handler(db, id, *planned.source, target))
    query->set_late_row_handler(std::move(late), query->plan().interval_join
                                                     ? late_row_handler(db, id, *planned.joined, target)
                                                     : nullptr);
  return query;
}

const ast::SelectStmt* select_of(const ast::Statement& statement) {
  if (const auto* v = std::get_if<ast::CreateView>(&statement.body)) return v->query.get();
  if (const auto* t = std::get_if<ast::CreateTable>(&statement.body)) return t->as_select.get();
  if (const auto* i = std::get_if<ast::Insert>(&statement.body)) return i->select.get();
  return nullptr;
}

}  // namespace

uint64_t start_continuous(Database& db, const catalog::Relation& target, const std::vector<int>& target_columns,
                          planner::PlannedSelect planned, const std::string& statement) {
  uint64_t id = db.reserve_query_id();
  QueryRecord record{id, target.id, planned.source->id, statement, target_columns};
  const bool over_view = planned.source->kind == catalog::RelationKind::MaterializedView;
  const std::string upstream_name = planned.source->name;
  auto query = build(db, id, target, target_columns, std::move(planned), "");
  mark_query_keyed_rows(db, target, &query->plan());
  std::shared_ptr<engine::ContinuousQuery> upstream;
  if (over_view) {
    upstream = db.query_for(record.source);
    if (!upstream || upstream->status().state != "running")
      throw SqlError(sqlstate::kObjectNotInPrerequisiteState,
                     "the query maintaining materialized view \"" + upstream_name + "\" is not running");
    query->chain_to(upstream);
  }
  db.persist_query(record);
  db.launch_query(query);
  // Its first contents: the upstream's rows as they are, committed in the upstream's runner;
  // every later change of the upstream follows without gap or overlap.
  if (upstream) {
    bool attached = false;
    std::optional<SqlError> failure;
    try {
      attached = upstream->attach(query->chain_link(), true);
    } catch (const SqlError& e) {
      failure = e;
    }
    if (!attached || failure || query->status().state != "running") {
      std::string why = failure ? failure->message() : query->status().error;
      db.stop_query(id);
      db.forget_query(id);
      throw SqlError(failure ? failure->sqlstate() : std::string(sqlstate::kObjectNotInPrerequisiteState),
                     "could not start reading materialized view \"" + upstream_name + "\"" +
                         (why.empty() ? std::string() : ": " + why));
    }
  }
  return id;
}

std::shared_ptr<engine::ContinuousQuery> restore_continuous(Database& db, const QueryRecord& record,
                                                            const storage::Snapshot& snapshot) {
  auto target = db.catalog().find_by_id(record.target);
  if (!target) throw SqlError(sqlstate::kUndefinedTable, "the target of query " + std::to_string(record.id) + " is gone");
  auto statements = parse_sql(record.statement);
  const ast::SelectStmt* select = statements.size() == 1 ? select_of(statements[0]) : nullptr;
  if (!select) throw SqlError(sqlstate::kInternalError, "query " + std::to_string(record.id) + " has no SELECT");
  planner::PlannedSelect planned = planner::plan_select(*select, db.catalog(), true);
  if (!planned.source || planned.source->id != record.source)
    throw SqlError(sqlstate::kInternalError, "query " + std::to_string(record.id) + " no longer reads the same stream");
  std::optional<std::string> position;
  storage::Status st = snapshot.get_state(engine::ContinuousQuery::state_prefix(record.id) + "pos", position);
  if (!st.ok()) throw SqlError(st.sqlstate(), st.to_string());
  std::optional<std::string> right_position;
  st = snapshot.get_state(engine::ContinuousQuery::state_prefix(record.id) + "pos.r", right_position);
  if (!st.ok()) throw SqlError(st.sqlstate(), st.to_string());
  auto query = build(db, record.id, *target, record.target_columns, std::move(planned), position.value_or(""),
                     right_position.value_or(""));
  std::string error;
  if (!query->restore(snapshot, error)) throw SqlError("XX001", error);
  return query;
}

}  // namespace eddy::exec
