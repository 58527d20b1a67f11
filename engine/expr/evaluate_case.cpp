// CASE and COALESCE, evaluated lazily by row selection: a branch runs only over the rows that
// reach it, so `CASE WHEN x = 0 THEN 0 ELSE 10 / x END` never divides by zero.
#include <numeric>

#include "engine/expr/evaluator.h"

namespace eddy::engine::detail {
namespace {

std::vector<uint32_t> all_rows(size_t rows) {
  std::vector<uint32_t> sel(rows);
  std::iota(sel.begin(), sel.end(), 0U);
  return sel;
}

void scatter(Column& result, const std::vector<uint32_t>& sel, const Vec& v) {
  const Column& src = v.col();
  for (size_t j = 0; j < sel.size(); ++j) put_row(result, sel[j], src, v.at(j));
}

}  // namespace

Vec eval_case(const BoundExpr& e, const Batch& batch) {
  const size_t rows = batch.rows();
  const size_t pairs = (e.children.size() - (e.has_else ? 1 : 0)) / 2;
  Vec out;
  out.owned = null_column(e.type, rows);
  std::vector<uint32_t> remaining = all_rows(rows), taken, rest;
  for (size_t p = 0; p < pairs && !remaining.empty(); ++p) {
    Vec cond = eval_selected(*e.children[2 * p], batch, remaining);
    taken.clear();
    rest.clear();
    const Column& c = cond.col();
    for (size_t j = 0; j < remaining.size(); ++j) {
      const size_t k = cond.at(j);
      const bool yes = !c.is_null(k) && c.ints()[k] != 0;
      (yes ? taken : rest).push_back(remaining[j]);
    }
    if (!taken.empty()) scatter(out.owned, taken, eval_selected(*e.children[2 * p + 1], batch, taken));
    remaining.swap(rest);
  }
  if (e.has_else && !remaining.empty()) {
    scatter(out.owned, remaining, eval_selected(*e.children.back(), batch, remaining));
  }
  compact_nulls(out.owned);
  return out;
}

Vec eval_coalesce(const BoundExpr& e, const Batch& batch) {
  const size_t rows = batch.rows();
  Vec first = eval(*e.children[0], batch);
  if (!first.col().has_nulls() || e.children.size() == 1) return first;  // nothing to fill in
  if (first.constant && !first.is_null(0)) return first;
  Vec out;
  out.owned = null_column(e.type, rows);
  std::vector<uint32_t> remaining, next;
  for (size_t i = 0; i < rows; ++i) {
    if (first.is_null(i)) {
      remaining.push_back(static_cast<uint32_t>(i));
    } else {
      put_row(out.owned, i, first.col(), first.at(i));
    }
  }
  for (size_t k = 1; k < e.children.size() && !remaining.empty(); ++k) {
    Vec v = eval_selected(*e.children[k], batch, remaining);
    next.clear();
    for (size_t j = 0; j < remaining.size(); ++j) {
      if (v.is_null(j)) {
        next.push_back(remaining[j]);
      } else {
        put_row(out.owned, remaining[j], v.col(), v.at(j));
      }
    }
    remaining.swap(next);
  }
  compact_nulls(out.owned);
  return out;
}

}  // namespace eddy::engine::detail
