// The evaluator: walks a bound expression once per batch; every node yields a whole column.
#include <string>

#include "common/error.h"
#include "engine/expr/cast_kernels.h"
#include "engine/expr/evaluator.h"
#include "engine/expression.h"

namespace eddy::engine {
namespace detail {
namespace {

Vec eval_constant_node(const BoundExpr& e) {
  Vec v;
  v.constant = true;
  v.owned = Column(e.type);
  v.owned.append(e.value);
  return v;
}

Vec eval_column_ref(const BoundExpr& e, const Batch& batch) {
  if (e.column < 0 || static_cast<size_t>(e.column) >= batch.columns.size()) {
    throw SqlError(sqlstate::kInternalError, "expression reads input column " + std::to_string(e.column) +
                                                 " but the batch has " + std::to_string(batch.columns.size()));
  }
  Vec v;
  v.borrowed = &batch.columns[static_cast<size_t>(e.column)];
  v.constant = batch.rows() == 1 && v.borrowed->size() == 1;
  return v;
}

// A cast that keeps the representation only changes the column's type: no copy when the
// operand's column is owned, none at all when the type is already right.
Vec eval_relabel(const BoundExpr& e, const Batch& batch) {
  Vec v = eval(*e.children[0], batch);
  if (v.col().type() == e.type) return v;
  if (v.borrowed != nullptr) {
    v.owned = *v.borrowed;
    v.borrowed = nullptr;
  }
  v.owned.set_type(e.type);
  return v;
}

Vec eval_call(const BoundExpr& e, const Batch& batch) {
  if (e.fn == nullptr) throw SqlError(sqlstate::kInternalError, "call of " + e.name + " has no implementation");
  if (e.fn == &casts::relabel && e.children.size() == 1) return eval_relabel(e, batch);
  std::vector<Vec> values;
  values.reserve(e.children.size());
  bool all_constant = true;
  for (const auto& child : e.children) {
    values.push_back(eval(*child, batch));
    all_constant = all_constant && values.back().constant;
  }
  std::vector<const Column*> args;
  args.reserve(values.size());
  for (const auto& v : values) args.push_back(&v.col());
  Vec out;
  out.constant = all_constant;
  out.owned = Column(e.type);
  e.fn(args, all_constant ? 1 : batch.rows(), out.owned);
  return out;
}

void collect_columns(const BoundExpr& e, std::vector<uint8_t>& used) {
  if (e.kind == BoundKind::ColumnRef && e.column >= 0) {
    if (used.size() <= static_cast<size_t>(e.column)) used.resize(static_cast<size_t>(e.column) + 1, 0);
    used[static_cast<size_t>(e.column)] = 1;
  }
  for (const auto& c : e.children) collect_columns(*c, used);
}

Column broadcast(const Column& c, Type type, size_t rows) {
  Column out(type);
  if (c.is_null(0)) return null_column(type, rows);
  switch (type.physical()) {
    case PhysicalType::Int64: out.ints().assign(rows, c.ints()[0]); break;
    case PhysicalType::Float64: out.floats().assign(rows, c.floats()[0]); break;
    case PhysicalType::String: out.strings().assign(rows, c.strings()[0]); break;
    case PhysicalType::Interval: out.intervals().assign(rows, c.intervals()[0]); break;
  }
  return out;
}

}  // namespace

Vec eval(const BoundExpr& e, const Batch& batch) {
  switch (e.kind) {
    case BoundKind::Constant: return eval_constant_node(e);
    case BoundKind::ColumnRef: return eval_column_ref(e, batch);
    case BoundKind::Call: return eval_call(e, batch);
    case BoundKind::And:
    case BoundKind::Or: return eval_and_or(e, batch);
    case BoundKind::Not: return eval_not(e, batch);
    case BoundKind::IsNull: return eval_is_null(e, batch);
    case BoundKind::Case: return eval_case(e, batch);
    case BoundKind::Coalesce: return eval_coalesce(e, batch);
    case BoundKind::InList: return eval_in_list(e, batch);
    case BoundKind::OuterRef: return eval_outer_ref(e);
    case BoundKind::Subquery: return eval_subquery(e, batch);
  }
  throw SqlError(sqlstate::kInternalError, "unknown expression kind");
}

Vec eval_selected(const BoundExpr& e, const Batch& batch, const std::vector<uint32_t>& sel) {
  if (sel.size() == batch.rows()) return eval(e, batch);  // callers pass ascending rows
  std::vector<uint8_t> used;
  collect_columns(e, used);
  Batch sub;
  sub.columns.resize(batch.columns.size());
  for (size_t c = 0; c < used.size() && c < batch.columns.size(); ++c) {
    if (used[c]) sub.columns[c] = batch.columns[c].gather(sel);
  }
  sub.weights.assign(sel.size(), 1);
  Vec v = eval(e, sub);
  if (v.borrowed != nullptr) {  // a ColumnRef into `sub`, which dies here
    v.owned = *v.borrowed;
    v.borrowed = nullptr;
  }
  return v;
}

Column null_column(Type t, size_t rows) {
  Column out(t);
  switch (t.physical()) {
    case PhysicalType::Int64: out.ints().assign(rows, 0); break;
    case PhysicalType::Float64: out.floats().assign(rows, 0); break;
    case PhysicalType::String: out.strings().assign(rows, std::string()); break;
    case PhysicalType::Interval: out.intervals().assign(rows, Interval{}); break;
  }
  out.nulls().assign(rows, 1);
  return out;
}

void put_row(Column& dst, size_t dst_row, const Column& src, size_t src_row) {
  if (src.is_null(src_row)) {
    dst.nulls()[dst_row] = 1;
    return;
  }
  dst.nulls()[dst_row] = 0;
  switch (dst.type().physical()) {
    case PhysicalType::Int64: dst.ints()[dst_row] = src.ints()[src_row]; break;
    case PhysicalType::Float64: dst.floats()[dst_row] = src.floats()[src_row]; break;
    case PhysicalType::String: dst.strings()[dst_row] = src.strings()[src_row]; break;
    case PhysicalType::Interval: dst.intervals()[dst_row] = src.intervals()[src_row]; break;
  }
}

void compact_nulls(Column& c) {
  for (uint8_t n : c.nulls()) {
    if (n != 0) return;
  }
  c.nulls().clear();
}

}  // namespace detail

Column evaluate(const BoundExpr& expr, const Batch& batch) {
  const size_t rows = batch.rows();
  if (rows == 0) return Column(expr.type);
  detail::Vec v = detail::eval(expr, batch);
  if (v.constant && v.col().size() != rows) return detail::broadcast(v.col(), expr.type, rows);
  Column out = v.take();
  if (out.type().physical() == expr.type.physical()) out.set_type(expr.type);
  return out;
}

Value evaluate_constant(const BoundExpr& expr) {
  Batch one;
  one.weights.push_back(1);
  detail::Vec v = detail::eval(expr, one);
  Value out = v.col().get(0);
  out.type = expr.type;
  return out;
}

std::vector<uint32_t> evaluate_filter(const BoundExpr& predicate, const Batch& batch) {
  std::vector<uint32_t> selected;
  const size_t rows = batch.rows();
  if (rows == 0) return selected;
  detail::Vec v = detail::eval(predicate, batch);
  const Column& c = v.col();
  if (v.constant) {
    if (!c.is_null(0) && c.ints()[0] != 0) {
      selected.resize(rows);
      for (size_t i = 0; i < rows; ++i) selected[i] = static_cast<uint32_t>(i);
    }
    return selected;
  }
  const int64_t* data = c.ints().data();
  selected.reserve(rows);
  if (c.has_nulls()) {
    const uint8_t* nulls = c.nulls().data();
    for (size_t i = 0; i < rows; ++i) {
      if (data[i] != 0 && nulls[i] == 0) selected.push_back(static_cast<uint32_t>(i));
    }
  } else {
    for (size_t i = 0; i < rows; ++i) {
      if (data[i] != 0) selected.push_back(static_cast<uint32_t>(i));
    }
  }
  return selected;
}

}  // namespace eddy::engine
