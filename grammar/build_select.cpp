// SELECT: the select list, FROM with joins, WHERE, GROUP BY, HAVING, EMIT ON WINDOW CLOSE,
// set operations, ORDER BY and LIMIT/OFFSET.
//
// Set operations (ast.h: "chains this SELECT with set_rhs"): a node with set_op means
//   (the node's own SELECT) set_op (set_rhs, itself a complete query, recursively),
// and the node's order_by/limit/offset apply to that whole result. SQL's left-associative
// chains are built to fit that reading:
//   A UNION ALL B UNION ALL C   ->  A{UnionAll, B{UnionAll, C}}   (associative: appended)
//   A UNION B INTERSECT C       ->  A{Union, B{Intersect, C}}     (INTERSECT binds tighter)
//   A EXCEPT B EXCEPT C         ->  W{Except, C} with W = SELECT * FROM (A{Except, B})
// i.e. a left operand that is itself a set operation (or carries its own ORDER BY/LIMIT) is
// wrapped as `SELECT * FROM (left)` (a Subquery TableRef without alias) unless the operation
// is associative (UNION, UNION ALL, INTERSECT) and the chain is all that same operation.

#include <string>

#include "common/error.h"
#include "grammar/ast_builder.h"

namespace eddy::grammar {

using ast::SelectPtr;
using ast::SelectStmt;
using ast::SetOp;
using ast::TableRef;
using ast::TableRefPtr;
using L = eddy_antlr::EddyLexer;

namespace {

bool has_own_order_or_limit(const SelectStmt& s) {
  return !s.order_by.empty() || s.limit != nullptr || s.offset != nullptr;
}

// SELECT * FROM (inner)
SelectPtr wrap(SelectPtr inner) {
  auto outer = std::make_unique<SelectStmt>();
  outer->position = inner->position;
  auto star = make_expr(ast::ExprKind::Star, inner->position);
  outer->items.push_back(ast::SelectItem{std::move(star), ""});
  auto from = std::make_unique<TableRef>();
  from->kind = TableRef::Kind::Subquery;
  from->position = inner->position;
  from->subquery = std::move(inner);
  outer->from.push_back(std::move(from));
  return outer;
}

SelectPtr combine(SelectPtr left, SetOp op, SelectPtr right) {
  if (left->set_op == SetOp::None && !has_own_order_or_limit(*left)) {
    left->set_op = op;
    left->set_rhs = std::move(right);
    return left;
  }
  if (op != SetOp::Except && !has_own_order_or_limit(*left)) {
    SelectStmt* tail = left.get();
    while (tail != nullptr && tail->set_op != SetOp::None) {
      if (tail->set_op != op) { tail = nullptr; break; }
      tail = tail->set_rhs.get();
      if (has_own_order_or_limit(*tail)) tail = nullptr;
    }
    if (tail != nullptr) {
      tail->set_op = op;
      tail->set_rhs = std::move(right);
      return left;
    }
  }
  SelectPtr outer = wrap(std::move(left));
  outer->set_op = op;
  outer->set_rhs = std::move(right);
  return outer;
}

[[noreturn]] void not_supported(const antlr4::Token* token, const char* what) {
  std::string message(what);
  message.append(" is not supported");
  throw SqlError(sqlstate::kFeatureNotSupported, std::move(message), position_of(token));
}

TableRefPtr from_item(P::FromItemContext* ctx);

TableRefPtr table_primary(P::TablePrimaryContext* ctx) {
  TableRefPtr ref;
  if (auto* nested = ctx->fromItem()) {
    ref = from_item(nested);
  } else {
    ref = std::make_unique<TableRef>();
    ref->position = position_of(ctx);
    if (auto* call = ctx->funcCall()) {
      ref->kind = TableRef::Kind::Function;
      ref->name = func_name(call->funcName());
      if (call->orderByClause() != nullptr)
        throw SqlError(sqlstate::kWrongObjectType,
                       "ORDER BY specified, but " + ref->name.back() + " is not an aggregate function",
                       position_of(call->orderByClause()));
      for (auto* arg : call->expr()) ref->args.push_back(expr(arg));
    } else if (auto* name = ctx->qualifiedName()) {
      ref->kind = TableRef::Kind::Named;
      ref->name = qualified_name(name);
    } else {
      ref->kind = TableRef::Kind::Subquery;
      ref->subquery = select_stmt(ctx->selectStmt());
    }
  }
  if (auto* alias = ctx->tableAlias()) {
    ref->alias = identifier(alias->identifier());
    ref->column_aliases = ident_list(alias->identList());
  }
  return ref;
}

ast::JoinType join_type(P::JoinClauseContext* ctx) {
  if (ctx->CROSS() != nullptr) return ast::JoinType::Cross;
  P::JoinTypeContext* type = ctx->joinType();
  if (type == nullptr) return ast::JoinType::Inner;
  switch (type->getStart()->getType()) {
    case L::LEFT: return ast::JoinType::Left;
    case L::RIGHT: return ast::JoinType::Right;
    case L::FULL: return ast::JoinType::Full;
    default: return ast::JoinType::Inner;
  }
}

// Folds join clauses onto `left`, left to right; a clause's own nested clauses join its right
// side first.
TableRefPtr fold_joins(TableRefPtr left, const std::vector<P::JoinClauseContext*>& clauses) {
  for (auto* clause : clauses) {
    auto join = std::make_unique<TableRef>();
    join->kind = TableRef::Kind::Join;
    join->position = position_of(clause);
    join->join_type = join_type(clause);
    join->left = std::move(left);
    join->right = fold_joins(table_primary(clause->tablePrimary()), clause->joinClause());
    if (auto* on = clause->expr()) join->on = expr(on);
    join->using_columns = ident_list(clause->identList());
    left = std::move(join);
  }
  return left;
}

TableRefPtr from_item(P::FromItemContext* ctx) {
  TableRefPtr left = fold_joins(table_primary(ctx->tablePrimary()), ctx->joinClause());
  return left;
}

ast::SelectItem select_item(P::SelectItemContext* ctx) {
  ast::SelectItem item;
  if (ctx->STAR() != nullptr) {
    item.expr = make_expr(ast::ExprKind::Star, position_of(ctx));
    if (auto* qualifier = ctx->qualifiedName()) item.expr->name = qualified_name(qualifier);
    return item;
  }
  item.expr = expr(ctx->expr());
  if (auto* label = ctx->colLabel()) item.alias = col_label(label);
  if (auto* label = ctx->bareLabel()) item.alias = word(label->getStart());
  return item;
}

SelectPtr simple_select(P::SimpleSelectContext* ctx) {
  auto s = std::make_unique<SelectStmt>();
  s->position = position_of(ctx);
  s->distinct = ctx->DISTINCT() != nullptr;
  for (auto* item : ctx->selectItem()) s->items.push_back(select_item(item));
  if (auto* from = ctx->fromClause()) {
    for (auto* item : from->fromItem()) s->from.push_back(from_item(item));
  }
  if (ctx->where != nullptr) s->where = expr(ctx->where);
  if (auto* group = ctx->groupByClause()) {
    for (auto* e : group->expr()) s->group_by.push_back(expr(e));
  }
  if (ctx->having != nullptr) s->having = expr(ctx->having);
  s->emit_on_window_close = ctx->emitClause() != nullptr;
  return s;
}

SelectPtr select_primary(P::SelectPrimaryContext* ctx) {
  if (auto* simple = ctx->simpleSelect()) return simple_select(simple);
  return select_stmt(ctx->selectStmt());
}

SelectPtr select_intersect(P::SelectIntersectContext* ctx) {
  auto operands = ctx->selectPrimary();
  SelectPtr result = select_primary(operands[0]);
  for (size_t i = 1; i < operands.size(); ++i) {
    P::IntersectOpContext* op = ctx->intersectOp(i - 1);
    if (op->ALL() != nullptr) not_supported(op->ALL()->getSymbol(), "INTERSECT ALL");
    result = combine(std::move(result), SetOp::Intersect, select_primary(operands[i]));
  }
  return result;
}

SetOp set_op(P::SetOpContext* ctx) {
  bool all = ctx->ALL() != nullptr;
  if (ctx->EXCEPT() != nullptr) {
    if (all) not_supported(ctx->ALL()->getSymbol(), "EXCEPT ALL");
    return SetOp::Except;
  }
  return all ? SetOp::UnionAll : SetOp::Union;
}

SelectPtr select_set(P::SelectSetContext* ctx) {
  auto operands = ctx->selectIntersect();
  SelectPtr result = select_intersect(operands[0]);
  for (size_t i = 1; i < operands.size(); ++i) {
    result = combine(std::move(result), set_op(ctx->setOp(i - 1)), select_intersect(operands[i]));
  }
  return result;
}

}  // namespace

ast::OrderItem order_item(P::OrderItemContext* ctx) {
  ast::OrderItem item;
  item.expr = expr(ctx->expr());
  item.descending = ctx->DESC() != nullptr;
  if (ctx->NULLS() != nullptr) item.nulls_first = ctx->FIRST() != nullptr;
  return item;
}

namespace {

ast::ExprPtr fetch_first_count(P::FetchFirstContext* ctx) {
  if (auto* count = ctx->expr()) return expr(count);
  auto one = make_expr(ast::ExprKind::Literal, position_of(ctx));
  one->literal_kind = ast::LiteralKind::Integer;
  one->text.push_back('1');  // not = "1": GCC 12 -Wrestrict false positive
  return one;
}

void limit_clause(P::LimitClauseContext* ctx, SelectStmt& s) {
  if (auto* value = ctx->limitValue()) {
    if (auto* count = value->expr()) s.limit = expr(count);  // LIMIT ALL: no limit
  }
  if (auto* fetch = ctx->fetchFirst()) s.limit = fetch_first_count(fetch);
  if (ctx->offset != nullptr) s.offset = expr(ctx->offset);
}

}  // namespace

SelectPtr select_stmt(P::SelectStmtContext* ctx) {
  SelectPtr s = select_set(ctx->selectSet());
  P::OrderByClauseContext* order = ctx->orderByClause();
  P::LimitClauseContext* limit = ctx->limitClause();
  if (order != nullptr || limit != nullptr) {
    if (has_own_order_or_limit(*s)) s = wrap(std::move(s));  // (SELECT ... LIMIT 5) LIMIT 2
    if (order != nullptr) {
      for (auto* item : order->orderItem()) s->order_by.push_back(order_item(item));
    }
    if (limit != nullptr) limit_clause(limit, *s);
  }
  if (auto* with = ctx->withClause()) {
    if (!s->with.empty()) s = wrap(std::move(s));  // (WITH a AS (...) SELECT ...) under another WITH
    s->with_recursive = with->RECURSIVE() != nullptr;
    for (auto* cte : with->commonTableExpr()) {
      ast::CommonTableExpr item;
      item.name = identifier(cte->identifier());
      item.columns = ident_list(cte->identList());
      item.query = select_stmt(cte->selectStmt());
      item.position = position_of(cte);
      s->with.push_back(std::move(item));
    }
  }
  return s;
}

}  // namespace eddy::grammar
