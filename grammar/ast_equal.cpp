#include "grammar/ast_equal.h"

namespace eddy::grammar {

// Every field of these structs is handled below: a field added to one changes its size and
// stops the build here until it is handled too (x86-64 sizes).
static_assert(sizeof(void*) != 8 || sizeof(ast::Expr) == 240,
              "ast::Expr changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::SelectStmt) == 184,
              "ast::SelectStmt changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::TableRef) == 184,
              "ast::TableRef changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::CommonTableExpr) == 72,
              "ast::CommonTableExpr changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::WindowDef) == 48,
              "ast::WindowDef changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::OrderItem) == 16,
              "ast::OrderItem changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::SelectItem) == 40,
              "ast::SelectItem changed: handle the new field here");
static_assert(sizeof(void*) != 8 || sizeof(ast::TypeName) == 40,
              "ast::TypeName changed: handle the new field here");

namespace {

template <class T, class Same>
bool same_ptr(const std::unique_ptr<T>& a, const std::unique_ptr<T>& b, Same same) {
  if (!a || !b) return !a && !b;
  return same(*a, *b);
}

bool same_exprs(const std::vector<ast::ExprPtr>& a, const std::vector<ast::ExprPtr>& b);
bool same_order(const std::vector<ast::OrderItem>& a, const std::vector<ast::OrderItem>& b);

bool same_type_name(const ast::TypeName& a, const ast::TypeName& b) {
  return a.name == b.name && a.modifier == b.modifier && a.position == b.position;
}

bool same_window(const ast::WindowDef& a, const ast::WindowDef& b) {
  return same_exprs(a.partition_by, b.partition_by) && same_order(a.order_by, b.order_by);
}

bool same_exprs(const std::vector<ast::ExprPtr>& a, const std::vector<ast::ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_ptr(a[i], b[i], same_expr)) return false;
  return true;
}

bool same_order(const std::vector<ast::OrderItem>& a, const std::vector<ast::OrderItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_ptr(a[i].expr, b[i].expr, same_expr) || a[i].descending != b[i].descending ||
        a[i].nulls_first != b[i].nulls_first)
      return false;
  return true;
}

bool same_table(const ast::TableRef& a, const ast::TableRef& b) {
  return a.kind == b.kind && a.name == b.name && a.alias == b.alias && a.column_aliases == b.column_aliases &&
         same_ptr(a.subquery, b.subquery, same_select) && same_exprs(a.args, b.args) && a.join_type == b.join_type &&
         same_ptr(a.left, b.left, same_table) && same_ptr(a.right, b.right, same_table) &&
         same_ptr(a.on, b.on, same_expr) && a.using_columns == b.using_columns && a.position == b.position;
}

}  // namespace

bool same_expr(const ast::Expr& a, const ast::Expr& b) {
  return a.kind == b.kind && a.position == b.position && a.literal_kind == b.literal_kind && a.text == b.text &&
         a.name == b.name && a.op == b.op && same_exprs(a.args, b.args) && a.distinct == b.distinct &&
         a.star_arg == b.star_arg && a.negated == b.negated && same_type_name(a.type_name, b.type_name) &&
         same_ptr(a.case_operand, b.case_operand, same_expr) && same_ptr(a.case_else, b.case_else, same_expr) &&
         same_ptr(a.subquery, b.subquery, same_select) && a.param_index == b.param_index &&
         same_ptr(a.over, b.over, same_window) && same_order(a.order_by, b.order_by);
}

bool same_select(const ast::SelectStmt& a, const ast::SelectStmt& b) {
  if (a.items.size() != b.items.size() || a.from.size() != b.from.size() || a.with.size() != b.with.size())
    return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_ptr(a.items[i].expr, b.items[i].expr, same_expr) || a.items[i].alias != b.items[i].alias) return false;
  for (size_t i = 0; i < a.from.size(); ++i)
    if (!same_ptr(a.from[i], b.from[i], same_table)) return false;
  for (size_t i = 0; i < a.with.size(); ++i) {
    const auto &x = a.with[i], &y = b.with[i];
    if (x.name != y.name || x.columns != y.columns || !same_ptr(x.query, y.query, same_select) ||
        x.position != y.position)
      return false;
  }
  return a.distinct == b.distinct && same_ptr(a.where, b.where, same_expr) && same_exprs(a.group_by, b.group_by) &&
         same_ptr(a.having, b.having, same_expr) && same_order(a.order_by, b.order_by) &&
         same_ptr(a.limit, b.limit, same_expr) && same_ptr(a.offset, b.offset, same_expr) &&
         a.emit_on_window_close == b.emit_on_window_close && a.set_op == b.set_op &&
         same_ptr(a.set_rhs, b.set_rhs, same_select) && a.with_recursive == b.with_recursive &&
         a.position == b.position;
}

}  // namespace eddy::grammar
