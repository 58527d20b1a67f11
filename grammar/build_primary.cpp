// Primary expressions: literals, parameters, typed literals, CAST, CASE, EXISTS, ARRAY[...],
// extract(field FROM x), function calls (also the SQL-standard ones written without
// parentheses: current_user, current_timestamp, ...), column references and subqueries.

#include <limits>
#include <string>

#include "grammar/ast_builder.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

using ast::ExprKind;
using ast::ExprPtr;
using ast::LiteralKind;
using L = eddy_antlr::EddyLexer;

namespace {

ExprPtr literal(LiteralKind kind, std::string text, int position) {
  auto e = make_expr(ExprKind::Literal, position);
  e->literal_kind = kind;
  e->text = std::move(text);
  return e;
}

ExprPtr literal(P::LiteralContext* ctx) {
  int position = position_of(ctx);
  if (auto* s = ctx->stringLiteral()) return literal(LiteralKind::String, string_literal(s), position);
  switch (ctx->getStart()->getType()) {
    case L::INTEGER_LITERAL: return literal(LiteralKind::Integer, ctx->getText(), position);
    case L::DECIMAL_LITERAL: return literal(LiteralKind::Decimal, ctx->getText(), position);
    case L::TRUE_: return literal(LiteralKind::Bool, "true", position);
    case L::FALSE_: return literal(LiteralKind::Bool, "false", position);
    default: return literal(LiteralKind::Null, "", position);
  }
}

ExprPtr case_expr(P::PrimaryContext* ctx) {
  auto e = make_expr(ExprKind::Case, position_of(ctx));
  if (ctx->operand != nullptr) e->case_operand = expr(ctx->operand);
  for (size_t i = 0; i < ctx->whens.size(); ++i) {
    e->args.push_back(expr(ctx->whens[i]));
    e->args.push_back(expr(ctx->thens[i]));
  }
  if (ctx->elseExpr != nullptr) e->case_else = expr(ctx->elseExpr);
  return e;
}

// CURRENT_USER, CURRENT_TIMESTAMP, ...: a call without arguments; USER means current_user.
ExprPtr special_function(P::SpecialFunctionContext* ctx) {
  auto e = make_expr(ExprKind::Function, position_of(ctx));
  std::string name = ascii_lower(ctx->getText());
  e->name = {name == "user" ? "current_user" : name};
  return e;
}

ExprPtr extract(P::PrimaryContext* ctx) {
  auto e = make_expr(ExprKind::Function, position_of(ctx));
  e->name = {"extract"};
  P::ExtractFieldContext* field = ctx->extractField();
  std::string text = field->stringLiteral() ? string_literal(field->stringLiteral())
                                            : col_label(field->colLabel());
  e->args.push_back(literal(LiteralKind::String, std::move(text), position_of(field)));
  e->args.push_back(expr(ctx->expr(0)));
  return e;
}

ExprPtr column_ref(P::ColumnRefContext* ctx) {
  auto e = make_expr(ExprKind::ColumnRef, position_of(ctx));
  e->name.push_back(identifier(ctx->identifier()));
  for (auto* label : ctx->colLabel()) e->name.push_back(col_label(label));
  return e;
}

}  // namespace

std::vector<std::string> func_name(P::FuncNameContext* ctx) {
  std::vector<std::string> name{word(ctx->getStart())};
  for (auto* label : ctx->colLabel()) name.push_back(col_label(label));
  return name;
}

ExprPtr func_call(P::FuncCallContext* ctx) {
  auto e = make_expr(ExprKind::Function, position_of(ctx));
  e->name = func_name(ctx->funcName());
  e->star_arg = ctx->STAR() != nullptr;
  e->distinct = ctx->DISTINCT() != nullptr;
  for (auto* arg : ctx->expr()) e->args.push_back(expr(arg));
  if (auto* order = ctx->orderByClause())
    for (auto* item : order->orderItem()) e->order_by.push_back(order_item(item));
  if (auto* over = ctx->overClause()) {
    e->over = std::make_unique<ast::WindowDef>();
    for (auto* key : over->expr()) e->over->partition_by.push_back(expr(key));
    if (auto* order = over->orderByClause())
      for (auto* item : order->orderItem()) e->over->order_by.push_back(order_item(item));
  }
  return e;
}

namespace {

// TRIM([BOTH | LEADING | TRAILING] [chars] FROM source): btrim / ltrim / rtrim(source[, chars]).
ExprPtr trim_call(P::PrimaryContext* ctx) {
  auto e = make_expr(ExprKind::Function, position_of(ctx));
  const antlr4::Token* side = ctx->trimSide;
  e->name = {side == nullptr || side->getType() == P::BOTH ? "btrim" : side->getType() == P::LEADING ? "ltrim" : "rtrim"};
  e->args.push_back(expr(ctx->trimSource));
  if (ctx->trimChars != nullptr) e->args.push_back(expr(ctx->trimChars));
  return e;
}

}  // namespace

ExprPtr primary(P::PrimaryContext* ctx) {
  int position = position_of(ctx);
  if (auto* lit = ctx->literal()) return literal(lit);
  if (auto* param = ctx->PARAM()) {
    auto e = make_expr(ExprKind::Param, position);
    e->param_index = static_cast<int>(integer_value(param, std::numeric_limits<int32_t>::max(), 1));
    return e;
  }
  if (ctx->CAST() != nullptr) {
    auto e = make_expr(ExprKind::Cast, position);
    e->args.push_back(expr(ctx->expr(0)));
    e->type_name = type_name(ctx->typeName());
    return e;
  }
  if (ctx->CASE() != nullptr) return case_expr(ctx);
  if (ctx->EXISTS() != nullptr) {
    auto e = make_expr(ExprKind::Exists, position);
    e->subquery = select_stmt(ctx->selectStmt());
    return e;
  }
  if (ctx->ARRAY() != nullptr) {  // ARRAY[a, b] (args), or ARRAY(SELECT ...) (subquery)
    auto e = make_expr(ExprKind::Array, position);
    for (auto* item : ctx->expr()) e->args.push_back(expr(item));
    if (auto* query = ctx->selectStmt()) e->subquery = select_stmt(query);
    return e;
  }
  if (ctx->EXTRACT() != nullptr) return extract(ctx);
  if (ctx->TRIM() != nullptr) return trim_call(ctx);
  if (auto* type = ctx->typeName()) {  // TIMESTAMP '...', INTERVAL '...', DATE '...'
    auto e = literal(LiteralKind::Typed, string_literal(ctx->stringLiteral()), position);
    e->type_name = type_name(type);
    return e;
  }
  if (auto* call = ctx->funcCall()) return func_call(call);
  if (auto* special = ctx->specialFunction()) return special_function(special);
  if (auto* column = ctx->columnRef()) return column_ref(column);
  if (auto* query = ctx->selectStmt()) return subquery_expr(query);
  return expr(ctx->expr(0));  // ( expr )
}

}  // namespace eddy::grammar
