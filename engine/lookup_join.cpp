#include "engine/lookup_join.h"

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/error.h"
#include "engine/query_plan.h"
#include "storage/key_encoding.h"
#include "storage/store.h"

namespace eddy::engine {

namespace {

void check(const storage::Status& st, const LookupJoinPlan& plan) {
  if (!st.ok()) throw SqlError(st.sqlstate(), "reading table \"" + plan.table_name + "\" for a join: " + st.to_string());
}

// Appends the joined row (stream row r, table row `t` or NULLs) to `out` in FROM order.
void append_joined(Batch& out, const LookupJoinPlan& plan, const Batch& stream, size_t r, const Row* t) {
  const size_t nstream = stream.columns.size();
  const size_t ntable = plan.table_types.size();
  const size_t stream_at = plan.stream_first ? 0 : ntable;
  const size_t table_at = plan.stream_first ? nstream : 0;
  for (size_t c = 0; c < nstream; ++c) out.columns[stream_at + c].append_from(stream.columns[c], r);
  for (size_t c = 0; c < ntable; ++c) {
    if (t) out.columns[table_at + c].append((*t)[c]);
    else out.columns[table_at + c].append_null();
  }
  out.weights.push_back(stream.weights[r]);
}

}  // namespace

Batch lookup_join(const LookupJoinPlan& plan, const Batch& stream, const storage::Store& store,
                  std::vector<uint32_t>& source_rows) {
  std::vector<Type> types;
  std::vector<Type> stream_types;
  for (const auto& c : stream.columns) stream_types.push_back(c.type());
  if (plan.stream_first) {
    types = stream_types;
    types.insert(types.end(), plan.table_types.begin(), plan.table_types.end());
  } else {
    types = plan.table_types;
    types.insert(types.end(), stream_types.begin(), stream_types.end());
  }
  Batch candidates = Batch::with_types(types);
  std::vector<uint32_t> candidate_rows;
  const size_t rows = stream.rows();
  std::vector<Column> keys;
  keys.reserve(plan.stream_keys.size());
  for (const auto& k : plan.stream_keys) keys.push_back(evaluate(*k, stream));
  auto has_null_key = [&](size_t r) {
    for (const auto& k : keys)
      if (k.is_null(r)) return true;
    return false;
  };
  storage::Snapshot snapshot;
  check(store.snapshot(snapshot), plan);
  std::string key;
  if (plan.primary_key_lookup) {
    std::optional<Row> found;
    for (size_t r = 0; r < rows; ++r) {
      if (has_null_key(r)) continue;
      key.clear();
      for (const auto& k : keys) storage::append_key(key, k, r);
      check(snapshot.find(plan.table, key, found), plan);
      if (!found) continue;
      append_joined(candidates, plan, stream, r, &*found);
      candidate_rows.push_back(static_cast<uint32_t>(r));
    }
  } else {
    boost::unordered_flat_map<std::string, std::vector<Row>> table;
    check(snapshot.scan(plan.table,
                        [&](std::string_view, const Row& row) {
                          std::string k;
                          for (int c : plan.table_keys) {
                            if (row[c].is_null) return true;  // a NULL key matches nothing
                            storage::append_key(k, row[c]);
                          }
                          table[k].push_back(row);
                          return true;
                        }),
          plan);
    for (size_t r = 0; r < rows; ++r) {
      if (has_null_key(r)) continue;
      key.clear();
      for (const auto& k : keys) storage::append_key(key, k, r);
      auto it = table.find(key);
      if (it == table.end()) continue;
      for (const Row& t : it->second) {
        append_joined(candidates, plan, stream, r, &t);
        candidate_rows.push_back(static_cast<uint32_t>(r));
      }
    }
  }
  snapshot.release();

  std::vector<uint32_t> keep;
  if (plan.condition && !candidates.empty()) {
    keep = evaluate_filter(*plan.condition, candidates);
  } else {
    keep.resize(candidates.rows());
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = static_cast<uint32_t>(i);
  }
  if (!plan.left_outer) {
    source_rows.resize(keep.size());
    for (size_t i = 0; i < keep.size(); ++i) source_rows[i] = candidate_rows[keep[i]];
    return keep.size() == candidates.rows() ? std::move(candidates) : candidates.gather(keep);
  }
  // LEFT: every stream row at least once, in stream order; unmatched ones padded with NULLs.
  Batch out = Batch::with_types(types);
  source_rows.clear();
  size_t k = 0;
  for (size_t r = 0; r < rows; ++r) {
    bool matched = false;
    while (k < keep.size() && candidate_rows[keep[k]] == r) {
      for (size_t c = 0; c < types.size(); ++c) out.columns[c].append_from(candidates.columns[c], keep[k]);
      out.weights.push_back(candidates.weights[keep[k]]);
      source_rows.push_back(static_cast<uint32_t>(r));
      matched = true;
      ++k;
    }
    if (!matched) {
      append_joined(out, plan, stream, r, nullptr);
      source_rows.push_back(static_cast<uint32_t>(r));
    }
  }
  return out;
}

}  // namespace eddy::engine
