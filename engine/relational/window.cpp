// Window functions row_number(), rank() and dense_rank() OVER (PARTITION BY ... ORDER BY ...):
// rows are sorted by partition then order keys, numbered within each partition, and the numbers
// are appended as int8 columns in the input's row order.
#include <algorithm>
#include <numeric>

#include "engine/expr/kernel_util.h"
#include "engine/relational/internal.h"

namespace eddy::engine {
namespace {

int compare_at(const Column& c, size_t a, size_t b) {
  const bool na = c.is_null(a), nb = c.is_null(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);  // NULLs last within a partition key
  return kernel::compare_rows(c, a, c, b);
}

Column number_rows(const WindowCall& call, const Batch& input) {
  const size_t n = input.rows();
  std::vector<Column> parts, keys;
  for (const auto& p : call.partition_by) parts.push_back(evaluate(*p, input));
  for (const auto& k : call.order_by) keys.push_back(evaluate(*k, input));
  auto compare_order = [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < call.order.size(); ++k) {
      const SortKey& sk = call.order[k];
      const Column& c = keys[static_cast<size_t>(sk.output)];
      const bool na = c.is_null(a), nb = c.is_null(b);
      if (na != nb) return na == sk.nulls_first ? -1 : 1;
      if (na) continue;
      int r = kernel::compare_rows(c, a, c, b);
      if (r != 0) return sk.descending ? -r : r;
    }
    return 0;
  };
  auto compare_partition = [&](uint32_t a, uint32_t b) {
    for (const auto& c : parts) {
      int r = compare_at(c, a, b);
      if (r != 0) return r;
    }
    return 0;
  };
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    int p = compare_partition(a, b);
    if (p != 0) return p < 0;
    return compare_order(a, b) < 0;
  });
  Column out(Type::int64());
  out.ints().assign(n, 0);
  int64_t row_number = 0, rank = 0, dense = 0;
  for (size_t k = 0; k < n; ++k) {
    const uint32_t r = order[k];
    const bool new_partition = k == 0 || compare_partition(order[k - 1], r) != 0;
    if (new_partition) {
      row_number = 0;
      rank = 0;
      dense = 0;
    }
    ++row_number;
    if (new_partition || compare_order(order[k - 1], r) != 0) {
      rank = row_number;
      ++dense;
    }
    switch (call.function) {
      case WindowFunction::RowNumber: out.ints()[r] = row_number; break;
      case WindowFunction::Rank: out.ints()[r] = rank; break;
      case WindowFunction::DenseRank: out.ints()[r] = dense; break;
    }
  }
  return out;
}

}  // namespace

Batch execute_window(const RelNode& node) {
  Batch input = execute_relation(*node.input);
  for (const auto& call : node.windows) input.columns.push_back(number_rows(call, input));
  return input;
}

}  // namespace eddy::engine
