#include "engine/query_plan.h"

namespace eddy::engine {

std::vector<std::string> QueryPlan::explain(bool continuous) const {
  std::vector<std::string> lines;
  std::string outputs_text;
  for (size_t i = 0; i < visible_outputs; ++i)
    outputs_text += (i ? ", " : "") + outputs[i]->to_string() + " AS " + output_names[i];
  if (continuous) lines.push_back("Materialize (update mode; one write per changed key per epoch)");
  if (limit || offset) lines.push_back("Limit (limit " + (limit ? std::to_string(*limit) : "all") + ", offset " + std::to_string(offset) + ")");
  if (!order_by.empty()) lines.push_back("Sort (" + std::to_string(order_by.size()) + " keys)");
  if (distinct) lines.push_back("Distinct");
  lines.push_back("Project (" + outputs_text + ")");
  if (aggregate) {
    const AggregatePlan& ap = *aggregate;
    if (ap.having) lines.push_back("Filter HAVING (" + ap.having->to_string() + ")");
    std::string keys, aggs;
    for (int k : ap.key_inputs) keys += (keys.empty() ? "" : ", ") + ap.pre_exprs[k]->to_string();
    for (const auto& a : ap.aggregates) {
      aggs += (aggs.empty() ? "" : ", ") + a.name + "(" + (a.distinct ? "DISTINCT " : "") +
              (a.input < 0 ? "*" : ap.pre_exprs[a.input]->to_string());
      for (size_t k = 0; k < a.order_by.size(); ++k)
        aggs += (k == 0 ? " ORDER BY " : ", ") + ap.pre_exprs[a.order_by[k].input]->to_string() +
                (a.order_by[k].descending ? " DESC" : "") +
                (a.order_by[k].nulls_first == a.order_by[k].descending ? ""
                 : a.order_by[k].nulls_first                          ? " NULLS FIRST"
                                                                      : " NULLS LAST");
      aggs += ")";
    }
    std::string line = "HashAggregate (keys: " + (keys.empty() ? std::string("none") : keys) + "; aggregates: " + aggs + ")";
    if (ap.window)
      line += " with tumbling window on " + ap.pre_exprs[ap.window->ts_input]->to_string() + " of " +
              std::to_string(ap.window->size_micros / 1000) + " ms";
    lines.push_back(line);
    if (continuous) lines.push_back("  state: one accumulator row per group key; only changed groups are written per epoch");
  }
  if (filter) lines.push_back("Filter (" + filter->to_string() + ")");
  lines.push_back("Scan");
  for (size_t i = 1; i < lines.size(); ++i) lines[i] = std::string(2 * (i - 1), ' ') + "->  " + lines[i];
  return lines;
}

}  // namespace eddy::engine
