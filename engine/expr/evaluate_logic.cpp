// AND / OR (three-valued, lazy), NOT, IS [NOT] NULL and [NOT] IN (list).
//
// AND and OR evaluate their operands left to right, and an operand only over the rows the
// previous ones left undecided (not yet FALSE for AND, not yet TRUE for OR), so that
// `x <> 0 AND 10 / x > 1` never divides by zero, as with PostgreSQL's per-row short-circuit.
#include "engine/expr/evaluator.h"
#include "engine/expr/kernel_util.h"

namespace eddy::engine::detail {
namespace {

enum : uint8_t { kFalse = 0, kTrue = 1, kNull = 2 };

uint8_t state(const Column& c, size_t i) {
  if (c.is_null(i)) return kNull;
  return c.ints()[i] != 0 ? kTrue : kFalse;
}

uint8_t combine(bool is_and, uint8_t a, uint8_t b) {
  if (is_and) {
    if (a == kFalse || b == kFalse) return kFalse;
    return (a == kNull || b == kNull) ? kNull : kTrue;
  }
  if (a == kTrue || b == kTrue) return kTrue;
  return (a == kNull || b == kNull) ? kNull : kFalse;
}

Vec from_states(const std::vector<uint8_t>& states, bool constant) {
  Vec out;
  out.constant = constant;
  out.owned = Column(Type::boolean());
  auto& data = out.owned.ints();
  data.resize(states.size());
  bool any_null = false;
  for (size_t i = 0; i < states.size(); ++i) {
    data[i] = states[i] == kTrue ? 1 : 0;
    any_null = any_null || states[i] == kNull;
  }
  if (any_null) {
    auto& nulls = out.owned.nulls();
    nulls.resize(states.size());
    for (size_t i = 0; i < states.size(); ++i) nulls[i] = states[i] == kNull ? 1 : 0;
  }
  return out;
}

bool values_equal_at(const Column& a, size_t i, const Column& b, size_t j) {
  switch (a.type().physical()) {
    case PhysicalType::Int64:
      if (b.type().physical() == PhysicalType::Float64) return kernel::cmp_float(double(a.ints()[i]), b.floats()[j]) == 0;
      return a.ints()[i] == b.ints()[j];
    case PhysicalType::Float64:
      if (b.type().physical() == PhysicalType::Int64) return kernel::cmp_float(a.floats()[i], double(b.ints()[j])) == 0;
      return kernel::cmp_float(a.floats()[i], b.floats()[j]) == 0;
    case PhysicalType::String: return a.strings()[i] == b.strings()[j];
    case PhysicalType::Interval: return kernel::cmp_interval(a.intervals()[i], b.intervals()[j]) == 0;
  }
  return false;
}

}  // namespace

Vec eval_and_or(const BoundExpr& e, const Batch& batch) {
  const bool is_and = e.kind == BoundKind::And;
  const uint8_t decided = is_and ? kFalse : kTrue;
  const size_t rows = batch.rows();

  Vec first = eval(*e.children[0], batch);
  bool constant = first.constant;
  std::vector<uint8_t> acc(constant ? 1 : rows);
  for (size_t i = 0; i < acc.size(); ++i) acc[i] = state(first.col(), i);

  std::vector<uint32_t> sel;
  for (size_t k = 1; k < e.children.size(); ++k) {
    if (constant) {
      if (acc[0] == decided) break;
      Vec v = eval(*e.children[k], batch);
      if (v.constant) {
        acc[0] = combine(is_and, acc[0], state(v.col(), 0));
        continue;
      }
      acc.assign(rows, acc[0]);
      constant = false;
      for (size_t i = 0; i < rows; ++i) acc[i] = combine(is_and, acc[i], state(v.col(), i));
      continue;
    }
    sel.clear();
    for (size_t i = 0; i < rows; ++i) {
      if (acc[i] != decided) sel.push_back(static_cast<uint32_t>(i));
    }
    if (sel.empty()) break;
    Vec v = eval_selected(*e.children[k], batch, sel);
    for (size_t j = 0; j < sel.size(); ++j) acc[sel[j]] = combine(is_and, acc[sel[j]], state(v.col(), v.at(j)));
  }
  return from_states(acc, constant);
}

Vec eval_not(const BoundExpr& e, const Batch& batch) {
  Vec in = eval(*e.children[0], batch);
  const Column& c = in.col();
  Vec out;
  out.constant = in.constant;
  out.owned = Column(Type::boolean());
  const size_t n = c.size();
  auto& data = out.owned.ints();
  data.resize(n);
  for (size_t i = 0; i < n; ++i) data[i] = c.ints()[i] == 0 ? 1 : 0;
  if (c.has_nulls()) out.owned.nulls() = c.nulls();
  return out;
}

Vec eval_is_null(const BoundExpr& e, const Batch& batch) {
  Vec in = eval(*e.children[0], batch);
  const Column& c = in.col();
  Vec out;
  out.constant = in.constant;
  out.owned = Column(Type::boolean());
  const size_t n = c.size();
  auto& data = out.owned.ints();
  const int64_t when_null = e.negated ? 0 : 1;
  data.assign(n, 1 - when_null);
  if (c.has_nulls()) {
    for (size_t i = 0; i < n; ++i) {
      if (c.nulls()[i] != 0) data[i] = when_null;
    }
  }
  return out;
}

// x IN (a, b, ...): TRUE when some item equals x; otherwise NULL when x or some item is NULL;
// otherwise FALSE. NOT IN negates TRUE and FALSE.
Vec eval_in_list(const BoundExpr& e, const Batch& batch) {
  std::vector<Vec> items;
  items.reserve(e.children.size());
  bool constant = true;
  for (const auto& c : e.children) {
    items.push_back(eval(*c, batch));
    constant = constant && items.back().constant;
  }
  const size_t rows = constant ? 1 : batch.rows();
  std::vector<uint8_t> states(rows);
  const Vec& lhs = items[0];
  for (size_t i = 0; i < rows; ++i) {
    if (lhs.is_null(i)) {
      states[i] = kNull;
      continue;
    }
    bool found = false, saw_null = false;
    for (size_t k = 1; k < items.size() && !found; ++k) {
      if (items[k].is_null(i)) {
        saw_null = true;
      } else {
        found = values_equal_at(lhs.col(), lhs.at(i), items[k].col(), items[k].at(i));
      }
    }
    if (found) {
      states[i] = e.negated ? kFalse : kTrue;
    } else {
      states[i] = saw_null ? kNull : (e.negated ? kTrue : kFalse);
    }
  }
  return from_states(states, constant);
}

}  // namespace eddy::engine::detail
