#include "engine/query_plan.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "common/error.h"
#include "engine/hash_aggregate.h"
#include "storage/key_encoding.h"

namespace eddy::engine {

std::vector<Type> QueryPlan::output_types() const {
  std::vector<Type> out;
  for (size_t i = 0; i < visible_outputs; ++i) out.push_back(outputs[i]->type);
  return out;
}

Batch apply_filter(const BoundExpr* filter, const Batch& input) {
  if (!filter || input.empty()) return input;
  std::vector<uint32_t> keep = evaluate_filter(*filter, input);
  if (keep.size() == input.rows()) return input;
  return input.gather(keep);
}

Batch evaluate_all(const std::vector<BoundExprPtr>& exprs, const Batch& input, size_t count) {
  Batch out;
  out.columns.reserve(count);
  for (size_t i = 0; i < count; ++i) out.columns.push_back(evaluate(*exprs[i], input));
  out.weights = input.weights;
  return out;
}

namespace {

Batch sort_rows(const QueryPlan& plan, Batch rows) {
  std::vector<uint32_t> order(rows.rows());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::vector<Value>> keys(plan.order_by.size());
  for (size_t k = 0; k < plan.order_by.size(); ++k) {
    const Column& c = rows.columns[plan.order_by[k].output];
    keys[k].reserve(rows.rows());
    for (size_t r = 0; r < rows.rows(); ++r) keys[k].push_back(c.get(r));
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < plan.order_by.size(); ++k) {
      const SortKey& sk = plan.order_by[k];
      const Value& va = keys[k][a];
      const Value& vb = keys[k][b];
      if (va.is_null != vb.is_null) return va.is_null == sk.nulls_first;
      int c = compare_values(va, vb);
      if (c != 0) return sk.descending ? c > 0 : c < 0;
    }
    return false;
  });
  return rows.gather(order);
}

Batch distinct_rows(const QueryPlan& plan, const Batch& rows) {
  std::set<std::string> seen;
  std::vector<uint32_t> keep;
  std::string key;
  for (size_t r = 0; r < rows.rows(); ++r) {
    key.clear();
    for (size_t c = 0; c < plan.visible_outputs; ++c) storage::append_key(key, rows.columns[c], r);
    if (seen.insert(key).second) keep.push_back(static_cast<uint32_t>(r));
  }
  return rows.gather(keep);
}

}  // namespace

Batch execute_batch(const QueryPlan& plan, const Batch& input) {
  Batch current = apply_filter(plan.filter.get(), input);
  if (plan.aggregate) {
    const AggregatePlan& ap = *plan.aggregate;
    Batch pre = evaluate_all(ap.pre_exprs, current, ap.pre_exprs.size());
    HashAggregate agg(ap.key_inputs, ap.key_types, ap.window, ap.aggregates);
    agg.consume(pre);
    current = apply_filter(ap.having.get(), agg.all_groups());
  }
  Batch out = evaluate_all(plan.outputs, current, plan.outputs.size());
  if (plan.distinct) out = distinct_rows(plan, out);
  if (!plan.order_by.empty()) out = sort_rows(plan, std::move(out));
  size_t begin = std::min<size_t>(static_cast<size_t>(std::max<int64_t>(plan.offset, 0)), out.rows());
  size_t end = out.rows();
  if (plan.limit) end = std::min(end, begin + static_cast<size_t>(std::max<int64_t>(*plan.limit, 0)));
  if (begin != 0 || end != out.rows() || out.columns.size() != plan.visible_outputs) {
    std::vector<uint32_t> rows(end - begin);
    std::iota(rows.begin(), rows.end(), static_cast<uint32_t>(begin));
    out = out.gather(rows);
    out.columns.resize(plan.visible_outputs);
  }
  return out;
}

}  // namespace eddy::engine
