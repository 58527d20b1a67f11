#pragma once
// What an aggregate computes, as the planner resolved it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy::engine {

enum class AggregateKind { CountStar, Count, Sum, Avg, Min, Max };

struct AggregateSpec {
  AggregateKind kind = AggregateKind::CountStar;
  int input = -1;      // column of the pre-aggregation batch; -1 for count(*)
  Type input_type;
  Type result_type;
  std::string name;    // "count", "sum", ... for EXPLAIN
};

// Resolves an aggregate by name ("count", "sum", "avg", "min", "max") over an argument type,
// with PostgreSQL's result types (sum(int4) bigint, sum(int8) numeric, avg(int) numeric, ...).
// Returns nullopt when `name` is not an aggregate; throws SqlError 42883 when the argument type
// does not fit (sum(text)).
std::optional<AggregateSpec> resolve_aggregate(std::string_view name, bool star, Type input_type,
                                               int position);
bool is_aggregate_name(std::string_view name);

// Tumbling windows: WINDOW(ts, size) assigns a row to [floor(ts/size)*size, +size).
struct WindowSpec {
  int ts_input = -1;        // column of the pre-aggregation batch holding the timestamp
  int64_t size_micros = 0;
};

}  // namespace eddy::engine
