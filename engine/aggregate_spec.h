#pragma once
// What an aggregate computes, as the planner resolved it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy::engine {

enum class AggregateKind { CountStar, Count, Sum, Avg, Min, Max, StringAgg, ArrayAgg, BoolAnd, BoolOr };

// Aggregates whose state cannot take back a row (the running extreme, the concatenation):
// retractions reaching them are refused with 0A000.
inline bool is_append_only(AggregateKind k) {
  return k == AggregateKind::Min || k == AggregateKind::Max || k == AggregateKind::StringAgg ||
         k == AggregateKind::ArrayAgg || k == AggregateKind::BoolAnd || k == AggregateKind::BoolOr;
}

struct AggregateSpec {
  AggregateKind kind = AggregateKind::CountStar;
  int input = -1;      // column of the pre-aggregation batch; -1 for count(*)
  Type input_type;
  Type result_type;
  std::string name;    // "count", "sum", ... for EXPLAIN
  std::string separator;  // string_agg: its (constant) second argument
};

// Resolves an aggregate by name ("count", "sum", "avg", "min", "max", "string_agg",
// "array_agg", "bool_and", "bool_or", "every") over an argument type,
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
