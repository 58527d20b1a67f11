// UNION / INTERSECT / EXCEPT, with and without ALL, by the rows' encoded keys (NULLs equal,
// as SQL's set operations treat them).
#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "engine/relational/internal.h"
#include "storage/key_encoding.h"

namespace eddy::engine {
namespace {

std::string row_key(const Batch& b, size_t r) {
  std::string key;
  for (const auto& c : b.columns) storage::append_key(key, c, r);
  return key;
}

}  // namespace

Batch execute_set_op(const RelNode& node) {
  Batch left = execute_relation(*node.left);
  Batch right = execute_relation(*node.right);
  std::vector<uint32_t> keep;
  if (node.set_op == SetOpKind::Union) {
    Batch all = Batch::with_types(node.types);
    append_batch(all, left);
    append_batch(all, right);
    if (node.all) return all;
    boost::unordered_flat_set<std::string> seen;
    for (size_t r = 0; r < all.rows(); ++r)
      if (seen.insert(row_key(all, r)).second) keep.push_back(static_cast<uint32_t>(r));
    return all.gather(keep);
  }
  boost::unordered_flat_map<std::string, int64_t> counts;  // rows of the right side
  for (size_t r = 0; r < right.rows(); ++r) ++counts[row_key(right, r)];
  boost::unordered_flat_set<std::string> emitted;  // without ALL: each row once
  for (size_t r = 0; r < left.rows(); ++r) {
    std::string key = row_key(left, r);
    auto it = counts.find(key);
    const bool in_right = it != counts.end() && it->second > 0;
    bool take;
    if (node.set_op == SetOpKind::Intersect) {
      take = in_right;
      if (take && node.all) --it->second;
    } else {
      take = !in_right;
      if (in_right && node.all) {
        --it->second;
        take = false;
      }
    }
    if (take && !node.all && !emitted.insert(key).second) take = false;
    if (take) keep.push_back(static_cast<uint32_t>(r));
  }
  return left.gather(keep);
}

}  // namespace eddy::engine
