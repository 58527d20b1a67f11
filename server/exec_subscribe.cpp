// SUBSCRIBE: the changes of a materialized view as its epochs commit, as rows of a statement
// that never completes on its own (SUBSCRIBE ...), as COPY lines (COPY (SUBSCRIBE ...) TO
// STDOUT), or through a cursor (DECLARE c CURSOR FOR SUBSCRIBE ...; FETCH n c).
//
//   SUBSCRIBE [TO] view [WITH (SNAPSHOT [= true | false])]
//   SUBSCRIBE [TO] (SELECT exprs FROM view [WHERE ...]) [WITH (...)]
//
// Every row is `_epoch bigint, _diff bigint, <columns>`: an update of a view row is a -1 row with
// the old values and a +1 row with the new ones, in the same epoch. With SNAPSHOT the view's
// contents as of the last committed epoch come first, as +1 rows of that epoch. A SELECT's
// WHERE and select list are applied to each change (weights pass through; an update whose
// selected columns did not change is dropped). Not yet: aggregation in the SELECT, a SELECT
// directly over a stream, tables (0A000, with a hint). Errors that end a subscription:
// server/live_subscription.h.

#include <atomic>
#include <limits>

#include <unistd.h>

#include "common/error.h"
#include "common/log.h"
#include "common/sql_identifier.h"
#include "common/value_text.h"
#include "grammar/parser.h"
#include "protocol/connection_error.h"
#include "planner/expression_binder.h"
#include "planner/select_planner.h"
#include "protocol/copy_format.h"
#include "server/exec_internal.h"
#include "server/live_subscription.h"
#include "server/result_collector.h"
#include "server/system_catalog/system_table.h"

namespace eddy {

namespace exec {
void drop_transient_view(Database& db, const std::string& name);  // below
}  // namespace exec

// ---------------------------------------------------------------------------------------------
// LiveSubscription

LiveSubscription::LiveSubscription(Database& db, uint64_t view_id, std::string view_name,
                                   std::shared_ptr<engine::ContinuousQuery> query,
                                   std::shared_ptr<engine::Subscription> subscription, std::vector<OutputColumn> columns)
    : db_(db),
      view_id_(view_id),
      view_name_(std::move(view_name)),
      query_(std::move(query)),
      subscription_(std::move(subscription)),
      columns_(std::move(columns)) {
  for (const auto& c : columns_) types_.push_back(c.type);
}

LiveSubscription::~LiveSubscription() {
  subscription_->close();  // no more buffering, no more wake-ups
  query_->detach(subscription_);
  if (!transient_view_.empty()) exec::drop_transient_view(db_, transient_view_);
}

Batch LiveSubscription::take(size_t max_rows) {
  Batch out = Batch::with_types(types_);
  if (subscription_->state() == engine::Subscription::State::Overflowed)
    throw protocol::ConnectionError(sqlstate::kConfigurationLimitExceeded,
                                    "subscriber fell more than " + std::to_string(subscription_->max_rows()) +
                                        " changes behind",
                                    true);
  subscription_->take(max_rows, out);
  if (!out.empty() || subscription_->ready() > 0) return out;
  switch (subscription_->state()) {
    case engine::Subscription::State::Open:
      return out;
    case engine::Subscription::State::Ended:
      if (subscription_->end().state == "finished") {
        finished_ = true;
        return out;
      }
      raise_end();
    case engine::Subscription::State::Failed:
      throw *subscription_->failure();
    case engine::Subscription::State::Overflowed:
      break;
  }
  return take(max_rows);  // overflowed since the first check
}

void LiveSubscription::raise_end() const {
  const engine::QueryEnd end = subscription_->end();
  auto view = db_.catalog().find_by_id(view_id_);
  if (!view)
    throw SqlError(sqlstate::kOperatorIntervention, "materialized view \"" + view_name_ + "\" was dropped")
        .with_detail("A subscription ends when the view it reads is dropped.");
  if (end.state == "failed") {
    std::string code = sqlstate::kInternalError, message = end.error;
    if (auto colon = end.error.find(": "); colon == 5) {
      code = end.error.substr(0, 5);
      message = end.error.substr(7);
    }
    throw SqlError(code, "the query maintaining materialized view \"" + view_name_ + "\" failed: " + message);
  }
  throw SqlError(sqlstate::kAdminShutdown,
                 "the query maintaining materialized view \"" + view_name_ + "\" was stopped (" + end.state + ")");
}

namespace exec {

namespace {

using Progress = PendingStatement::Progress;

constexpr size_t kChunk = 4096;  // changes per poll: the session flushes at least this often

bool subscribe_snapshot_option(const ast::Subscribe& stmt) {
  bool snapshot = false, seen = false;
  for (const ast::Option& o : stmt.options) {
    if (o.key != "snapshot")
      throw SqlError(sqlstate::kInvalidParameterValue, "unrecognized SUBSCRIBE option \"" + o.key + "\"", o.position)
          .with_hint("SUBSCRIBE takes SNAPSHOT [= true | false].");
    if (seen) throw SqlError(sqlstate::kSyntaxError, "conflicting or redundant options", o.position);
    seen = true;
    try {
      snapshot = parse_bool(o.value);
    } catch (const SqlError&) {
      throw SqlError(sqlstate::kInvalidParameterValue, "snapshot requires a Boolean value, not \"" + o.value + "\"",
                     o.position);
    }
  }
  return snapshot;
}

// What a SUBSCRIBE reads and how its rows look, planned without subscribing.
struct SubscribePlan {
  catalog::RelationPtr view;
  // A SELECT a view's changes cannot answer by themselves (over a stream, aggregating,
  // joining): open_subscription keeps it in a transient materialized view for the subscription's
  // life and subscribes to that.
  bool transient = false;
  std::vector<OutputColumn> columns;  // _epoch, _diff, then the rows'
  engine::Subscription::Transform transform;  // null: the view's rows as they are
};

SqlError not_yet(const std::string& what, const std::string& hint, int position = 0) {
  return SqlError(sqlstate::kFeatureNotSupported, what, position).with_hint(hint);
}

// SUBSCRIBE reads materialized views: their query's epochs are what it reports.
void check_subscribable(const catalog::Relation& rel, int position) {
  if (rel.connector == "system")
    throw not_yet("SUBSCRIBE to system table \"" + rel.name + "\" is not supported",
                  "SUBSCRIBE reads materialized views.", position);
  if (rel.kind == catalog::RelationKind::Stream)
    throw not_yet("SUBSCRIBE to stream \"" + rel.name + "\" is not supported yet",
                  "Create a materialized view over the stream and subscribe to the view: CREATE MATERIALIZED VIEW v "
                  "AS SELECT ... FROM " + rel.name + "; SUBSCRIBE TO v.",
                  position);
  if (rel.kind == catalog::RelationKind::Table)
    throw not_yet("SUBSCRIBE to table \"" + rel.name + "\" is not supported yet",
                  "Tables change by INSERT; SUBSCRIBE reads materialized views.", position);
}

// pg_catalog and information_schema tables (an unqualified name is looked for in pg_catalog
// first, as everywhere) and eddy_catalog's: not SUBSCRIBE's to read.
void check_not_system(const std::vector<std::string>& name, int position) {
  const std::string& last = name.back();
  const std::string schema = name.size() > 1 ? name[name.size() - 2] : "";
  const bool system = schema == "pg_catalog" || schema == "information_schema" || schema == "eddy_catalog" ||
                      (schema.empty() && syscat::find_system_table("pg_catalog", last) != nullptr);
  if (system)
    throw not_yet("SUBSCRIBE to system table \"" + (schema.empty() ? "" : schema + ".") + last + "\" is not supported",
                  "SUBSCRIBE reads materialized views.", position);
}

std::vector<std::string> split_name(const std::string& written) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = written.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(written.substr(start, dot - start));
  parts.push_back(written.substr(start));
  return parts;
}

std::vector<OutputColumn> change_columns() {
  return {{"_epoch", Type::int64()}, {"_diff", Type::int64()}};
}

bool rows_equal(const Batch& b, size_t x, size_t y) {
  for (const Column& c : b.columns) {
    if (c.is_null(x) != c.is_null(y)) return false;
    if (!c.is_null(x) && !values_equal(c.get(x), c.get(y))) return false;
  }
  return true;
}

// An update (-1 then +1 of the same key, next to each other) whose selected columns are the
// same on both sides is no change for this SELECT.
Batch drop_unchanged_updates(Batch b) {
  std::vector<uint32_t> keep;
  keep.reserve(b.rows());
  for (size_t r = 0; r < b.rows(); ++r) {
    if (r + 1 < b.rows() && b.weights[r] == -1 && b.weights[r + 1] == 1 && rows_equal(b, r, r + 1)) {
      ++r;
      continue;
    }
    keep.push_back(static_cast<uint32_t>(r));
  }
  return keep.size() == b.rows() ? b : b.gather(keep);
}

// Whether a SUBSCRIBE's SELECT needs a query of its own: it reads a stream, joins, or
// aggregates (a filter and expressions over one view's changes need none).
bool needs_transient_view(Database& db, const ast::SelectStmt& select) {
  if (select.from.size() != 1 || !select.with.empty() || select.set_op != ast::SetOp::None) return false;
  const ast::TableRef& ref = *select.from[0];
  if (ref.kind == ast::TableRef::Kind::Join) return true;
  if (ref.kind != ast::TableRef::Kind::Named) return false;
  auto rel = db.catalog().find(ref.name.back());
  if (!rel || rel->connector == "system") return false;
  if (rel->kind == catalog::RelationKind::Stream) return true;
  if (rel->kind != catalog::RelationKind::MaterializedView) return false;
  if (!select.group_by.empty() || select.having) return true;
  for (const auto& item : select.items)
    if (item.expr && planner::contains_aggregate(*item.expr)) return true;
  return false;
}

SubscribePlan plan_subscribe(Database& db, const ast::Subscribe& stmt) {
  SubscribePlan out;
  out.columns = change_columns();
  if (!stmt.query) {
    check_not_system(split_name(stmt.target), 0);
    out.view = find_written_relation(db, stmt.target);
    if (!out.view) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + stmt.target + "\" does not exist");
    if (out.view->kind == catalog::RelationKind::Stream && out.view->connector.empty()) {
      // SUBSCRIBE TO stream: SUBSCRIBE TO (SELECT * FROM stream), a transient view of its rows.
      out.transient = true;
      for (const auto& col : out.view->columns)
        if (!col.hidden) out.columns.push_back({col.name, col.type});
      return out;
    }
    check_subscribable(*out.view, 0);
    for (size_t c = 0; c < out.view->columns.size(); ++c) {
      const catalog::ColumnSchema& col = out.view->columns[c];
      out.columns.push_back({col.name, col.type, static_cast<uint32_t>(out.view->id), static_cast<int16_t>(c + 1)});
    }
    return out;
  }
  const ast::SelectStmt& select = *stmt.query;
  if (needs_transient_view(db, select)) {
    // Planned as a materialized view would be (the same errors), without creating one yet.
    planner::PlannedSelect planned = planner::plan_select(select, db.catalog(), true);
    out.transient = true;
    const std::vector<Type> types = planned.plan.output_types();
    for (size_t i = 0; i < types.size(); ++i) out.columns.push_back({planned.plan.output_names[i], types[i]});
    return out;
  }
  const std::string hint = "SUBSCRIBE TO (SELECT ...) reads one materialized view with WHERE and expressions.";
  if (!select.with.empty()) throw not_yet("WITH in SUBSCRIBE is not supported yet", hint, select.with[0].position);
  if (select.set_op != ast::SetOp::None)
    throw not_yet("UNION, INTERSECT and EXCEPT in SUBSCRIBE are not supported yet", hint, select.position);
  if (select.from.empty())
    throw not_yet("SUBSCRIBE TO (SELECT ...) needs a FROM clause naming a materialized view", hint, select.position);
  const ast::TableRef& ref = *select.from[0];
  if (select.from.size() > 1 || ref.kind != ast::TableRef::Kind::Named)
    throw not_yet("joins and subqueries in SUBSCRIBE are not supported yet", hint, ref.position);
  if (select.limit || select.offset)
    throw not_yet("LIMIT and OFFSET in SUBSCRIBE are not supported", "A subscription has no end to count from.",
                  select.position);
  if (select.distinct) throw not_yet("SELECT DISTINCT in SUBSCRIBE is not supported yet", hint, select.position);
  if (!select.order_by.empty())
    throw not_yet("ORDER BY in SUBSCRIBE is not supported", "Changes come in the order their epochs commit.",
                  select.position);
  // The relation first, so that a stream or a table gets its own message.
  check_not_system(ref.name, ref.position);
  const std::string& name = ref.name.back();
  const bool other_schema = ref.name.size() > 1 && ref.name[0] != "public" && ref.name[0] != "eddy";
  catalog::RelationPtr rel = other_schema ? nullptr : db.catalog().find(name);
  if (!rel) {
    throw SqlError(sqlstate::kUndefinedTable,
                   "relation \"" + (ref.name.size() > 1 ? ref.name[0] + "." : "") + name + "\" does not exist",
                   ref.position);
  }
  check_subscribable(*rel, ref.position);
  if (!select.group_by.empty() || select.having)
    throw not_yet("aggregation in SUBSCRIBE is not supported yet",
                  "Create a materialized view with the aggregation and subscribe to it.", select.position);
  planner::PlannedSelect planned = planner::plan_select(select, db.catalog(), true);
  if (planned.plan.aggregate)
    throw not_yet("aggregation in SUBSCRIBE is not supported yet",
                  "Create a materialized view with the aggregation and subscribe to it.", select.position);
  out.view = planned.source;
  const std::vector<Type> types = planned.plan.output_types();
  for (size_t i = 0; i < types.size(); ++i) out.columns.push_back({planned.plan.output_names[i], types[i]});
  auto plan = std::make_shared<engine::QueryPlan>(std::move(planned.plan));
  out.transform = [plan](const Batch& changes) {
    Batch kept = engine::apply_filter(plan->filter.get(), changes);
    if (kept.empty()) return Batch{};
    return drop_unchanged_updates(engine::evaluate_all(plan->outputs, kept, plan->visible_outputs));
  };
  return out;
}

// COPY (SUBSCRIBE ...) TO STDOUT: one CopyData line per change, flushed as epochs commit.
class SubscribeCopy final : public PendingStatement {
 public:
  SubscribeCopy(std::shared_ptr<LiveSubscription> live, protocol::CopyOptions options)
      : live_(std::move(live)), options_(std::move(options)) {}
  void set_waker(std::function<void()> wake) override { live_->set_waker(std::move(wake)); }
  Progress poll(ResultWriter& out) override {
    Batch rows = live_->take(kChunk);
    std::string line;
    for (size_t r = 0; r < rows.rows(); ++r) {
      line.clear();
      protocol::format_copy_record(line, rows.columns, r, options_);
      out.copy_data(line);
    }
    sent_ += rows.rows();
    if (live_->finished()) {
      out.copy_done();
      out.complete("COPY " + std::to_string(sent_));
      return Progress::Done;
    }
    return live_->ready() > 0 ? Progress::More : Progress::Wait;
  }

 private:
  std::shared_ptr<LiveSubscription> live_;
  protocol::CopyOptions options_;
  uint64_t sent_ = 0;
};

// SUBSCRIBE as a statement: DataRows as epochs commit, until cancelled.
class SubscribeRows final : public PendingStatement {
 public:
  explicit SubscribeRows(std::shared_ptr<LiveSubscription> live) : live_(std::move(live)) {}
  void set_waker(std::function<void()> wake) override { live_->set_waker(std::move(wake)); }
  Progress poll(ResultWriter& out) override {
    Batch rows = live_->take(kChunk);
    if (!rows.empty()) out.rows(rows);
    sent_ += rows.rows();
    if (live_->finished()) {
      out.complete("SELECT " + std::to_string(sent_));
      return Progress::Done;
    }
    return live_->ready() > 0 ? Progress::More : Progress::Wait;
  }

 private:
  std::shared_ptr<LiveSubscription> live_;
  uint64_t sent_ = 0;
};

// FETCH / MOVE from a SUBSCRIBE cursor: up to `count` buffered changes, waiting for the first.
class FetchSubscription final : public PendingStatement {
 public:
  FetchSubscription(std::shared_ptr<Portal> portal, size_t count, bool move)
      : portal_(std::move(portal)), count_(count), move_(move) {}
  void set_waker(std::function<void()> wake) override { portal_->subscription->set_waker(std::move(wake)); }
  Progress poll(ResultWriter& out) override {
    LiveSubscription& live = *portal_->subscription;
    Batch rows = live.take(count_);
    if (rows.empty() && !live.finished() && count_ > 0) return Progress::Wait;
    if (move_) {
      out.complete("MOVE " + std::to_string(rows.rows()));
      return Progress::Done;
    }
    out.set_binary(!portal_->formats.empty() && portal_->formats[0] == 1);
    out.describe(live.columns());
    if (!rows.empty()) out.rows(rows);
    out.complete("FETCH " + std::to_string(rows.rows()));
    return Progress::Done;
  }

 private:
  std::shared_ptr<Portal> portal_;
  size_t count_;
  bool move_;
};

}  // namespace

std::shared_ptr<LiveSubscription> subscribe_to(Database& db, SubscribePlan& plan, bool snapshot,
                                               const std::string& transient);

std::shared_ptr<LiveSubscription> open_subscription(Database& db, const ast::Subscribe& stmt) {
  bool snapshot = subscribe_snapshot_option(stmt);
  SubscribePlan plan = plan_subscribe(db, stmt);
  std::string transient;
  if (plan.transient) {
    // The SELECT becomes a materialized view for as long as the subscription lasts; the
    // subscriber sees it from its first row (its snapshot, then every change).
    static std::atomic<uint64_t> counter{0};
    transient = "_subscribe_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    const std::string query_text = stmt.query ? stmt.query_text : "SELECT * FROM " + quote_identifier(plan.view->name);
    auto statements = parse_sql("CREATE MATERIALIZED VIEW " + transient + " AS " + query_text);
    ResultCollector ignored;
    create_view(db, std::get<ast::CreateView>(statements.at(0).body), statements[0].text, ignored);
    ast::Subscribe to_view;
    to_view.target = transient;
    std::vector<OutputColumn> columns = std::move(plan.columns);
    plan = plan_subscribe(db, to_view);
    for (size_t c = 2; c < plan.columns.size() && c < columns.size(); ++c) plan.columns[c].name = columns[c].name;
    snapshot = true;
  }
  try {
    return subscribe_to(db, plan, snapshot, transient);
  } catch (...) {
    if (!transient.empty()) drop_transient_view(db, transient);
    throw;
  }
}

void drop_transient_view(Database& db, const std::string& name) {
  try {
    ast::Drop drop;
    drop.kind = ast::ObjectKind::MaterializedView;
    drop.if_exists = true;
    drop.names = {name};
    ResultCollector ignored;
    exec::drop(db, drop, ignored);
  } catch (const std::exception& e) {
    log::error("could not drop transient view " + name + ": " + e.what());
  }
}

std::shared_ptr<LiveSubscription> subscribe_to(Database& db, SubscribePlan& plan, bool snapshot,
                                               const std::string& transient) {
  auto query = db.query_for(plan.view->id);
  if (!query)
    throw SqlError(sqlstate::kObjectNotInPrerequisiteState,
                   "the query maintaining materialized view \"" + plan.view->name + "\" is not running")
        .with_hint("SHOW QUERIES tells why.");
  // Read-your-writes, as SELECT: what this session inserted before is committed before the
  // subscription starts (in its snapshot, not among its changes).
  db.catch_up(*plan.view);
  auto subscription = std::make_shared<engine::Subscription>(db.options().subscribe_buffer, std::move(plan.transform));
  if (!query->attach(subscription, snapshot))
    throw SqlError(sqlstate::kObjectNotInPrerequisiteState,
                   "the query maintaining materialized view \"" + plan.view->name + "\" is not running")
        .with_hint("SHOW QUERIES tells why.");
  auto live = std::make_shared<LiveSubscription>(db, plan.view->id, plan.view->name, std::move(query),
                                                 std::move(subscription), std::move(plan.columns));
  live->drop_on_close(transient);
  return live;
}

std::vector<OutputColumn> describe_subscribe(Database& db, const ast::Subscribe& stmt) {
  subscribe_snapshot_option(stmt);
  return plan_subscribe(db, stmt).columns;
}

std::unique_ptr<PendingStatement> subscribe(Database& db, const ast::Subscribe& stmt, ResultWriter& out) {
  auto live = open_subscription(db, stmt);
  out.describe(live->columns());
  return std::make_unique<SubscribeRows>(std::move(live));
}

std::unique_ptr<PendingStatement> copy_subscribe(Database& db, const ast::CopyStmt& stmt, ResultWriter& out) {
  CopyFormatOptions format = copy_format_options(stmt);
  auto live = open_subscription(db, *stmt.subscribe);
  out.copy_out(live->columns().size());
  if (format.header) {
    std::vector<std::optional<std::string_view>> names;
    for (const auto& c : live->columns()) names.emplace_back(c.name);
    std::string line;
    protocol::format_copy_record(line, names, format.options);
    out.copy_data(line);
  }
  return std::make_unique<SubscribeCopy>(std::move(live), format.options);
}

std::unique_ptr<PendingStatement> fetch_subscription(std::shared_ptr<Portal> portal, const ast::Fetch& stmt,
                                                     ResultWriter& out) {
  if (stmt.direction != ast::FetchDirection::Forward)
    throw SqlError(sqlstate::kObjectNotInPrerequisiteState, "a SUBSCRIBE cursor can only fetch forward")
        .with_hint("Use FETCH n, FETCH ALL or FETCH FORWARD n.");
  const size_t count = stmt.count < 0 ? std::numeric_limits<size_t>::max() : static_cast<size_t>(stmt.count);
  auto pending = std::make_unique<FetchSubscription>(std::move(portal), count, stmt.move);
  if (pending->poll(out) == PendingStatement::Progress::Done) return nullptr;
  return pending;
}

}  // namespace exec

}  // namespace eddy
