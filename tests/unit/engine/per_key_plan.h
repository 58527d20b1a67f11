#pragma once
// A plan the engine's unit tests share: count(*) and sum(v) per k over a stream (k TEXT,
// v BIGINT), output columns (k, n, s).

#include "engine/query_plan.h"

namespace eddy::engine::testing {

inline QueryPlan per_key_plan() {
  QueryPlan plan;
  plan.input_types = {Type::text(), Type::int64()};
  AggregatePlan ap;
  ap.pre_exprs.push_back(make_column_ref(0, Type::text(), "k"));
  ap.pre_exprs.push_back(make_column_ref(1, Type::int64(), "v"));
  ap.key_inputs = {0};
  ap.key_types = {Type::text()};
  AggregateSpec count;
  count.kind = AggregateKind::CountStar;
  count.result_type = Type::int64();
  count.name = "count";
  AggregateSpec sum;
  sum.kind = AggregateKind::Sum;
  sum.input = 1;
  sum.input_type = Type::int64();
  sum.result_type = Type::numeric();
  sum.name = "sum";
  ap.aggregates = {count, sum};
  plan.aggregate = std::move(ap);
  plan.outputs.push_back(make_column_ref(0, Type::text(), "k"));
  plan.outputs.push_back(make_column_ref(1, Type::int64(), "count"));
  plan.outputs.push_back(make_column_ref(2, Type::numeric(), "sum"));
  plan.output_names = {"k", "n", "s"};
  plan.visible_outputs = 3;
  return plan;
}

}  // namespace eddy::engine::testing
