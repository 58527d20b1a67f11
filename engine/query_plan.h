#pragma once
// A bound, executable query over one input layout: what the planner produces and both the
// batch executor (ad-hoc SELECT) and the continuous runner (materialized views) execute.
//
//   input batch ─► filter ─► [pre-aggregation exprs ─► HashAggregate ─► having] ─► outputs
//               ─► (batch only) distinct, order by, offset/limit

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/aggregate_spec.h"
#include "engine/expression.h"
#include "engine/interval_join.h"
#include "engine/lookup_join.h"

namespace eddy::engine {

// Where a windowed continuous query's watermark comes from: a timestamp column of the input
// (the stream's WATERMARK column, or _time with bound 0).
struct WatermarkPlan {
  int input_column = -1;
  int64_t bound_micros = 0;
  std::string column_name;
};

// A continuous join of two streams within a time bound (engine/interval_join.h). The query
// reads the left stream through its main source and the right one through a second source.
struct IntervalJoinPlan {
  IntervalJoinSpec spec;
  uint64_t right_stream = 0;
  std::string left_name, right_name;
  // Each side's watermark on its join timestamp (in that side's layout), when it has one: late
  // rows are dropped and kept rows freed by them.
  std::optional<WatermarkPlan> left_watermark, right_watermark;
  // The aggregate's window runs on the left (0) or right (1) join timestamp: its watermark is
  // derived from both sides' (min(wm_left, wm_right - upper) or min(wm_right, wm_left + lower)).
  int window_side = -1;
};

struct AggregatePlan {
  std::vector<BoundExprPtr> pre_exprs;  // over the input layout; form the pre-aggregation batch
  std::vector<int> key_inputs;          // indexes into the pre-aggregation batch
  std::vector<Type> key_types;
  std::optional<WindowSpec> window;
  std::vector<AggregateSpec> aggregates;
  BoundExprPtr having;                  // over the aggregate output layout; may be null
  // Continuous queries only: the window column's watermark (closes windows, drops late rows),
  // and EMIT ON WINDOW CLOSE (a window's row is written once, when it closes).
  std::optional<WatermarkPlan> watermark;
  bool emit_on_close = false;
};

struct SortKey {
  int output = 0;  // index into QueryPlan::outputs
  bool descending = false;
  bool nulls_first = false;
};

struct QueryPlan {
  std::vector<Type> input_types;
  // Continuous queries over a stream joined with a table: the stream's rows (stream_types) are
  // joined first; input_types is then the joined layout.
  std::optional<LookupJoinPlan> lookup_join;
  std::vector<Type> stream_types;
  // Continuous queries joining two streams: input_types is left ++ right.
  std::optional<IntervalJoinPlan> interval_join;
  // Continuous queries over a materialized view: the input is that view's changes, so rows are
  // also retracted (aggregates keep what retractions need; ContinuousQuery::chain_to).
  bool reads_view = false;
  BoundExprPtr filter;                  // over the input layout; may be null
  std::optional<AggregatePlan> aggregate;
  // Over the aggregate output layout when aggregating, else over the input layout. The first
  // `visible_outputs` are the result columns; the rest are ORDER BY keys only.
  std::vector<BoundExprPtr> outputs;
  std::vector<std::string> output_names;
  size_t visible_outputs = 0;
  bool distinct = false;
  std::vector<SortKey> order_by;
  std::optional<int64_t> limit;
  int64_t offset = 0;

  std::vector<Type> output_types() const;  // visible outputs only
  // Renders the operator graph for EXPLAIN, one line per operator.
  std::vector<std::string> explain(bool continuous) const;
};

// Runs a plan as a batch query over a complete input. Throws SqlError on runtime errors.
Batch execute_batch(const QueryPlan& plan, const Batch& input);

// Stages shared by the batch executor and the continuous runner.
Batch apply_filter(const BoundExpr* filter, const Batch& input);
Batch evaluate_all(const std::vector<BoundExprPtr>& exprs, const Batch& input, size_t count);

}  // namespace eddy::engine
