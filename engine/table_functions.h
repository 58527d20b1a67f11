#pragma once
// Set-returning functions, usable in FROM and in a select list:
//   generate_series(int4|int8 start, stop [, step])          -> int4|int8 "generate_series"
//   generate_series(timestamp[tz] start, stop, interval step) -> timestamp[tz]
//   unnest(anyarray)                                          -> the element type, "unnest"
//   generate_subscripts(anyarray, int4 dim)                   -> int4
//   information_schema._pg_expandarray(anyarray)              -> (x element, n int4), the
//                                                                composite pgjdbc reads
// Arguments are coerced in place to the types the function takes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/relation_plan.h"

namespace eddy::engine {

struct TableFunctionDef {
  TableFunction fn = nullptr;
  std::vector<Type> types;          // output columns
  std::vector<std::string> names;   // their names when the call has no alias
};

bool is_table_function(std::string_view name);
// Resolves a call; throws SqlError 42883 when the arguments fit no form.
TableFunctionDef resolve_table_function(std::string_view name, std::vector<BoundExprPtr>& args, int position);

}  // namespace eddy::engine
