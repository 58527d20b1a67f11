#include "engine/table_functions.h"

#include "common/array_text.h"
#include "common/error.h"
#include "common/interrupt.h"
#include "common/value_text.h"
#include "engine/expr/datetime_util.h"
#include "engine/expr/kernel_util.h"

namespace eddy::engine {
namespace {

constexpr size_t kMaxSeriesRows = 100'000'000;  // beyond this a series is surely a mistake

[[noreturn]] void too_many() {
  throw SqlError(sqlstate::kProgramLimitExceeded, "generate_series would produce more than 100000000 rows");
}

Batch int_series(const std::vector<Value>& args, const std::vector<Type>& types) {
  Batch out = Batch::with_types(types);
  for (const auto& a : args)
    if (a.is_null) return out;
  const int64_t start = args[0].i, stop = args[1].i, step = args.size() > 2 ? args[2].i : 1;
  if (step == 0) throw SqlError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  kernel::Int128 count = step > 0 ? (stop >= start ? (kernel::Int128(stop) - start) / step + 1 : 0)
                            : (stop <= start ? (kernel::Int128(start) - stop) / -step + 1 : 0);
  if (count > static_cast<kernel::Int128>(kMaxSeriesRows)) too_many();
  auto& v = out.columns[0].ints();
  v.reserve(static_cast<size_t>(count));
  for (kernel::Int128 k = 0; k < count; ++k) {
    if ((k & 0xFFFFF) == 0) check_interrupts();
    v.push_back(static_cast<int64_t>(start + k * step));
  }
  out.weights.assign(v.size(), 1);
  return out;
}

Batch timestamp_series(const std::vector<Value>& args, const std::vector<Type>& types) {
  Batch out = Batch::with_types(types);
  for (const auto& a : args)
    if (a.is_null) return out;
  const Interval step = args[2].iv;
  const bool up = step.months > 0 || step.days > 0 || step.micros > 0;
  const bool down = step.months < 0 || step.days < 0 || step.micros < 0;
  if (!up && !down) throw SqlError(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  auto& v = out.columns[0].ints();
  int64_t t = args[0].i;
  while (up ? t <= args[1].i : t >= args[1].i) {
    if (v.size() >= kMaxSeriesRows) too_many();
    v.push_back(t);
    t = dt::add_interval(t, step, 1);
  }
  out.weights.assign(v.size(), 1);
  return out;
}

Batch unnest(const std::vector<Value>& args, const std::vector<Type>& types) {
  Batch out = Batch::with_types(types);
  if (args[0].is_null) return out;
  for (const auto& e : parse_array_elements(args[0].s, args[0].type)) {
    out.columns[0].append(e ? parse_value(*e, types[0]) : Value::null(types[0]));
    out.weights.push_back(1);
  }
  return out;
}

Batch expand_array(const std::vector<Value>& args, const std::vector<Type>& types) {
  Batch out = Batch::with_types(types);
  if (args[0].is_null) return out;
  int64_t n = 0;
  for (const auto& e : parse_array_elements(args[0].s, args[0].type)) {
    out.columns[0].append(e ? parse_value(*e, types[0]) : Value::null(types[0]));
    out.columns[1].append_int(++n);
    out.weights.push_back(1);
  }
  return out;
}

Batch subscripts(const std::vector<Value>& args, const std::vector<Type>& types) {
  Batch out = Batch::with_types(types);
  if (args[0].is_null || args[1].is_null || args[1].i != 1) return out;
  const int64_t lower = array_lower_bound(args[0].type);
  const size_t count = parse_array_elements(args[0].s, args[0].type).size();
  for (size_t k = 0; k < count; ++k) out.columns[0].append_int(lower + static_cast<int64_t>(k));
  out.weights.assign(count, 1);
  return out;
}

[[noreturn]] void no_such(std::string_view name, const std::vector<BoundExprPtr>& args, int position) {
  std::string list;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) list += ", ";
    list += args[i]->unknown_literal ? "unknown" : args[i]->type.sql_name();
  }
  throw SqlError(sqlstate::kUndefinedFunction, "function " + std::string(name) + "(" + list + ") does not exist", position)
      .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.");
}

Type array_argument(std::string_view name, std::vector<BoundExprPtr>& args, size_t count, int position) {
  if (args.size() != count || !args[0]->type.is_array()) no_such(name, args, position);
  return args[0]->type;
}

}  // namespace

bool is_table_function(std::string_view name) {
  return name == "generate_series" || name == "unnest" || name == "generate_subscripts" || name == "_pg_expandarray";
}

TableFunctionDef resolve_table_function(std::string_view name, std::vector<BoundExprPtr>& args, int position) {
  TableFunctionDef def;
  if (name == "generate_series") {
    if (args.size() < 2 || args.size() > 3) no_such(name, args, position);
    Type t = Type::int32();
    bool temporal = false;
    for (const auto& a : args) {
      if (a->unknown_literal || a->type.id == TypeId::Null) continue;
      if (a->type.id == TypeId::Int64) t = Type::int64();
      else if (a->type.is_temporal() && &a != &args[2]) {
        temporal = true;
        t = a->type.id == TypeId::TimestampTz ? Type::timestamptz() : Type::timestamp();
      } else if (!a->type.is_integer() && !(a->type.id == TypeId::Interval && &a == &args[2]) && !a->type.is_oid_like()) {
        no_such(name, args, position);
      }
    }
    if (temporal) {
      if (args.size() != 3) no_such(name, args, position);
      args[0] = bind_cast(std::move(args[0]), t, position);
      args[1] = bind_cast(std::move(args[1]), t, position);
      args[2] = bind_cast(std::move(args[2]), Type::interval(), position);
      def.fn = &timestamp_series;
    } else {
      for (auto& a : args) a = bind_cast(std::move(a), t, position);
      def.fn = &int_series;
    }
    def.types = {t};
    def.names = {"generate_series"};
    return def;
  }
  if (name == "unnest") {
    Type a = array_argument(name, args, 1, position);
    def = {&unnest, {a.element()}, {"unnest"}};
    return def;
  }
  if (name == "_pg_expandarray") {
    Type a = array_argument(name, args, 1, position);
    def = {&expand_array, {a.element(), Type::int32()}, {"x", "n"}};
    return def;
  }
  if (name == "generate_subscripts") {
    array_argument(name, args, 2, position);
    args[1] = bind_cast(std::move(args[1]), Type::int32(), position);
    def = {&subscripts, {Type::int32()}, {"generate_subscripts"}};
    return def;
  }
  no_such(name, args, position);
}

}  // namespace eddy::engine
