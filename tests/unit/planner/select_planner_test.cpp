#include <catch.hpp>

#include "catalog/catalog.h"
#include "common/error.h"
#include "grammar/parser.h"
#include "planner/select_planner.h"

using namespace eddy;

namespace {

void fill_catalog(catalog::Catalog& cat) {
  catalog::Relation clicks;
  clicks.name = "clicks";
  clicks.kind = catalog::RelationKind::Stream;
  clicks.columns = {{"asset", Type::text()}, {"cost", Type::int64()}, {"ts", Type::timestamp()},
                    {"_time", Type::timestamp(), false, false, true}};
  cat.add(clicks);
  catalog::Relation users;
  users.name = "users";
  users.kind = catalog::RelationKind::Table;
  users.columns = {{"id", Type::int64(), false, true}, {"name", Type::text()}};
  cat.add(users);
}

planner::PlannedSelect plan(const catalog::Catalog& cat, const std::string& sql, bool continuous = false) {
  auto statements = parse_sql(sql);
  REQUIRE(statements.size() == 1);
  const auto& select = std::get<ast::SelectStmt>(statements[0].body);
  return planner::plan_select(select, cat, continuous);
}

std::string sqlstate_of(const catalog::Catalog& cat, const std::string& sql, bool continuous = false) {
  try {
    plan(cat, sql, continuous);
  } catch (const SqlError& e) {
    return e.sqlstate();
  }
  return "ok";
}

}  // namespace

TEST_CASE("a windowed aggregate plans keys, window and aggregates") {
  catalog::Catalog cat;
  fill_catalog(cat);
  auto p = plan(cat,
                "SELECT asset, window_start, window_end, count(*) AS clicks, sum(cost) AS spend "
                "FROM clicks WHERE cost > 0 GROUP BY asset, WINDOW(ts, '1 minute')",
                true);
  REQUIRE(p.source);
  CHECK(p.source->name == "clicks");
  REQUIRE(p.plan.aggregate);
  const auto& ap = *p.plan.aggregate;
  CHECK(ap.key_inputs.size() == 1);
  REQUIRE(ap.window);
  CHECK(ap.window->size_micros == 60'000'000);
  CHECK(ap.aggregates.size() == 2);
  CHECK(p.plan.filter != nullptr);
  REQUIRE(p.plan.visible_outputs == 5);
  CHECK(p.plan.output_names == std::vector<std::string>{"asset", "window_start", "window_end", "clicks", "spend"});
  CHECK(p.plan.outputs[1]->type == Type::timestamp());
  CHECK(p.plan.outputs[3]->type == Type::int64());
  CHECK(p.plan.outputs[4]->type == Type::numeric());
}

TEST_CASE("repeated aggregates are computed once, and expressions over them are allowed") {
  catalog::Catalog cat;
  fill_catalog(cat);
  auto p = plan(cat, "SELECT asset, sum(cost) / count(*) AS mean, count(*) FROM clicks GROUP BY 1");
  REQUIRE(p.plan.aggregate);
  CHECK(p.plan.aggregate->aggregates.size() == 2);
  CHECK(p.plan.output_names[2] == "count");
}

TEST_CASE("planning errors carry PostgreSQL's SQLSTATEs") {
  catalog::Catalog cat;
  fill_catalog(cat);
  CHECK(sqlstate_of(cat, "SELECT * FROM nope") == "42P01");
  CHECK(sqlstate_of(cat, "SELECT nope FROM clicks") == "42703");
  CHECK(sqlstate_of(cat, "SELECT asset, cost FROM clicks GROUP BY asset") == "42803");
  CHECK(sqlstate_of(cat, "SELECT asset FROM clicks WHERE count(*) > 1") == "42803");
  CHECK(sqlstate_of(cat, "SELECT count(*) FROM clicks GROUP BY WINDOW(ts, '1 hour', '7 minutes')") == "22023");
  CHECK(sqlstate_of(cat, "SELECT count(*) FROM clicks GROUP BY SESSION_WINDOW(ts)") == "42601");
  CHECK(sqlstate_of(cat, "SELECT count(*) FROM clicks GROUP BY WINDOW(ts, '1 hour') EMIT ON WINDOW CLOSE", true) == "0A000");
  CHECK(sqlstate_of(cat, "SELECT count(*) FROM clicks GROUP BY WINDOW(asset, '1 hour')") == "42804");
  CHECK(sqlstate_of(cat, "SELECT asset FROM clicks LIMIT 3", true) == "0A000");
  CHECK(sqlstate_of(cat, "SELECT a.asset FROM clicks a, users u") == "0A000");
}

TEST_CASE("ad-hoc selects plan order by, limit and hidden sort keys") {
  catalog::Catalog cat;
  fill_catalog(cat);
  auto p = plan(cat, "SELECT name FROM users WHERE id > 1 ORDER BY id DESC LIMIT 2 OFFSET 1");
  CHECK(p.plan.visible_outputs == 1);
  CHECK(p.plan.outputs.size() == 2);  // id is sorted on but not returned
  REQUIRE(p.plan.order_by.size() == 1);
  CHECK(p.plan.order_by[0].descending);
  CHECK(p.plan.limit == 2);
  CHECK(p.plan.offset == 1);
  auto star = plan(cat, "SELECT * FROM clicks");
  CHECK(star.plan.output_names == std::vector<std::string>{"asset", "cost", "ts"});  // _time is hidden
  auto builtin = plan(cat, "SELECT _time FROM clicks");
  CHECK(builtin.plan.output_names == std::vector<std::string>{"_time"});
}

TEST_CASE("DISTINCT and ORDER BY inside aggregate calls are part of what tells calls apart") {
  catalog::Catalog cat;
  fill_catalog(cat);
  auto p = plan(cat,
                "SELECT asset, count(cost), count(DISTINCT cost), count(DISTINCT cost) + 1, "
                "first_value(cost ORDER BY ts), first_value(cost ORDER BY ts DESC), first_value(cost ORDER BY ts), "
                "string_agg(asset, ',' ORDER BY cost), sum(cost ORDER BY ts), min(DISTINCT cost) "
                "FROM clicks GROUP BY asset",
                true);
  REQUIRE(p.plan.aggregate);
  const auto& aggs = p.plan.aggregate->aggregates;
  REQUIRE(aggs.size() == 7);
  CHECK_FALSE(aggs[0].distinct);
  CHECK(aggs[1].distinct);
  CHECK(aggs[1].kind == engine::AggregateKind::Count);
  CHECK(aggs[2].kind == engine::AggregateKind::FirstValue);
  REQUIRE(aggs[2].order_by.size() == 1);
  CHECK_FALSE(aggs[2].order_by[0].descending);
  CHECK(aggs[2].order_by[0].type == Type::timestamp());
  REQUIRE(aggs[3].order_by.size() == 1);
  CHECK(aggs[3].order_by[0].descending);
  CHECK(aggs[3].order_by[0].nulls_first);  // PostgreSQL's default for DESC
  CHECK(aggs[2].order_by[0].input != aggs[2].input);
  CHECK(aggs[4].kind == engine::AggregateKind::StringAgg);
  CHECK(aggs[4].separator == ",");
  CHECK(aggs[4].order_by.size() == 1);
  CHECK(aggs[5].kind == engine::AggregateKind::Sum);
  CHECK(aggs[5].order_by.empty());  // sum does not depend on order: ORDER BY dropped
  CHECK(aggs[6].kind == engine::AggregateKind::Min);
  CHECK_FALSE(aggs[6].distinct);    // min(DISTINCT x) is min(x)
  CHECK_FALSE(aggs[6].retractable); // the planner of views over views sets it
  CHECK(engine::is_append_only(aggs[6]));
  CHECK_FALSE(engine::is_append_only(aggs[4]));
  CHECK(engine::is_append_only(aggs[2]));

  CHECK(sqlstate_of(cat, "SELECT array_agg(DISTINCT asset) FROM clicks") == "0A000");
  CHECK(sqlstate_of(cat, "SELECT last_value(cost, ts) FROM clicks") == "42883");
  CHECK(sqlstate_of(cat, "SELECT first_value(cost ORDER BY nope) FROM clicks") == "42703");
  CHECK(sqlstate_of(cat, "SELECT first_value(cost ORDER BY max(ts)) FROM clicks") == "42803");
  CHECK(sqlstate_of(cat, "SELECT lower(asset ORDER BY ts) FROM clicks") == "42809");
  CHECK(sqlstate_of(cat, "SELECT first_value(cost) OVER (ORDER BY ts) FROM clicks", true) == "0A000");
  CHECK(sqlstate_of(cat, "SELECT approx_count_distinct(DISTINCT asset) FROM clicks") == "ok");
}
