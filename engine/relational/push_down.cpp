// Moves WHERE conjuncts into the inner joins below them: a conjunct over both sides of a join
// becomes part of its condition (an equality one of its hash keys), a conjunct over one side
// goes down that side. Without this, FROM a, b, c WHERE a.x = b.x AND b.y = c.y would build
// the whole cross product before filtering it (pgjdbc's metadata queries join nine catalogs
// that way).
#include "engine/relational/internal.h"

namespace eddy::engine {
namespace {

BoundExprPtr conjunction(std::vector<BoundExprPtr> parts) {
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts[0]);
  auto a = std::make_unique<BoundExpr>();
  a->kind = BoundKind::And;
  a->type = Type::boolean();
  a->children = std::move(parts);
  return a;
}

RelNodePtr filter_node(RelNodePtr input, std::vector<BoundExprPtr> conjuncts) {
  QueryPlan plan;
  plan.input_types = input->types;
  plan.filter = conjunction(std::move(conjuncts));
  for (size_t i = 0; i < input->types.size(); ++i) {
    plan.outputs.push_back(make_column_ref(static_cast<int>(i), input->types[i]));
    plan.output_names.push_back("#" + std::to_string(i));
  }
  plan.visible_outputs = plan.outputs.size();
  auto node = std::make_unique<RelNode>();
  node->kind = RelNode::Kind::Query;
  node->types = input->types;
  node->input = std::move(input);
  node->plan = std::move(plan);
  return node;
}

}  // namespace

void column_span(const BoundExpr& e, int& lo, int& hi) {
  if (e.kind == BoundKind::ColumnRef) {
    lo = std::min(lo, e.column);
    hi = std::max(hi, e.column);
  }
  for (const auto& c : e.children) column_span(*c, lo, hi);
}

void shift_columns(BoundExpr& e, int by) {
  if (e.kind == BoundKind::ColumnRef) e.column += by;
  for (auto& c : e.children) shift_columns(*c, by);
}

void split_conjunction(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
  if (!e) return;
  if (e->kind == BoundKind::And) {
    for (auto& c : e->children) split_conjunction(std::move(c), out);
    return;
  }
  out.push_back(std::move(e));
}

RelNodePtr push_down_conjuncts(RelNodePtr node, std::vector<BoundExprPtr> conjuncts) {
  if (conjuncts.empty()) return node;
  if (node->kind != RelNode::Kind::Join || node->join != JoinKind::Inner) return filter_node(std::move(node), std::move(conjuncts));
  const int width = static_cast<int>(node->left->types.size());
  std::vector<BoundExprPtr> to_left, to_right, here;
  for (auto& c : conjuncts) {
    int lo = INT32_MAX, hi = -1;
    column_span(*c, lo, hi);
    if (hi >= 0 && hi < width) {
      to_left.push_back(std::move(c));
    } else if (hi >= 0 && lo >= width) {
      shift_columns(*c, -width);
      to_right.push_back(std::move(c));
    } else {
      here.push_back(std::move(c));
    }
  }
  if (node->condition) here.insert(here.begin(), std::move(node->condition));
  RelNodePtr left = push_down_conjuncts(std::move(node->left), std::move(to_left));
  RelNodePtr right = push_down_conjuncts(std::move(node->right), std::move(to_right));
  return make_join(std::move(left), std::move(right), JoinKind::Inner, conjunction(std::move(here)));
}

}  // namespace eddy::engine
