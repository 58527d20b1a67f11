#include "engine/aggregate_spec.h"

#include "common/error.h"
#include "common/value_text.h"

namespace eddy::engine {

bool is_aggregate_name(std::string_view name) {
  return name == "count" || name == "sum" || name == "avg" || name == "min" || name == "max" ||
         name == "string_agg" || name == "array_agg" || name == "bool_and" || name == "bool_or" || name == "every" ||
         name == "approx_count_distinct" || name == "first_value" || name == "last_value";
}

std::optional<AggregateSpec> resolve_aggregate(std::string_view name, bool star, Type in,
                                               int position) {
  AggregateSpec spec;
  spec.name = std::string(name);
  spec.input_type = in;
  auto no_fn = [&]() {
    return SqlError(sqlstate::kUndefinedFunction,
                    "function " + std::string(name) + "(" + in.sql_name() + ") does not exist",
                    position)
        .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.");
  };
  if (name == "count") {
    spec.kind = star ? AggregateKind::CountStar : AggregateKind::Count;
    spec.result_type = Type::int64();
    return spec;
  }
  if (star) throw no_fn();
  if (name == "sum") {
    spec.kind = AggregateKind::Sum;
    if (in.id == TypeId::Int16 || in.id == TypeId::Int32) spec.result_type = Type::int64();
    else if (in.id == TypeId::Int64 || in.id == TypeId::Numeric) spec.result_type = Type::numeric();
    else if (in.id == TypeId::Float32 || in.id == TypeId::Float64) spec.result_type = in;
    else if (in.id == TypeId::Null) spec.result_type = Type::numeric();
    else throw no_fn();
    return spec;
  }
  if (name == "avg") {
    spec.kind = AggregateKind::Avg;
    if (in.is_integer() || in.id == TypeId::Numeric || in.id == TypeId::Null) spec.result_type = Type::numeric();
    else if (in.id == TypeId::Float32 || in.id == TypeId::Float64) spec.result_type = Type::float64();
    else throw no_fn();
    return spec;
  }
  if (name == "min" || name == "max") {
    spec.kind = name == "min" ? AggregateKind::Min : AggregateKind::Max;
    if (in.id == TypeId::Bool || in.id == TypeId::Jsonb) throw no_fn();
    spec.result_type = in.id == TypeId::Null ? Type::text() : in;
    return spec;
  }
  if (name == "string_agg") {
    if (!in.is_string() && in.id != TypeId::Name && in.id != TypeId::Char && in.id != TypeId::Null) throw no_fn();
    spec.kind = AggregateKind::StringAgg;
    spec.result_type = Type::text();
    return spec;
  }
  if (name == "array_agg") {
    if (in.is_array()) throw no_fn();
    spec.kind = AggregateKind::ArrayAgg;
    spec.result_type = Type::array_of(in.id == TypeId::Null ? Type::text() : in);
    return spec;
  }
  if (name == "bool_and" || name == "bool_or" || name == "every") {
    if (in.id != TypeId::Bool && in.id != TypeId::Null) throw no_fn();
    spec.kind = name == "bool_or" ? AggregateKind::BoolOr : AggregateKind::BoolAnd;
    spec.result_type = Type::boolean();
    return spec;
  }
  if (name == "approx_count_distinct") {  // any type: values are hashed
    spec.kind = AggregateKind::ApproxCountDistinct;
    spec.result_type = Type::int64();
    return spec;
  }
  if (name == "first_value" || name == "last_value") {
    spec.kind = name == "first_value" ? AggregateKind::FirstValue : AggregateKind::LastValue;
    spec.result_type = in.id == TypeId::Null ? Type::text() : in;
    return spec;
  }
  return std::nullopt;
}

std::string WindowSpec::describe() const {
  auto span = [](int64_t micros) { return format_interval(Interval{0, 0, micros}); };
  switch (kind) {
    case WindowKind::Tumbling: return "tumbling " + span(size_micros);
    case WindowKind::Sliding: return "sliding " + span(size_micros) + " every " + span(slide_micros);
    case WindowKind::Session: return "session gap " + span(size_micros);
  }
  return "";
}

}  // namespace eddy::engine
