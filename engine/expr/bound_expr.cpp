// BoundExpr: construction, deep copy and rendering for EXPLAIN.
#include <cctype>

#include "common/value_text.h"
#include "engine/expr/names.h"
#include "engine/expression.h"

namespace eddy::engine {
namespace {

std::string quote_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's EXPLAIN spelling of a constant: numbers bare, everything else quoted and typed.
std::string render_constant(const BoundExpr& e) {
  const Value& v = e.value;
  if (v.is_null) return "NULL";
  if (e.unknown_literal) return quote_literal(v.s);
  switch (e.type.id) {
    case TypeId::Bool: return v.i != 0 ? "true" : "false";
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64: return std::to_string(v.i);
    case TypeId::Numeric: return format_numeric(v.f);
    case TypeId::Null: return "NULL";
    default: break;
  }
  Value typed = v;
  typed.type = e.type;
  return quote_literal(format_value(typed)) + "::" + e.type.sql_name();
}

std::string render_call(const BoundExpr& e) {
  const auto& kids = e.children;
  if (names::is_cast(e.name) && kids.size() == 1) return "(" + kids[0]->to_string() + ")::" + e.type.sql_name();
  if (names::is_operator(e.name)) {
    const bool keyword = names::is_keyword_operator(e.name);
    const std::string op = keyword ? upper(e.name) : e.name;
    if (kids.size() == 1) {
      if (names::is_postfix(e.name)) return "(" + kids[0]->to_string() + " " + op + ")";
      return "(" + op + " " + kids[0]->to_string() + ")";
    }
    std::string out = "(" + kids[0]->to_string();
    for (size_t i = 1; i < kids.size(); ++i) {
      out += (i == 2 && keyword) ? " ESCAPE " : " " + op + " ";
      out += kids[i]->to_string();
    }
    return out + ")";
  }
  std::string out = e.name + "(";
  for (size_t i = 0; i < kids.size(); ++i) {
    if (i > 0) out += ", ";
    out += kids[i]->to_string();
  }
  return out + ")";
}

std::string join(const std::vector<BoundExprPtr>& kids, size_t from, std::string_view sep) {
  std::string out;
  for (size_t i = from; i < kids.size(); ++i) {
    if (i > from) out += sep;
    out += kids[i]->to_string();
  }
  return out;
}

}  // namespace

BoundExprPtr BoundExpr::clone() const {
  auto out = std::make_unique<BoundExpr>();
  out->kind = kind;
  out->type = type;
  out->position = position;
  out->value = value;
  out->unknown_literal = unknown_literal;
  out->parameter = parameter;
  out->column = column;
  out->fn = fn;
  out->name = name;
  out->negated = negated;
  out->has_else = has_else;
  out->slots = slots;
  out->subquery = subquery;
  out->children.reserve(children.size());
  for (const auto& c : children) out->children.push_back(c->clone());
  return out;
}

std::string BoundExpr::to_string() const {
  switch (kind) {
    case BoundKind::Constant: return render_constant(*this);
    case BoundKind::ColumnRef: return name.empty() ? "#" + std::to_string(column) : name;
    case BoundKind::Call: return render_call(*this);
    case BoundKind::And: return "(" + join(children, 0, " AND ") + ")";
    case BoundKind::Or: return "(" + join(children, 0, " OR ") + ")";
    case BoundKind::Not: return "(NOT " + children[0]->to_string() + ")";
    case BoundKind::IsNull:
      return "(" + children[0]->to_string() + (negated ? " IS NOT NULL)" : " IS NULL)");
    case BoundKind::Case: {
      std::string out = "CASE";
      const size_t pairs = (children.size() - (has_else ? 1 : 0)) / 2;
      for (size_t p = 0; p < pairs; ++p) {
        out += " WHEN " + children[2 * p]->to_string() + " THEN " + children[2 * p + 1]->to_string();
      }
      if (has_else) out += " ELSE " + children.back()->to_string();
      return out + " END";
    }
    case BoundKind::Coalesce: return "COALESCE(" + join(children, 0, ", ") + ")";
    case BoundKind::InList:
      return "(" + children[0]->to_string() + (negated ? " NOT IN (" : " IN (") + join(children, 1, ", ") + "))";
    case BoundKind::OuterRef: return name.empty() ? "$outer" + std::to_string(column) : name;
    case BoundKind::Subquery: return name;
  }
  return "?";
}

BoundExprPtr make_constant(Value v) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::Constant;
  e->type = v.type;
  e->value = std::move(v);
  return e;
}

BoundExprPtr make_column_ref(int column, Type type, std::string name) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::ColumnRef;
  e->type = type;
  e->column = column;
  e->name = std::move(name);
  return e;
}

}  // namespace eddy::engine
