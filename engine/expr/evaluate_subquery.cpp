// OuterRef and Subquery nodes: correlated subqueries run once per outer row (once per batch
// when nothing correlates), their results reduced by the subquery's mode.
#include "common/array_text.h"
#include "common/error.h"
#include "common/interrupt.h"
#include "common/value_text.h"
#include "engine/expr/evaluator.h"
#include "engine/relation_plan.h"

namespace eddy::engine::detail {
namespace {

// -1 false, 0 NULL, 1 true: x op ANY/ALL over the subquery's column.
int any_all(const SubqueryPlan& plan, const Value& tested, const Batch& result) {
  const bool any = plan.mode == SubqueryMode::Any;
  if (result.rows() == 0) return any ? -1 : 1;
  Batch pair;
  Column left(tested.type);
  for (size_t r = 0; r < result.rows(); ++r) left.append(tested);
  pair.columns.push_back(std::move(left));
  pair.columns.push_back(result.columns[0]);
  pair.weights.assign(result.rows(), 1);
  Column outcome = evaluate(*plan.compare, pair);
  bool saw_null = false;
  for (size_t r = 0; r < outcome.size(); ++r) {
    if (outcome.is_null(r)) {
      saw_null = true;
      continue;
    }
    const bool t = outcome.ints()[r] != 0;
    if (any && t) return 1;
    if (!any && !t) return -1;
  }
  if (saw_null) return 0;
  return any ? -1 : 1;
}

void reduce(const BoundExpr& e, const Value* tested, const Batch& result, Column& out) {
  const SubqueryPlan& plan = *e.subquery;
  switch (plan.mode) {
    case SubqueryMode::Scalar:
      if (result.rows() > 1)
        throw SqlError("21000", "more than one row returned by a subquery used as an expression", e.position);
      if (result.rows() == 0) out.append_null();
      else out.append_from(result.columns[0], 0);
      return;
    case SubqueryMode::Exists: out.append_int(result.rows() > 0 ? 1 : 0); return;
    case SubqueryMode::Array: {
      ArrayElements elements;
      const Column& c = result.columns[0];
      for (size_t r = 0; r < result.rows(); ++r) {
        if (c.is_null(r)) elements.emplace_back(std::nullopt);
        else {
          std::string text;
          append_value_text(text, c, r);
          elements.emplace_back(std::move(text));
        }
      }
      out.append_string(format_array(elements, e.type));
      return;
    }
    case SubqueryMode::Any:
    case SubqueryMode::All: {
      if (tested->is_null) {
        if (result.rows() == 0) out.append_int(plan.mode == SubqueryMode::Any ? 0 : 1);
        else out.append_null();
        return;
      }
      int r = any_all(plan, *tested, result);
      if (r == 0) out.append_null();
      else out.append_int(r > 0 ? 1 : 0);
      return;
    }
  }
}

}  // namespace

Vec eval_outer_ref(const BoundExpr& e) {
  Vec v;
  v.constant = true;
  v.owned = Column(e.type);
  if (!e.slots || e.column < 0 || static_cast<size_t>(e.column) >= e.slots->size())
    throw SqlError(sqlstate::kInternalError, "outer reference without a value");
  Value value = (*e.slots)[static_cast<size_t>(e.column)];
  value.type = e.type;
  v.owned.append(value);
  return v;
}

Vec eval_subquery(const BoundExpr& e, const Batch& batch) {
  const SubqueryPlan& plan = *e.subquery;
  const bool tests = plan.mode == SubqueryMode::Any || plan.mode == SubqueryMode::All;
  std::vector<Vec> kids;
  bool constant = true;
  for (const auto& c : e.children) {
    kids.push_back(eval(*c, batch));
    constant = constant && kids.back().constant;
  }
  const size_t first_slot = tests ? 1 : 0;
  const size_t rows = constant ? 1 : batch.rows();
  Vec out;
  out.constant = constant;
  out.owned = Column(e.type);
  // An uncorrelated subquery's result does not depend on the row: run it once.
  std::optional<Batch> shared;
  for (size_t r = 0; r < rows; ++r) {
    if ((r & 255) == 0) check_interrupts();
    for (size_t k = first_slot; k < kids.size(); ++k)
      (*plan.slots)[k - first_slot] = kids[k].col().get(kids[k].at(r));
    const Batch* result;
    Batch fresh;
    if (kids.size() == first_slot) {
      if (!shared) shared = execute_relation(*plan.root);
      result = &*shared;
    } else {
      fresh = execute_relation(*plan.root);
      result = &fresh;
    }
    Value tested;
    if (tests) tested = kids[0].col().get(kids[0].at(r));
    reduce(e, tests ? &tested : nullptr, *result, out.owned);
  }
  compact_nulls(out.owned);
  return out;
}

}  // namespace eddy::engine::detail
