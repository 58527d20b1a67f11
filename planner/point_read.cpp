#include "planner/point_read.h"

#include <memory>

#include "engine/expr/names.h"

namespace eddy::planner {

namespace {

using engine::BoundExpr;
using engine::BoundKind;

// The top-level conjuncts of a condition.
void conjuncts_of(const BoundExpr& e, std::vector<const BoundExpr*>& out) {
  if (e.kind == BoundKind::And) {
    for (const auto& c : e.children) conjuncts_of(*c, out);
    return;
  }
  out.push_back(&e);
}

// True when `e` reads no column and gives one value for the whole statement: constants (which
// literals and $n parameters are), and operators and casts over such. Function calls are left
// out: some are volatile (random()).
bool statement_constant(const BoundExpr& e) {
  if (e.kind == BoundKind::Constant) return true;
  if (e.kind != BoundKind::Call) return false;
  if (!engine::names::is_operator(e.name) && !engine::names::is_cast(e.name)) return false;
  for (const auto& c : e.children)
    if (!statement_constant(*c)) return false;
  return true;
}

// The value side of a conjunct `column = value` over key column `column`, or null.
const BoundExpr* value_for(const BoundExpr& conjunct, int column, Type column_type) {
  if (conjunct.kind != BoundKind::Call || conjunct.name != "=" || conjunct.children.size() != 2) return nullptr;
  for (int side = 0; side < 2; ++side) {
    const BoundExpr& c = *conjunct.children[static_cast<size_t>(side)];
    const BoundExpr& v = *conjunct.children[static_cast<size_t>(1 - side)];
    if (c.kind != BoundKind::ColumnRef || c.column != column) continue;
    if (v.type.physical() != column_type.physical() || !statement_constant(v)) continue;
    return &v;
  }
  return nullptr;
}

}  // namespace

Batch read_point(const KeyedRelation& relation, const std::vector<engine::BoundExprPtr>& values) {
  Row key;
  key.reserve(values.size());
  for (const auto& v : values) {
    key.push_back(engine::evaluate_constant(*v));
    if (key.back().is_null) return Batch::with_types(relation.types);  // `column = NULL` holds for no row
  }
  return relation.read_key(key);
}

std::optional<PointRead> plan_point_read(std::shared_ptr<const KeyedRelation> keyed,
                                         const engine::BoundExpr& filter, bool describe) {
  const KeyedRelation& relation = *keyed;
  if (relation.key_columns.empty() || !relation.read_key) return std::nullopt;
  std::vector<const BoundExpr*> conjuncts;
  conjuncts_of(filter, conjuncts);
  auto values = std::make_shared<std::vector<engine::BoundExprPtr>>();
  std::string fixed;
  for (int column : relation.key_columns) {
    const Type type = relation.types[static_cast<size_t>(column)];
    const BoundExpr* value = nullptr;
    for (const BoundExpr* c : conjuncts)
      if ((value = value_for(*c, column, type)) != nullptr) break;
    if (value == nullptr) return std::nullopt;
    values->push_back(value->clone());
    if (describe)
      fixed += (fixed.empty() ? "" : " AND ") + relation.column_names[static_cast<size_t>(column)] + " = " +
               value->to_string();
  }
  PointRead out;
  if (describe) out.description = "Point read: " + relation.name + " (" + fixed + ")";
  out.values = values;
  out.read = [values, keyed]() { return read_point(*keyed, *values); };
  return out;
}

}  // namespace eddy::planner
