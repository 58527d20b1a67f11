// Joins: equality conjuncts of the ON condition are hashed (right side built, left side
// probed); the residual condition is evaluated over the candidate pairs; outer joins pad the
// unmatched rows with NULLs.
#include <boost/unordered/unordered_flat_map.hpp>

#include "common/error.h"
#include "common/interrupt.h"
#include "engine/relational/internal.h"
#include "storage/key_encoding.h"

namespace eddy::engine {
namespace {

bool is_equality(const BoundExpr& e) {
  return e.kind == BoundKind::Call && e.name == "=" && e.children.size() == 2 &&
         e.children[0]->type.physical() == e.children[1]->type.physical();
}

Batch concat_columns(const Batch& left, const std::vector<uint32_t>& lrows, const Batch& right,
                     const std::vector<uint32_t>& rrows, const std::vector<Type>& right_types) {
  Batch out;
  for (const auto& c : left.columns) out.columns.push_back(c.gather(lrows));
  if (right.columns.size() == right_types.size() && !right.columns.empty()) {
    for (const auto& c : right.columns) out.columns.push_back(c.gather(rrows));
  } else {
    for (const auto& t : right_types) out.columns.emplace_back(t);
  }
  out.weights.assign(lrows.size(), 1);
  return out;
}

// Appends `n` NULL rows to every column of `b` from `from` on.
void append_nulls(Batch& b, size_t from, size_t n) {
  for (size_t c = from; c < b.columns.size(); ++c)
    for (size_t k = 0; k < n; ++k) b.columns[c].append_null();
}

std::vector<std::string> encode_keys(const std::vector<BoundExprPtr>& keys, const Batch& rows, std::vector<uint8_t>& has_null) {
  std::vector<std::string> out(rows.rows());
  has_null.assign(rows.rows(), 0);
  for (const auto& k : keys) {
    Column c = evaluate(*k, rows);
    for (size_t r = 0; r < rows.rows(); ++r) {
      if (c.is_null(r)) has_null[r] = 1;
      else storage::append_key(out[r], c, r);
    }
  }
  return out;
}

}  // namespace

void check_result_size(size_t rows, size_t columns) {
  // Ad-hoc results are materialized in memory: a runaway join (a forgotten join condition over
  // large relations) is refused before it can exhaust the server's memory.
  const size_t cells = rows * std::max<size_t>(columns, 1);
  if (rows > kMaxResultCells || cells > kMaxResultCells)
    throw SqlError(sqlstate::kProgramLimitExceeded,
                   "the join would produce " + std::to_string(rows) + " rows of " + std::to_string(columns) +
                       " columns, more than Eddy holds in memory for one query (" + std::to_string(kMaxResultCells) +
                       " values)")
        .with_hint("Add a join condition or a filter, or aggregate before joining.");
}

RelNodePtr make_join(RelNodePtr left, RelNodePtr right, JoinKind kind, BoundExprPtr condition) {
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::Join;
  node->join = kind;
  node->types = left->types;
  node->types.insert(node->types.end(), right->types.begin(), right->types.end());
  const int width = static_cast<int>(left->types.size());
  if (condition) {
    node->condition = condition->clone();
    std::vector<BoundExprPtr> conjuncts, residual;
    split_conjunction(std::move(condition), conjuncts);
    for (auto& c : conjuncts) {
      if (is_equality(*c)) {
        int lo0 = INT32_MAX, hi0 = -1, lo1 = INT32_MAX, hi1 = -1;
        column_span(*c->children[0], lo0, hi0);
        column_span(*c->children[1], lo1, hi1);
        int side = 0;  // 1: child 0 is left-only and child 1 right-only; 2: the other way round
        if (hi0 >= 0 && hi0 < width && hi1 >= 0 && lo1 >= width) side = 1;
        if (hi1 >= 0 && hi1 < width && hi0 >= 0 && lo0 >= width) side = 2;
        if (side != 0) {
          BoundExprPtr l = std::move(c->children[side == 1 ? 0 : 1]);
          BoundExprPtr r = std::move(c->children[side == 1 ? 1 : 0]);
          shift_columns(*r, -width);
          node->left_keys.push_back(std::move(l));
          node->right_keys.push_back(std::move(r));
          continue;
        }
      }
      residual.push_back(std::move(c));
    }
    if (residual.size() == 1) {
      node->residual = std::move(residual[0]);
    } else if (residual.size() > 1) {
      auto a = std::make_unique<BoundExpr>();
      a->kind = BoundKind::And;
      a->type = Type::boolean();
      a->children = std::move(residual);
      node->residual = std::move(a);
    }
  }
  node->left = std::move(left);
  node->right = std::move(right);
  return node;
}

Batch execute_join(const RelNode& node) {
  Batch left = execute_relation(*node.left);
  Batch right = execute_relation(*node.right);
  const size_t nl = left.rows(), nr = right.rows();
  std::vector<uint32_t> lrows, rrows;
  if (!node.left_keys.empty()) {
    std::vector<uint8_t> lnull, rnull;
    std::vector<std::string> lk = encode_keys(node.left_keys, left, lnull);
    std::vector<std::string> rk = encode_keys(node.right_keys, right, rnull);
    boost::unordered_flat_map<std::string, std::vector<uint32_t>> table;
    for (size_t r = 0; r < nr; ++r)
      if (!rnull[r]) table[rk[r]].push_back(static_cast<uint32_t>(r));
    for (size_t l = 0; l < nl; ++l) {
      if ((l & 4095) == 0) check_interrupts();
      if (lnull[l]) continue;
      auto it = table.find(lk[l]);
      if (it == table.end()) continue;
      check_result_size(lrows.size() + it->second.size(), node.types.size());
      for (uint32_t r : it->second) {
        lrows.push_back(static_cast<uint32_t>(l));
        rrows.push_back(r);
      }
    }
  } else {
    check_result_size(nl * nr, node.types.size());
    lrows.reserve(nl * nr);
    rrows.reserve(nl * nr);
    for (size_t l = 0; l < nl; ++l) {
      check_interrupts();
      for (size_t r = 0; r < nr; ++r) {
        lrows.push_back(static_cast<uint32_t>(l));
        rrows.push_back(static_cast<uint32_t>(r));
      }
    }
  }
  std::vector<Type> right_types = node.right->types;
  Batch pairs = concat_columns(left, lrows, right, rrows, right_types);
  if (node.residual && pairs.rows() > 0) {
    std::vector<uint32_t> keep = evaluate_filter(*node.residual, pairs);
    if (keep.size() != pairs.rows()) {
      std::vector<uint32_t> l2, r2;
      for (uint32_t k : keep) {
        l2.push_back(lrows[k]);
        r2.push_back(rrows[k]);
      }
      lrows.swap(l2);
      rrows.swap(r2);
      pairs = pairs.gather(keep);
    }
  }
  if (node.join == JoinKind::Inner) return pairs;
  const size_t width = left.columns.size();
  if (node.join == JoinKind::Left || node.join == JoinKind::Full) {
    std::vector<uint8_t> matched(nl, 0);
    for (uint32_t l : lrows) matched[l] = 1;
    std::vector<uint32_t> missing;
    for (size_t l = 0; l < nl; ++l)
      if (!matched[l]) missing.push_back(static_cast<uint32_t>(l));
    if (!missing.empty()) {
      for (size_t c = 0; c < width; ++c) {
        Column extra = left.columns[c].gather(missing);
        for (size_t k = 0; k < missing.size(); ++k) pairs.columns[c].append_from(extra, k);
      }
      append_nulls(pairs, width, missing.size());
      pairs.weights.resize(pairs.weights.size() + missing.size(), 1);
    }
  }
  if (node.join == JoinKind::Right || node.join == JoinKind::Full) {
    std::vector<uint8_t> matched(nr, 0);
    for (uint32_t r : rrows) matched[r] = 1;
    std::vector<uint32_t> missing;
    for (size_t r = 0; r < nr; ++r)
      if (!matched[r]) missing.push_back(static_cast<uint32_t>(r));
    if (!missing.empty()) {
      size_t before = pairs.rows();
      for (size_t c = 0; c < width; ++c)
        for (size_t k = 0; k < missing.size(); ++k) pairs.columns[c].append_null();
      for (size_t c = 0; c < right.columns.size(); ++c) {
        Column extra = right.columns[c].gather(missing);
        for (size_t k = 0; k < missing.size(); ++k) pairs.columns[width + c].append_from(extra, k);
      }
      pairs.weights.resize(before + missing.size(), 1);
    }
  }
  return pairs;
}

}  // namespace eddy::engine
