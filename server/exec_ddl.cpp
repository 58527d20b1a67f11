// CREATE STREAM / TABLE / MATERIALIZED VIEW and DROP.

#include <algorithm>
#include <functional>
#include <set>

#include "common/error.h"
#include "connectors/generator/generator_factory.h"
#include "common/value_text.h"
#include "engine/query_plan.h"
#include "planner/expression_binder.h"
#include "planner/select_planner.h"
#include "server/exec_internal.h"

namespace eddy::exec {

namespace {

std::vector<catalog::ColumnSchema> bind_columns(const std::vector<ast::ColumnDef>& defs,
                                                const std::vector<std::string>& table_key) {
  std::vector<catalog::ColumnSchema> out;
  std::set<std::string> seen;
  for (const auto& d : defs) {
    if (!seen.insert(d.name).second)
      throw SqlError(sqlstate::kDuplicateColumn, "column \"" + d.name + "\" specified more than once", d.position);
    if (!d.name.empty() && d.name[0] == '_' && (d.name == "_time" || d.name == "_id" || d.name == "_key"))
      throw SqlError(sqlstate::kDuplicateColumn, "column name \"" + d.name + "\" is reserved for a built-in stream column", d.position);
    if (d.default_value)
      throw SqlError(sqlstate::kFeatureNotSupported, "column DEFAULT values are not supported yet", d.default_value->position);
    catalog::ColumnSchema c;
    c.name = d.name;
    c.type = planner::resolve_type(d.type);
    c.primary_key = d.primary_key;
    c.nullable = !(d.not_null || d.primary_key);
    out.push_back(c);
  }
  for (const auto& k : table_key) {
    bool found = false;
    for (auto& c : out)
      if (c.name == k) {
        c.primary_key = true;
        c.nullable = false;
        found = true;
      }
    if (!found)
      throw SqlError(sqlstate::kUndefinedColumn, "column \"" + k + "\" named in key does not exist");
  }
  return out;
}

// WATERMARK FOR ts AS ts [- INTERVAL 'bound']: the column must be a timestamp of the stream and
// the expression that column minus a constant, non-negative, fixed interval.
void bind_watermark(const ast::Watermark& w, catalog::Relation& r) {
  const ast::Expr& e = *w.expr;
  int col = -1;
  for (size_t i = 0; i < r.columns.size(); ++i)
    if (r.columns[i].name == w.column) col = static_cast<int>(i);
  if (col < 0)
    throw SqlError(sqlstate::kUndefinedColumn, "column \"" + w.column + "\" named in WATERMARK does not exist", e.position);
  const TypeId t = r.columns[col].type.id;
  if (t != TypeId::Timestamp && t != TypeId::TimestampTz)
    throw SqlError(sqlstate::kDatatypeMismatch, "WATERMARK column \"" + w.column + "\" must be of type timestamp, not " +
                                                    r.columns[col].type.sql_name(), e.position);
  auto is_column = [&](const ast::Expr& x) {
    return x.kind == ast::ExprKind::ColumnRef && x.name.size() == 1 && x.name[0] == w.column;
  };
  int64_t bound = 0;
  if (e.kind == ast::ExprKind::Binary && e.op == "-" && is_column(*e.args[0])) {
    planner::Scope none;
    planner::ExpressionBinder binder(none, "WATERMARK");
    Value v = engine::evaluate_constant(*engine::bind_cast(binder.bind(*e.args[1]), Type::interval(), e.args[1]->position));
    if (v.is_null || v.iv.months != 0)
      throw SqlError(sqlstate::kInvalidParameterValue, "the WATERMARK bound must be a fixed interval (no months or years)",
                     e.args[1]->position);
    bound = v.iv.days * kMicrosPerDay + v.iv.micros;
    if (bound < 0)
      throw SqlError(sqlstate::kInvalidParameterValue, "the WATERMARK bound must not be negative", e.args[1]->position);
  } else if (!is_column(e)) {
    throw SqlError(sqlstate::kFeatureNotSupported, "WATERMARK must be of the form " + w.column + " - INTERVAL '...'",
                   e.position)
        .with_hint("For example WATERMARK FOR " + w.column + " AS " + w.column + " - INTERVAL '10 seconds'.");
  }
  r.watermark_column = w.column;
  r.watermark_bound_micros = bound;
}

catalog::Options copy_options(const std::vector<ast::Option>& options) {
  catalog::Options out;
  std::set<std::string> seen;
  for (const auto& o : options) {
    if (!seen.insert(o.key).second)
      throw SqlError(sqlstate::kSyntaxError, "option \"" + o.key + "\" specified more than once", o.position);
    out.emplace_back(o.key, o.value);
  }
  return out;
}

bool exists_skip(Database& db, const std::string& name, bool if_not_exists, ResultWriter& out, const std::string& tag) {
  if (!db.catalog().find(name)) return false;
  if (!if_not_exists) throw SqlError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  out.notice("relation \"" + name + "\" already exists, skipping");
  out.complete(tag);
  return true;
}

// DROP QUERY id [, id]: stops continuous INSERT jobs. A view's query goes with its view.
void drop_queries(Database& db, const ast::Drop& stmt, ResultWriter& out) {
  for (const auto& name : stmt.names) {
    uint64_t id = 0;
    try {
      id = std::stoull(name);
    } catch (const std::exception&) {
      throw SqlError(sqlstate::kInvalidParameterValue, "query id must be a number, not \"" + name + "\"");
    }
    std::shared_ptr<engine::ContinuousQuery> query;
    for (const auto& q : db.queries())
      if (q->id() == id) query = q;
    if (!query) {
      if (!stmt.if_exists) throw SqlError(sqlstate::kUndefinedObject, "query " + name + " does not exist");
      out.notice("query " + name + " does not exist, skipping");
      continue;
    }
    auto target = db.catalog().find_by_id(query->target_relation());
    if (target && target->kind == catalog::RelationKind::MaterializedView)
      throw SqlError(sqlstate::kDependentObjectsStillExist,
                     "query " + name + " maintains materialized view \"" + target->name + "\"")
          .with_hint("Use DROP MATERIALIZED VIEW " + target->name + ".");
    db.stop_query(id);    // first stop it, so no epoch writes its state after...
    db.forget_query(id);  // ...its record and state are erased
  }
  out.complete("DROP QUERY");
}

}  // namespace

void create_stream(Database& db, const ast::CreateStream& stmt, ResultWriter& out) {
  if (exists_skip(db, stmt.name, stmt.if_not_exists, out, "CREATE STREAM")) return;
  catalog::Relation r;
  r.name = stmt.name;
  r.kind = catalog::RelationKind::Stream;
  r.columns = bind_columns(stmt.columns, {});
  if (stmt.watermark) bind_watermark(*stmt.watermark, r);
  for (const auto& c : r.columns)
    if (c.primary_key) throw SqlError(sqlstate::kInvalidTableDefinition, "a stream has no primary key");
  r.options = copy_options(stmt.options);
  const std::string& using_ = stmt.using_;
  if (using_.empty()) {
    if (!r.options.empty())
      throw SqlError(sqlstate::kSyntaxError, "OPTIONS need a USING connector")
          .with_hint("A stream without USING is fed by INSERT and COPY.");
  } else if (using_ == "generator") {
    r.connector = "generator";
    connectors::prepare_generator_stream(r);
  } else if (using_ == "redis" || using_ == "org.apache.spark.sql.redis") {
    if (r.columns.empty())
      throw SqlError(sqlstate::kInvalidTableDefinition, "stream \"" + r.name + "\" needs at least one column")
          .with_hint("List the entry fields to read, e.g. (asset TEXT, cost BIGINT).");
    r.columns.push_back({"_time", Type::timestamp(), false, false, true});
    prepare_redis_stream(db, r);
  } else if (using_ == "socket" || using_ == "file") {
    throw SqlError(sqlstate::kFeatureNotSupported, "streams USING " + using_ + " are not supported yet");
  } else {
    throw SqlError(sqlstate::kUndefinedObject, "connector \"" + using_ + "\" does not exist")
        .with_hint("Streams read from redis, generator, socket or file, or from INSERT when USING is left out.");
  }
  if (r.columns.empty())
    throw SqlError(sqlstate::kInvalidTableDefinition, "stream \"" + r.name + "\" needs at least one column");
  if (r.column_index("_time") < 0) r.columns.push_back({"_time", Type::timestamp(), false, false, true});
  auto rel = db.catalog().add(std::move(r));
  try {
    db.persist_relation(*rel);
  } catch (...) {
    db.catalog().remove(rel->name);
    throw;
  }
  if (rel->connector.empty()) {
    std::vector<Type> types;
    for (const auto& c : rel->columns) types.push_back(c.type);
    db.add_stream_buffer(rel->id, std::make_shared<engine::StreamBuffer>(types));
  }
  out.complete("CREATE STREAM");
}

void create_table(Database& db, const ast::CreateTable& stmt, const std::string& text, ResultWriter& out) {
  const std::string tag = "CREATE TABLE";
  if (exists_skip(db, stmt.name, stmt.if_not_exists, out, tag)) return;
  std::string using_ = stmt.using_;
  if (using_ == "org.apache.spark.sql.redis") using_ = "redis";
  if (!using_.empty() && using_ != "eddy" && using_ != "redis")
    throw SqlError(sqlstate::kFeatureNotSupported, "tables USING " + stmt.using_ + " are not supported yet");
  catalog::Relation r;
  r.name = stmt.name;
  r.kind = catalog::RelationKind::Table;
  r.connector = using_ == "redis" ? "redis" : "eddy";
  r.options = copy_options(stmt.options);
  if (r.connector == "eddy" && !r.options.empty())
    throw SqlError(sqlstate::kSyntaxError, "OPTIONS need a USING connector", stmt.options[0].position);
  r.columns = bind_columns(stmt.columns, stmt.primary_key);

  std::optional<planner::PlannedSelect> planned;
  if (stmt.as_select) {
    planned = planner::plan_select(*stmt.as_select, db.catalog(), false);
    bool continuous = planned->source && planned->source->kind == catalog::RelationKind::Stream;
    if (continuous) planned = planner::plan_select(*stmt.as_select, db.catalog(), true);
    if (r.columns.empty()) {
      for (size_t i = 0; i < planned->plan.visible_outputs; ++i) {
        catalog::ColumnSchema c;
        c.name = planned->plan.output_names[i];
        c.type = planned->plan.outputs[i]->type;
        if (c.type.id == TypeId::Null) c.type = Type::text();
        for (const auto& prev : r.columns)
          if (prev.name == c.name)
            throw SqlError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once")
                .with_hint("Give the query's columns distinct names with AS.");
        r.columns.push_back(c);
      }
    }
    if (continuous) r.depends_on.push_back(planned->source->id);
  }
  if (r.columns.empty())
    throw SqlError(sqlstate::kInvalidTableDefinition, "table \"" + r.name + "\" needs at least one column");
  if (r.connector == "redis") prepare_redis_table(db, r);
  auto rel = db.catalog().add(std::move(r));
  try {
    db.persist_relation(*rel);
  } catch (...) {
    db.catalog().remove(rel->name);
    throw;
  }
  if (!planned) {
    out.complete(tag);
    return;
  }
  std::vector<int> all = rel->visible_columns();
  try {
    if (!rel->depends_on.empty()) {
      uint64_t id = start_continuous(db, *rel, all, std::move(*planned), text);
      out.notice("continuous query " + std::to_string(id) + " keeps \"" + rel->name + "\" up to date");
      out.complete(tag);
      return;
    }
    // A SELECT over tables or views runs once.
    Batch input;
    if (planned->source) input = read_relation(db, *planned->source);
    else input.weights.push_back(1);
    Batch result = engine::execute_batch(planned->plan, input);
    size_t n = write_rows(db, *rel, coerce_rows(*rel, all, result));
    out.complete("SELECT " + std::to_string(n));
  } catch (...) {
    db.catalog().remove(rel->name);
    db.drop_relation_data(rel->id);
    db.forget_relation(rel->id);
    throw;
  }
}

void create_view(Database& db, const ast::CreateView& stmt, const std::string& text, ResultWriter& out) {
  if (!stmt.materialized)
    throw SqlError(sqlstate::kFeatureNotSupported, "non-materialized views are not supported yet")
        .with_hint("Use CREATE MATERIALIZED VIEW.");
  if (exists_skip(db, stmt.name, stmt.if_not_exists, out, "CREATE MATERIALIZED VIEW")) return;
  catalog::Options view_options = copy_options(stmt.options);
  for (const auto& o : stmt.options) {
    if (o.key != "late_rows")
      throw SqlError(sqlstate::kInvalidParameterValue, "unrecognized materialized view option \"" + o.key + "\"", o.position)
          .with_hint("Valid options: late_rows ('drop' or 'dead_letter').");
    if (o.value != "drop" && o.value != "dead_letter")
      throw SqlError(sqlstate::kInvalidParameterValue, "invalid value for option \"late_rows\": \"" + o.value + "\"",
                     o.position)
          .with_hint("Valid values: 'drop' (the default) and 'dead_letter' (late rows go to eddy_dead_letters).");
  }
  planner::PlannedSelect planned = planner::plan_select(*stmt.query, db.catalog(), true);
  if (!planned.source)
    throw SqlError(sqlstate::kFeatureNotSupported, "a materialized view needs a FROM clause naming a stream");
  if (planned.source->kind == catalog::RelationKind::Table)
    throw SqlError(sqlstate::kFeatureNotSupported, "materialized views over a table are not supported yet")
        .with_hint("A materialized view reads a stream, or another materialized view.");
  catalog::Relation r;
  r.name = stmt.name;
  r.kind = catalog::RelationKind::MaterializedView;
  if (!stmt.column_names.empty() && stmt.column_names.size() != planned.plan.visible_outputs)
    throw SqlError(sqlstate::kSyntaxError, "the view's column list has " + std::to_string(stmt.column_names.size()) +
                                               " names but the query returns " + std::to_string(planned.plan.visible_outputs) + " columns");
  std::set<std::string> seen;
  for (size_t i = 0; i < planned.plan.visible_outputs; ++i) {
    catalog::ColumnSchema c;
    c.name = stmt.column_names.empty() ? planned.plan.output_names[i] : stmt.column_names[i];
    c.type = planned.plan.outputs[i]->type;
    if (!seen.insert(c.name).second)
      throw SqlError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once")
          .with_hint("Give the view's columns distinct names with AS.");
    r.columns.push_back(c);
  }
  r.definition = text;
  r.options = std::move(view_options);
  r.depends_on.push_back(planned.source->id);
  if (planned.joined) r.depends_on.push_back(planned.joined->id);
  auto rel = db.catalog().add(std::move(r));
  std::vector<int> all(rel->columns.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  try {
    db.persist_relation(*rel);
    start_continuous(db, *rel, all, std::move(planned), text);
  } catch (...) {
    db.catalog().remove(rel->name);  // nothing is created when the query cannot start
    db.forget_relation(rel->id);
    throw;
  }
  out.complete("CREATE MATERIALIZED VIEW");
}

void drop(Database& db, const ast::Drop& stmt, ResultWriter& out) {
  using K = ast::ObjectKind;
  std::string tag;
  catalog::RelationKind want = catalog::RelationKind::Table;
  switch (stmt.kind) {
    case K::Stream: want = catalog::RelationKind::Stream; tag = "DROP STREAM"; break;
    case K::Table: want = catalog::RelationKind::Table; tag = "DROP TABLE"; break;
    case K::MaterializedView: want = catalog::RelationKind::MaterializedView; tag = "DROP MATERIALIZED VIEW"; break;
    case K::View:
      throw SqlError(sqlstate::kFeatureNotSupported, "non-materialized views are not supported yet");
    case K::Query:
      return drop_queries(db, stmt, out);
    case K::Role:  // Executor::execute sends DROP ROLE to drop_roles (it needs the session)
      throw SqlError(sqlstate::kInternalError, "DROP ROLE without a session");
  }
  // Check every name first, so a failing DROP drops nothing.
  std::vector<catalog::RelationPtr> targets;
  for (const auto& name : stmt.names) {
    auto rel = db.catalog().find(name);
    if (!rel) {
      if (stmt.if_exists) {
        out.notice(std::string(catalog::relation_kind_name(want)) + " \"" + name + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(sqlstate::kUndefinedTable,
                     std::string(catalog::relation_kind_name(want)) + " \"" + name + "\" does not exist");
    }
    if (rel->connector == "system")
      throw SqlError(sqlstate::kInsufficientPrivilege, "permission denied: \"" + name + "\" is a system table");
    if (rel->kind != want)
      throw SqlError(sqlstate::kWrongObjectType, "\"" + name + "\" is not a " + catalog::relation_kind_name(want))
          .with_hint(std::string("Use DROP ") +
                     (rel->kind == catalog::RelationKind::Stream ? "STREAM" :
                      rel->kind == catalog::RelationKind::Table ? "TABLE" : "MATERIALIZED VIEW") +
                     " to remove a " + catalog::relation_kind_name(rel->kind) + ".");
    targets.push_back(rel);
  }
  // Dependents (views reading a target) go with CASCADE, or stop the DROP.
  std::vector<catalog::RelationPtr> order;
  std::function<void(const catalog::RelationPtr&)> collect = [&](const catalog::RelationPtr& rel) {
    for (const auto& d : db.catalog().dependents(rel->id)) {
      bool listed = false;
      for (const auto& t : targets) listed |= t->id == d->id;
      if (!listed && !stmt.cascade)
        throw SqlError(sqlstate::kDependentObjectsStillExist,
                       "cannot drop " + std::string(catalog::relation_kind_name(rel->kind)) + " " + rel->name +
                           " because other objects depend on it")
            .with_detail(std::string(catalog::relation_kind_name(d->kind)) + " " + d->name + " depends on " +
                         catalog::relation_kind_name(rel->kind) + " " + rel->name)
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
      collect(d);
    }
    for (const auto& o : order)
      if (o->id == rel->id) return;
    order.push_back(rel);
  };
  for (const auto& t : targets) collect(t);
  // Continuous INSERT jobs reading a dropped stream into a table that stays.
  std::vector<uint64_t> orphaned_queries;
  for (const auto& rel : order) {
    if (rel->kind != catalog::RelationKind::Stream) continue;
    for (const auto& q : db.readers_of(rel->id)) {
      bool target_dropped = false;
      for (const auto& o : order) target_dropped |= o->id == q->target_relation();
      if (target_dropped) continue;
      if (!stmt.cascade)
        throw SqlError(sqlstate::kDependentObjectsStillExist,
                       "cannot drop stream " + rel->name + " because query " + std::to_string(q->id()) + " reads it")
            .with_hint("Use DROP QUERY " + std::to_string(q->id()) + " first, or DROP ... CASCADE.");
      orphaned_queries.push_back(q->id());
    }
  }
  for (uint64_t id : orphaned_queries) {
    db.stop_query(id);
    db.forget_query(id);
    out.notice("drop cascades to query " + std::to_string(id));
  }
  for (const auto& rel : order) {
    if (rel != targets.front() && std::find(targets.begin(), targets.end(), rel) == targets.end())
      out.notice("drop cascades to " + std::string(catalog::relation_kind_name(rel->kind)) + " " + rel->name);
    db.forget_relation(rel->id);
    db.catalog().remove(rel->name);
    db.drop_relation_data(rel->id);
  }
  out.complete(tag);
}

}  // namespace eddy::exec
