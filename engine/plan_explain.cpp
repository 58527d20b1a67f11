#include "engine/query_plan.h"

#include "common/value_text.h"

namespace eddy::engine {

std::vector<std::string> QueryPlan::explain(bool continuous) const {
  std::vector<std::string> lines;
  std::string outputs_text;
  for (size_t i = 0; i < visible_outputs; ++i)
    outputs_text += (i ? ", " : "") + outputs[i]->to_string() + " AS " + output_names[i];
  const bool emit_on_close = aggregate && aggregate->emit_on_close;
  if (continuous)
    lines.push_back(emit_on_close ? "Materialize (emit on window close: one final write per window, when the watermark passes its end)"
                                  : "Materialize (update mode; one write per changed key per epoch)");
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
    if (ap.window) line += " with " + ap.window->describe() + " window on " + ap.pre_exprs[ap.window->ts_input]->to_string();
    lines.push_back(line);
    if (continuous) {
      std::string state = "  state: per group, its key, row count and one accumulator per aggregate";
      if (ap.window && ap.watermark)
        state += "; a window's state is freed when the watermark passes its end";
      else if (ap.window)
        state += "; kept for every window (no watermark on the window's column)";
      lines.push_back(state + "; changed groups are written per epoch");
    }
    if (continuous && ap.watermark) {
      lines.push_back("Watermark (" + ap.watermark->column_name + " - " +
                      format_interval(Interval{0, 0, ap.watermark->bound_micros}) +
                      "; rows for closed windows are late: dropped and counted)");
      lines.push_back("  state: the largest event time seen, stored with every epoch");
    }
  }
  if (filter) lines.push_back("Filter (" + filter->to_string() + ")");
  if (interval_join) {
    const IntervalJoinPlan& j = *interval_join;
    auto span = [](int64_t micros) {
      return (micros < 0 ? "-" : "") + format_interval(Interval{0, 0, micros < 0 ? -micros : micros});
    };
    lines.push_back(std::string(j.spec.left_outer ? "Left" : "Inner") + " Interval Join (" + j.left_name + " with " +
                    j.right_name + " on " + std::to_string(j.spec.left_keys.size()) + " key column(s); " + j.right_name +
                    " time - " + j.left_name + " time between " + span(j.spec.lower_micros) + " and " +
                    span(j.spec.upper_micros) + ")");
    std::string state = "  state: the rows of each stream that may still find a partner";
    state += j.left_watermark && j.right_watermark ? ", freed as the watermarks pass them"
                                                   : "; kept forever (a stream has no watermark on its join time)";
    lines.push_back(state);
  }
  if (lookup_join) {
    const LookupJoinPlan& j = *lookup_join;
    std::string keys;
    for (const auto& k : j.stream_keys) keys += (keys.empty() ? "" : ", ") + k->to_string();
    lines.push_back(std::string(j.left_outer ? "Left" : "Inner") + " Lookup Join (table " + j.table_name + " on " + keys +
                    (j.primary_key_lookup ? "; a primary key lookup per row" : "; the table hashed per batch") +
                    (j.condition ? "; condition " + j.condition->to_string() : "") + ")");
    lines.push_back("  state: none (each batch reads the table's committed rows)");
  }
  lines.push_back("Scan");
  // Operators nest one level per line; a "  state:" line belongs to the operator above it.
  size_t depth = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].rfind("  state:", 0) == 0) {
      lines[i] = std::string(2 * (depth - 1) + 4, ' ') + lines[i].substr(2);
      continue;
    }
    lines[i] = std::string(2 * depth, ' ') + "->  " + lines[i];
    ++depth;
  }
  return lines;
}

}  // namespace eddy::engine
