#pragma once
// What an aggregate computes, as the planner resolved it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy::engine {

enum class AggregateKind {
  CountStar, Count, Sum, Avg, Min, Max, StringAgg, ArrayAgg, BoolAnd, BoolOr,
  ApproxCountDistinct,  // HyperLogLog, exact below HyperLogLog::kSparseLimit distinct values
  FirstValue, LastValue,  // the first / last row in arrival order, or in ORDER BY order
};

// One ORDER BY key inside an aggregate call: first_value(x ORDER BY y DESC).
struct AggregateOrderKey {
  int input = -1;  // column of the pre-aggregation batch
  Type type;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL's default: NULLS FIRST only for DESC
};

struct AggregateSpec {
  AggregateKind kind = AggregateKind::CountStar;
  int input = -1;      // column of the pre-aggregation batch; -1 for count(*)
  Type input_type;
  Type result_type;
  std::string name;    // "count", "sum", ... for EXPLAIN
  std::string separator;  // string_agg: its (constant) second argument
  // count/sum/avg(DISTINCT x): a per-group multiset value -> occurrences, exact under
  // retractions. (min/max/approx_count_distinct ignore DISTINCT: it changes nothing.)
  bool distinct = false;
  // The input may retract rows (a view reading another view): min/max then keep an ordered
  // multiset instead of the running extreme, and first_value/last_value(x ORDER BY y) keep
  // every row instead of the best one, so a retraction of the extreme finds the next one.
  // False (append-only input) keeps the cheap form; a retraction reaching it is refused.
  bool retractable = false;
  // first_value, last_value, string_agg, array_agg(x ORDER BY ...); empty: arrival order.
  std::vector<AggregateOrderKey> order_by;
};

// Aggregates whose state, as this spec keeps it, cannot take back a row (the running extreme,
// the concatenation in arrival order, a HyperLogLog sketch): retractions reaching them are
// refused with 0A000.
inline bool is_append_only(const AggregateSpec& s) {
  switch (s.kind) {
    case AggregateKind::Min:
    case AggregateKind::Max:
      return !s.retractable;
    case AggregateKind::FirstValue:
    case AggregateKind::LastValue:
      return s.order_by.empty() || !s.retractable;
    case AggregateKind::StringAgg:
    case AggregateKind::ArrayAgg:
      return s.order_by.empty();  // with ORDER BY every row is kept, in order
    case AggregateKind::BoolAnd:
    case AggregateKind::BoolOr:
    case AggregateKind::ApproxCountDistinct:
      return true;
    default:
      return false;
  }
}

// Whether the result depends on the order of the input rows (ORDER BY inside the call counts).
inline bool is_order_sensitive(AggregateKind k) {
  return k == AggregateKind::FirstValue || k == AggregateKind::LastValue || k == AggregateKind::StringAgg ||
         k == AggregateKind::ArrayAgg;
}

// Resolves an aggregate by name ("count", "sum", "avg", "min", "max", "string_agg",
// "array_agg", "bool_and", "bool_or", "every", "approx_count_distinct", "first_value",
// "last_value") over an argument type,
// with PostgreSQL's result types (sum(int4) bigint, sum(int8) numeric, avg(int) numeric, ...).
// Returns nullopt when `name` is not an aggregate; throws SqlError 42883 when the argument type
// does not fit (sum(text)).
std::optional<AggregateSpec> resolve_aggregate(std::string_view name, bool star, Type input_type,
                                               int position);
bool is_aggregate_name(std::string_view name);

// GROUP BY's window (docs/streaming.md):
//   Tumbling  WINDOW(ts, size):         [floor(ts/size)*size, +size)
//   Sliding   WINDOW(ts, size, slide):  every [s, s+size) with s a multiple of slide and s <= ts < s+size
//   Session   SESSION_WINDOW(ts, gap):  per key, rows less than gap apart; [first ts, last ts + gap)
enum class WindowKind { Tumbling, Sliding, Session };

struct WindowSpec {
  WindowKind kind = WindowKind::Tumbling;
  int ts_input = -1;         // column of the pre-aggregation batch holding the timestamp
  int64_t size_micros = 0;   // tumbling and sliding: the window's length; session: the gap
  int64_t slide_micros = 0;  // sliding only

  // "tumbling 1 minute", "sliding 1 hour every 5 minutes", "session gap 10 minutes"
  std::string describe() const;
};

}  // namespace eddy::engine
