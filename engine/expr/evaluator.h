#pragma once
// The evaluator's internal form of a result (internal to engine/expr).
//
// A node's result is a Vec: either a borrowed input column (a ColumnRef costs nothing), or an
// owned column; `constant` says the column holds ONE value standing for every row (a Constant,
// or a Call whose arguments were all constant: computed once per batch, not once per row).

#include <cstdint>
#include <vector>

#include "common/column.h"
#include "engine/expression.h"

namespace eddy::engine::detail {

struct Vec {
  Column owned;
  const Column* borrowed = nullptr;
  bool constant = false;

  const Column& col() const { return borrowed != nullptr ? *borrowed : owned; }
  // Row i of the result, honouring broadcast.
  size_t at(size_t i) const { return constant ? 0 : i; }
  bool is_null(size_t i) const { return col().is_null(at(i)); }
  // Takes the column out, copying a borrowed one; broadcast stays one row.
  Column take() { return borrowed != nullptr ? *borrowed : std::move(owned); }
};

// Evaluates `e` over all rows of `batch`.
Vec eval(const BoundExpr& e, const Batch& batch);

// Evaluates `e` over the rows `sel` of `batch` only; the result has sel.size() rows (or is
// constant). Used for lazy CASE / COALESCE / AND / OR branches.
Vec eval_selected(const BoundExpr& e, const Batch& batch, const std::vector<uint32_t>& sel);

// The special forms (evaluate_logic.cpp, evaluate_case.cpp).
Vec eval_and_or(const BoundExpr& e, const Batch& batch);
Vec eval_not(const BoundExpr& e, const Batch& batch);
Vec eval_is_null(const BoundExpr& e, const Batch& batch);
Vec eval_case(const BoundExpr& e, const Batch& batch);
Vec eval_coalesce(const BoundExpr& e, const Batch& batch);
Vec eval_in_list(const BoundExpr& e, const Batch& batch);
Vec eval_outer_ref(const BoundExpr& e);                        // evaluate_subquery.cpp
Vec eval_subquery(const BoundExpr& e, const Batch& batch);     // evaluate_subquery.cpp

// A column of `rows` NULLs of type t.
Column null_column(Type t, size_t rows);
// Copies row `src_row` of `src` into row `dst_row` of `dst` (same physical type, dst already
// sized); clears or sets the NULL flag of dst_row accordingly (dst must have a null map).
void put_row(Column& dst, size_t dst_row, const Column& src, size_t src_row);
// Drops dst's null map when it holds no NULL.
void compact_nulls(Column& c);

}  // namespace eddy::engine::detail
