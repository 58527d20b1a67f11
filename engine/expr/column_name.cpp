#include "engine/expr/column_name.h"

#include <string_view>
#include <utility>

#include "engine/expr/names.h"

namespace eddy::engine {
namespace {

// PostgreSQL's FigureColnameInternal: a name and its strength (0 none, 1 from a cast's type,
// 2 from a column or function).
std::pair<std::string, int> figure(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::ColumnRef:
      return {e.name, e.name.empty() ? 0 : 2};
    case BoundKind::Constant:
      if (e.name.empty()) return {std::string(), 0};
      if (e.name.rfind("::", 0) == 0) return {e.name.substr(2), 1};
      return {e.name, 2};
    case BoundKind::Call: {
      if (e.name == names::kImplicitCast && !e.children.empty()) return figure(*e.children[0]);
      if (e.name == names::kCast && !e.children.empty()) {
        auto inner = figure(*e.children[0]);
        if (inner.second > 1) return inner;
        return {e.type.pg_typname(), 1};
      }
      if (names::is_operator(e.name)) return {std::string(), 0};
      return {e.name, 2};
    }
    case BoundKind::Case: return {"case", 2};
    case BoundKind::Coalesce: return {"coalesce", 2};
    default: return {std::string(), 0};
  }
}

}  // namespace

std::string default_column_name(const BoundExpr& expr) {
  auto [name, strength] = figure(expr);
  return strength > 0 ? name : "?column?";
}

}  // namespace eddy::engine
