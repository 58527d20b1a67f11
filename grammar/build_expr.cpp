// Expressions above the primary level: NOT/AND/OR (rule expr), comparisons with their
// BETWEEN/IN/LIKE tails and IS suffixes (rule predicated), and the operator levels of rule
// valueExpr (::, [i], unary + -, COLLATE, AT TIME ZONE, ^, * / %, + -, || ~ -> ...).
// Binary chains are left-deep and are walked iteratively, so a long `a + b + c + ...` costs
// no stack.
// An operator's node carries the operator's position (as PostgreSQL reports it); other nodes
// their first token's.

#include <cstdint>
#include <string>

#include "common/error.h"
#include "grammar/ast_builder.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using L = eddy_antlr::EddyLexer;

ExprPtr make_expr(ExprKind kind, int position) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->position = position;
  return e;
}

ExprPtr subquery_expr(P::SelectStmtContext* ctx) {
  auto e = make_expr(ExprKind::Subquery, position_of(ctx));
  e->subquery = select_stmt(ctx);
  return e;
}

namespace {

// Longest operator chain accepted: the AST's destructor and every later pass recurse on it.
constexpr size_t kMaxChain = 10000;

void check_chain(size_t length, antlr4::ParserRuleContext* at) {
  if (length <= kMaxChain) return;
  throw SqlError("54001", "stack depth limit exceeded", position_of(at))
      .with_hint("An expression may chain at most 10000 operators.");
}

ExprPtr binary(std::string op, ExprPtr left, ExprPtr right, int position) {
  auto e = make_expr(ExprKind::Binary, position);
  e->op = std::move(op);
  e->args.push_back(std::move(left));
  e->args.push_back(std::move(right));
  return e;
}

std::string operator_text(const antlr4::Token* token) {
  std::string text = token->getText();
  if (text == "!=") return "<>";
  if (text == "~~") return "like";  // the operators behind LIKE, as pg_operator names them
  if (text == "~~*") return "ilike";
  if (text == "!~~") return "not like";
  if (text == "!~~*") return "not ilike";
  return text;
}

ExprPtr value_expr(P::ValueExprContext* ctx);

// One operator of valueExpr applied to its already-built left operand.
ExprPtr apply_postfix(P::ValueExprContext* ctx, ExprPtr left) {
  if (auto* type = ctx->typeName()) {  // x::type
    auto e = make_expr(ExprKind::Cast, position_of(ctx->DCOLON()));
    e->args.push_back(std::move(left));
    e->type_name = type_name(type);
    return e;
  }
  if (ctx->COLLATE() != nullptr) return left;  // accepted and dropped: Eddy compares bytewise
  if (ctx->subscript != nullptr) {  // a[i] is the binary operator "[]"
    return binary("[]", std::move(left), expr(ctx->subscript), position_of(ctx->LBRACKET()));
  }
  if (ctx->field != nullptr) {  // (composite).field
    auto e = make_expr(ExprKind::FieldSelect, position_of(ctx->DOT()));
    e->args.push_back(std::move(left));
    e->text = col_label(ctx->field);
    return e;
  }
  ExprPtr right = value_expr(ctx->valueExpr(1));
  if (ctx->AT() != nullptr) {  // x AT TIME ZONE z is PostgreSQL's timezone(z, x)
    auto e = make_expr(ExprKind::Function, position_of(ctx->AT()));
    e->name = {"timezone"};
    e->args.push_back(std::move(right));
    e->args.push_back(std::move(left));
    return e;
  }
  const antlr4::Token* op = ctx->op;
  if (op == nullptr) {  // an otherOp; OPERATOR(schema.op) stands for op
    P::OtherOpContext* other = ctx->otherOp();
    op = other->operatorSymbol() ? other->operatorSymbol()->getStart() : other->getStart();
  }
  return binary(operator_text(op), std::move(left), std::move(right), position_of(op));
}

ExprPtr value_expr(P::ValueExprContext* ctx) {
  std::vector<P::ValueExprContext*> spine;  // binary and postfix nodes down the left side
  while (ctx->primary() == nullptr && ctx->sign == nullptr) {
    spine.push_back(ctx);
    ctx = ctx->valueExpr(0);
  }
  check_chain(spine.size(), ctx);
  ExprPtr result;
  if (auto* p = ctx->primary()) {
    result = primary(p);
  } else {
    result = make_expr(ExprKind::Unary, position_of(ctx->sign));
    result->op = ctx->sign->getText();
    result->args.push_back(value_expr(ctx->valueExpr(0)));
  }
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    result = apply_postfix(*it, std::move(result));
  }
  return result;
}

ExprPtr apply_tail(P::PredicateTailContext* tail, ExprPtr left) {
  auto operands = tail->valueExpr();
  ExprPtr e;
  if (tail->BETWEEN() != nullptr) {
    e = make_expr(ExprKind::Between, position_of(tail->BETWEEN()));
    e->args.push_back(std::move(left));
    e->args.push_back(value_expr(operands[0]));
    e->args.push_back(value_expr(operands[1]));
  } else if (tail->IN() != nullptr) {
    if (auto* query = tail->selectStmt()) {
      e = make_expr(ExprKind::InSubquery, position_of(tail->IN()));
      e->subquery = select_stmt(query);
      e->args.push_back(std::move(left));
    } else {
      e = make_expr(ExprKind::InList, position_of(tail->IN()));
      e->args.push_back(std::move(left));
      for (auto* item : tail->expr()) e->args.push_back(expr(item));
    }
  } else {
    e = make_expr(ExprKind::Like, position_of(tail->likeOp));
    e->op = tail->likeOp->getType() == L::ILIKE ? "ilike" : "like";
    e->args.push_back(std::move(left));
    for (auto* operand : operands) e->args.push_back(value_expr(operand));  // pattern [, escape]
  }
  e->negated = tail->NOT() != nullptr;
  return e;
}

ExprPtr apply_is(P::IsSuffixContext* suffix, ExprPtr left) {
  int position = position_of(suffix->IS());
  bool negated = suffix->NOT() != nullptr;
  if (suffix->DISTINCT() != nullptr) {
    return binary(negated ? "is not distinct from" : "is distinct from", std::move(left),
                  value_expr(suffix->valueExpr()), position);
  }
  ExprPtr e;
  if (suffix->NULL_() != nullptr || suffix->UNKNOWN() != nullptr) {  // IS UNKNOWN is IS NULL
    e = make_expr(ExprKind::IsNull, position);
  } else {
    e = make_expr(ExprKind::IsBool, position);
    e->text = suffix->TRUE_() != nullptr ? "true" : "false";
  }
  e->args.push_back(std::move(left));
  e->negated = negated;
  return e;
}

ExprPtr predicated(P::PredicatedContext* ctx) {
  auto values = ctx->valueExpr();
  auto tails = ctx->predicateTail();
  P::CompOpContext* op = ctx->compOp();
  size_t next_tail = 0;
  // A tail before the comparison operator belongs to the left operand.
  auto tail_before = [&](size_t token_index) {
    return next_tail < tails.size() && tails[next_tail]->getStart()->getTokenIndex() < token_index;
  };
  ExprPtr result = value_expr(values[0]);
  size_t op_index = op != nullptr ? op->getStart()->getTokenIndex() : SIZE_MAX;
  if (tail_before(op_index)) result = apply_tail(tails[next_tail++], std::move(result));
  if (op != nullptr) {
    std::string text = operator_text(op->getStart());
    if (ctx->quantifier == nullptr) {
      ExprPtr right = value_expr(values[1]);
      if (tail_before(SIZE_MAX)) right = apply_tail(tails[next_tail++], std::move(right));
      result = binary(std::move(text), std::move(result), std::move(right), position_of(op));
    } else {
      auto e = make_expr(ExprKind::AnyAll, position_of(op));
      e->op = std::move(text);
      e->text = ctx->quantifier->getType() == L::ALL ? "all" : "any";
      e->args.push_back(std::move(result));
      e->args.push_back(ctx->selectStmt() ? subquery_expr(ctx->selectStmt()) : expr(ctx->expr()));
      result = std::move(e);
    }
  }
  for (auto* suffix : ctx->isSuffix()) result = apply_is(suffix, std::move(result));
  return result;
}

}  // namespace

ExprPtr expr(P::ExprContext* ctx) {
  std::vector<P::ExprContext*> spine;  // AND / OR nodes down the left side
  while (ctx->AND() != nullptr || ctx->OR() != nullptr) {
    spine.push_back(ctx);
    ctx = ctx->expr(0);
  }
  check_chain(spine.size(), ctx);
  ExprPtr result;
  if (auto* p = ctx->predicated()) {
    result = predicated(p);
  } else {
    result = make_expr(ExprKind::Unary, position_of(ctx->NOT()));
    result->op = "not";
    result->args.push_back(expr(ctx->expr(0)));
  }
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    antlr4::tree::TerminalNode* op = (*it)->AND() != nullptr ? (*it)->AND() : (*it)->OR();
    result = binary((*it)->AND() != nullptr ? "and" : "or", std::move(result),
                    expr((*it)->expr(1)), position_of(op));
  }
  return result;
}

}  // namespace eddy::grammar
