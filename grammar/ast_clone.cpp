#include "grammar/ast_clone.h"

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

class Cloner {
 public:
  explicit Cloner(const CloneRewrite& rewrite) : rewrite_(rewrite) {}

  int pos(int p) const { return rewrite_.position && p != 0 ? rewrite_.position(p) : p; }

  ast::ExprPtr expr(const ast::ExprPtr& e) { return e ? expr(*e) : nullptr; }

  ast::ExprPtr expr(const ast::Expr& e) {
    auto out = std::make_unique<ast::Expr>();
    out->kind = e.kind;
    out->position = pos(e.position);
    out->literal_kind = e.literal_kind;
    out->text = e.text;
    out->name = e.name;
    out->op = e.op;
    out->args.reserve(e.args.size());
    for (const auto& a : e.args) out->args.push_back(expr(a));
    out->distinct = e.distinct;
    out->star_arg = e.star_arg;
    out->negated = e.negated;
    out->type_name = type_name(e.type_name);
    out->case_operand = expr(e.case_operand);
    out->case_else = expr(e.case_else);
    if (e.subquery) out->subquery = select(*e.subquery);
    out->param_index = e.param_index;
    if (e.over) out->over = std::make_unique<ast::WindowDef>(window(*e.over));
    out->order_by = order_by(e.order_by);
    if (out->kind == ast::ExprKind::Literal && rewrite_.literal) rewrite_.literal(*out);
    return out;
  }

  ast::TypeName type_name(const ast::TypeName& t) const {
    ast::TypeName out = t;
    out.position = pos(t.position);
    return out;
  }

  std::vector<ast::OrderItem> order_by(const std::vector<ast::OrderItem>& items) {
    std::vector<ast::OrderItem> out;
    out.reserve(items.size());
    for (const auto& o : items) out.push_back(ast::OrderItem{expr(o.expr), o.descending, o.nulls_first});
    return out;
  }

  ast::WindowDef window(const ast::WindowDef& w) {
    ast::WindowDef out;
    for (const auto& p : w.partition_by) out.partition_by.push_back(expr(p));
    out.order_by = order_by(w.order_by);
    return out;
  }

  ast::TableRefPtr table(const ast::TableRefPtr& t) { return t ? table(*t) : nullptr; }

  ast::TableRefPtr table(const ast::TableRef& t) {
    auto out = std::make_unique<ast::TableRef>();
    out->kind = t.kind;
    out->name = t.name;
    out->alias = t.alias;
    out->column_aliases = t.column_aliases;
    if (t.subquery) out->subquery = select(*t.subquery);
    for (const auto& a : t.args) out->args.push_back(expr(a));
    out->join_type = t.join_type;
    out->left = table(t.left);
    out->right = table(t.right);
    out->on = expr(t.on);
    out->using_columns = t.using_columns;
    out->position = pos(t.position);
    return out;
  }

  ast::SelectPtr select(const ast::SelectStmt& s) {
    auto out = std::make_unique<ast::SelectStmt>();
    out->distinct = s.distinct;
    out->items.reserve(s.items.size());
    for (const auto& item : s.items) out->items.push_back(ast::SelectItem{expr(item.expr), item.alias});
    for (const auto& f : s.from) out->from.push_back(table(f));
    out->where = expr(s.where);
    for (const auto& g : s.group_by) out->group_by.push_back(expr(g));
    out->having = expr(s.having);
    out->order_by = order_by(s.order_by);
    out->limit = expr(s.limit);
    out->offset = expr(s.offset);
    out->emit_on_window_close = s.emit_on_window_close;
    out->set_op = s.set_op;
    if (s.set_rhs) out->set_rhs = select(*s.set_rhs);
    for (const auto& cte : s.with) {
      ast::CommonTableExpr c;
      c.name = cte.name;
      c.columns = cte.columns;
      if (cte.query) c.query = select(*cte.query);
      c.position = pos(cte.position);
      out->with.push_back(std::move(c));
    }
    out->with_recursive = s.with_recursive;
    out->position = pos(s.position);
    return out;
  }

 private:
  const CloneRewrite& rewrite_;
};

}  // namespace

ast::ExprPtr clone_expr(const ast::Expr& e, const CloneRewrite& rewrite) { return Cloner(rewrite).expr(e); }

ast::SelectPtr clone_select(const ast::SelectStmt& s, const CloneRewrite& rewrite) {
  return Cloner(rewrite).select(s);
}

}  // namespace eddy::grammar
