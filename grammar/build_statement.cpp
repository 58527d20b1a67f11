// The script (statements separated by ';') and the dispatch of one statement.

#include "grammar/ast_builder.h"

namespace eddy::grammar {

namespace {

ast::StatementBody body(P::StatementContext* ctx, antlr4::CharStream& input) {
  if (auto* s = ctx->selectStmt()) return std::move(*select_stmt(s));
  if (auto* s = ctx->createStreamStmt()) return create_stream(s);
  if (auto* s = ctx->createTableStmt()) return create_table(s);
  if (auto* s = ctx->createViewStmt()) return create_view(s);
  if (auto* s = ctx->createRoleStmt()) return create_role(s);
  if (auto* s = ctx->insertStmt()) return insert(s);
  if (auto* s = ctx->copyStmt()) return copy(s);
  if (auto* s = ctx->subscribeStmt()) return subscribe(s);
  if (auto* s = ctx->declareStmt()) return declare_cursor(s);
  if (auto* s = ctx->fetchStmt()) return fetch(s);
  if (auto* s = ctx->closeStmt()) return close_cursor(s);
  if (auto* s = ctx->deallocateStmt()) {
    ast::Deallocate d;
    d.all = s->ALL() != nullptr;
    if (!d.all) d.name = identifier(s->identifier());
    return d;
  }
  if (auto* s = ctx->showStmt()) return show(s);
  if (auto* s = ctx->setStmt()) return set(s);
  if (auto* s = ctx->resetStmt()) return reset(s);
  if (auto* s = ctx->describeStmt()) return describe(s);
  if (auto* s = ctx->explainStmt()) return explain(s, input);
  if (auto* s = ctx->dropStmt()) return drop(s);
  return transaction(ctx->transactionStmt());
}

}  // namespace

ast::Statement statement(P::StatementContext* ctx, antlr4::CharStream& input) {
  ast::Statement out;
  out.body = body(ctx, input);
  out.position = position_of(ctx);
  out.text = input.getText(antlr4::misc::Interval(ctx->getStart()->getStartIndex(),
                                                  ctx->getStop()->getStopIndex()));
  return out;
}

std::vector<ast::Statement> script(P::ScriptContext* ctx, antlr4::CharStream& input) {
  std::vector<ast::Statement> out;
  for (auto* item : ctx->statementOrEmpty()) {
    if (auto* s = item->statement()) out.push_back(statement(s, input));
  }
  return out;
}

}  // namespace eddy::grammar
