#include "parse_helpers.h"

namespace eddy::test {

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ".") + part;
  return out;
}

std::string type_text(const ast::TypeName& t) {
  return t.modifier >= 0 ? t.name + "(" + std::to_string(t.modifier) + ")" : t.name;
}

std::string args_text(const ast::Expr& e, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < e.args.size(); ++i) out += " " + render(*e.args[i]);
  return out;
}

std::string literal_text(const ast::Expr& e) {
  switch (e.literal_kind) {
    case ast::LiteralKind::Null: return "null";
    case ast::LiteralKind::Bool: return e.text;
    case ast::LiteralKind::Integer:
    case ast::LiteralKind::Decimal: return e.text;
    case ast::LiteralKind::String: return "'" + e.text + "'";
    case ast::LiteralKind::Typed: return type_text(e.type_name) + "'" + e.text + "'";
  }
  return "?";
}

std::string neg(const ast::Expr& e, const std::string& word) {
  return e.negated ? "not-" + word : word;
}

}  // namespace

std::string render(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Literal: return literal_text(e);
    case K::ColumnRef: return join(e.name);
    case K::Star: return e.name.empty() ? "*" : join(e.name) + ".*";
    case K::Unary:
    case K::Binary: return "(" + e.op + args_text(e) + ")";
    case K::Function: {
      std::string out = join(e.name) + "(";
      if (e.distinct) out += "distinct ";
      if (e.star_arg) out += "*";
      std::string args = args_text(e);
      out += args.empty() ? "" : args.substr(1);
      for (size_t i = 0; i < e.order_by.size(); ++i) {
        const ast::OrderItem& o = e.order_by[i];
        out += (i == 0 ? " order by " : ", ") + render(*o.expr) + (o.descending ? " desc" : "");
        if (o.nulls_first) out += *o.nulls_first ? " nulls first" : " nulls last";
      }
      return out + ")";
    }
    case K::Cast: return "(cast " + render(*e.args[0]) + " " + type_text(e.type_name) + ")";
    case K::Case: {
      std::string out = "(case";
      if (e.case_operand) out += " " + render(*e.case_operand);
      out += args_text(e);
      if (e.case_else) out += " else " + render(*e.case_else);
      return out + ")";
    }
    case K::IsNull: return "(" + neg(e, "isnull") + args_text(e) + ")";
    case K::IsBool: return "(" + neg(e, "is" + e.text) + args_text(e) + ")";
    case K::InList: return "(" + neg(e, "in") + args_text(e) + ")";
    case K::InSubquery: return "(" + neg(e, "in") + args_text(e) + " subquery)";
    case K::Between: return "(" + neg(e, "between") + args_text(e) + ")";
    case K::Like: return "(" + neg(e, e.op) + args_text(e) + ")";
    case K::Param: return "$" + std::to_string(e.param_index);
    case K::Subquery: return "(subquery)";
    case K::Exists: return "(exists subquery)";
    case K::Array: return "(array" + args_text(e) + ")";
    case K::AnyAll: return "(" + e.op + " " + e.text + args_text(e) + ")";
    case K::FieldSelect: return "(." + e.text + args_text(e) + ")";
  }
  return "?";
}

}  // namespace eddy::test
