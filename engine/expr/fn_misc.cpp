// Conditional functions (coalesce, nullif, greatest, least), the clock (now, current_timestamp,
// current_date, localtimestamp, ...), to_timestamp(double) and version().
//
// The clock functions are folded at bind time into Constants (one value per statement when a
// StatementTimeScope is held, see special_forms.h), named as PostgreSQL names their columns.
#include <algorithm>
#include <cmath>

#include "common/interrupt.h"
#include "common/value_text.h"
#include "common/version.h"
#include "engine/expr/datetime_util.h"
#include "engine/expr/evaluator.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/special_forms.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;


// greatest (kSign 1) / least (kSign -1): NULL arguments are ignored; NULL only if all are.
template <int kSign>
void k_extreme(const KArgs& args, size_t rows, Column& out) {
  out = detail::null_column(out.type(), rows);
  std::vector<size_t> steps(args.size());
  for (size_t k = 0; k < args.size(); ++k) steps[k] = stride(*args[k], rows);
  for (size_t i = 0; i < rows; ++i) {
    int best = -1;
    for (size_t k = 0; k < args.size(); ++k) {
      if (args[k]->is_null(i * steps[k])) continue;
      if (best < 0 || kSign * kernel::compare_rows(*args[k], i * steps[k], *args[best], i * steps[best]) > 0) best = static_cast<int>(k);
    }
    if (best >= 0) detail::put_row(out, i, *args[best], i * steps[best]);
  }
  detail::compact_nulls(out);
}

void k_nullif(const KArgs& args, size_t rows, Column& out) {
  const Column &a = *args[0], &b = *args[1];
  const size_t sa = stride(a, rows), sb = stride(b, rows);
  out = detail::null_column(out.type(), rows);
  for (size_t i = 0; i < rows; ++i) {
    if (a.is_null(i * sa)) continue;
    if (!b.is_null(i * sb) && kernel::compare_rows(a, i * sa, b, i * sb) == 0) continue;
    detail::put_row(out, i, a, i * sa);
  }
  detail::compact_nulls(out);
}

void k_to_timestamp(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const double us = std::rint(a[i] * 1e6);
    if (std::isnan(us)) throw SqlError(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
    if (!(us >= -9.2e18 && us <= 9.2e18)) throw SqlError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
    o[i] = dt::check_timestamp(static_cast<int64_t>(us));
  }
}

// pg_sleep(seconds): sleeps once per row and returns void (empty text output, as PostgreSQL
// prints void). Within a statement the sleep checks for cancel and statement_timeout every
// 10 ms (common/interrupt.h); elsewhere (a continuous query's thread) it is capped at 300 s so
// that nothing can hang a shutdown.
void k_pg_sleep(const KArgs& args, size_t rows, Column& out) {
  auto a = floats(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    out.strings()[i].clear();
    if (is_null_at(nulls, i) || !(a[i] > 0)) continue;
    interruptible_sleep(interrupts_armed() ? a[i] : std::min(a[i], 300.0));
  }
}

// Unifies the arguments to their common type; `context` names the construct in errors.
Type unify(Args& args, const char* context, int position) {
  const Type t = bind::common_type_of(args, context, position);
  for (auto& a : args) a = bind::coerce_implicit(std::move(a), t);
  return t;
}

BoundExprPtr bind_extreme(std::string_view name, Args& args, int position) {
  if (args.empty()) return nullptr;
  const Type t = unify(args, name == "greatest" ? "GREATEST" : "LEAST", position);
  return bind::make_call(std::string(name), t, name == "greatest" ? &k_extreme<1> : &k_extreme<-1>, std::move(args),
                         position);
}

BoundExprPtr bind_coalesce(std::string_view, Args& args, int position) {
  if (args.empty()) return nullptr;
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::Coalesce;
  e->position = position;
  e->type = unify(args, "COALESCE", position);
  e->children = std::move(args);
  return e;
}

BoundExprPtr bind_nullif(std::string_view, Args& args, int position) {
  if (args.size() != 2) return nullptr;
  const Type a = args[0]->type, b = args[1]->type;
  const bool comparable = bind::is_unknown(*args[0]) || bind::is_unknown(*args[1]) ||
                          bind::category(a) == bind::category(b);
  if (!comparable) bind::throw_undefined_operator(bind::operator_signature("=", args), position);
  const Type t = unify(args, "NULLIF", position);
  return bind::make_call("nullif", t, &k_nullif, std::move(args), position);
}

BoundExprPtr named_constant(Value v, std::string name, int position) {
  auto e = make_constant(std::move(v));
  e->name = std::move(name);
  e->position = position;
  return e;
}

BoundExprPtr bind_clock(std::string_view name, Args& args, int position) {
  if (!args.empty()) return nullptr;
  const int64_t now = statement_time_micros();
  if (name == "current_date") {
    return named_constant(Value::make_int(Type::date(), dt::floor_div(now, kMicrosPerDay)), std::string(name), position);
  }
  const Type t = name == "localtimestamp" ? Type::timestamp() : Type::timestamptz();
  return named_constant(Value::make_int(t, now), std::string(name), position);
}

BoundExprPtr bind_version(std::string_view, Args& args, int position) {
  if (!args.empty()) return nullptr;
  return named_constant(Value::text(kVersionString), "version", position);
}

}  // namespace

void register_misc(Registry& r) {
  r["greatest"] = {{}, &bind_extreme, {}};
  r["least"] = {{}, &bind_extreme, {}};
  r["coalesce"] = {{}, &bind_coalesce, {}};
  r["nullif"] = {{}, &bind_nullif, {}};
  for (const char* n : {"now", "current_timestamp", "transaction_timestamp", "statement_timestamp", "clock_timestamp",
                        "localtimestamp", "current_date"}) {
    r[n] = {{}, &bind_clock, {}};
  }
  r["version"] = {{}, &bind_version, {}};
  r["to_timestamp"] = {{sig({Type::float64()}, Type::timestamptz(), &k_to_timestamp)}, nullptr, {}};
  r["pg_sleep"] = {{sig({Type::float64()}, Type::void_type(), &k_pg_sleep)}, nullptr, {}};
}

}  // namespace eddy::engine::fns
