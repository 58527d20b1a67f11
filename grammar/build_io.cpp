// Statements that move rows: INSERT, COPY, SUBSCRIBE, and the cursor statements DECLARE,
// FETCH and CLOSE.

#include <limits>
#include <string>

#include "grammar/ast_builder.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

using L = eddy_antlr::EddyLexer;

ast::Insert insert(P::InsertStmtContext* ctx) {
  ast::Insert out;
  out.table = joined_name(ctx->qualifiedName());
  out.columns = ident_list(ctx->identList());
  for (auto* row : ctx->valuesRow()) {
    std::vector<ast::ExprPtr> values;
    for (auto* value : row->insertValue()) {
      if (value->DEFAULT() != nullptr) {
        auto e = make_expr(ast::ExprKind::Function, position_of(value));
        e->name = {"default"};
        values.push_back(std::move(e));
      } else {
        values.push_back(expr(value->expr()));
      }
    }
    out.values.push_back(std::move(values));
  }
  if (auto* query = ctx->selectStmt()) out.select = select_stmt(query);
  return out;
}

namespace {

// Pre-9.0 COPY options written as bare words: CSV, BINARY, HEADER, DELIMITER [AS] 'x',
// NULL [AS] 'x', QUOTE [AS] 'x', ESCAPE [AS] 'x'. They become the same options as the
// parenthesized form: CSV -> (format 'csv'), HEADER -> (header 'true').
ast::Option legacy_copy_option(P::LegacyCopyOptionContext* ctx) {
  std::string key = ascii_lower(col_label(ctx->colLabel()));
  int position = position_of(ctx);
  if (auto* s = ctx->stringLiteral()) return ast::Option{key, string_literal(s), position};
  if (auto* n = ctx->INTEGER_LITERAL()) return ast::Option{key, n->getText(), position};
  if (key == "csv" || key == "binary" || key == "text") return ast::Option{"format", key, position};
  return ast::Option{key, "true", position};
}

std::vector<ast::Option> copy_options(P::CopyOptionsContext* ctx) {
  if (ctx == nullptr) return {};
  if (auto* list = ctx->genericOptions()) return generic_options(list);
  std::vector<ast::Option> out;
  for (auto* option : ctx->legacyCopyOption()) out.push_back(legacy_copy_option(option));
  return out;
}

}  // namespace

ast::CopyStmt copy(P::CopyStmtContext* ctx) {
  ast::CopyStmt out;
  out.from = ctx->FROM() != nullptr;
  antlr4::tree::TerminalNode* program = nullptr;
  P::StringLiteralContext* file = nullptr;
  if (auto* source = ctx->copySource()) {
    program = source->PROGRAM();
    file = source->stringLiteral();
  } else if (auto* destination = ctx->copyDestination()) {
    program = destination->PROGRAM();
    file = destination->stringLiteral();
  }
  if (file != nullptr) out.file = string_literal(file);
  out.program = program != nullptr;
  if (auto* name = ctx->qualifiedName()) {
    out.table = joined_name(name);
    out.columns = ident_list(ctx->identList());
  } else if (auto* query = ctx->selectStmt()) {
    out.query = select_stmt(query);
  } else {
    out.subscribe = std::make_unique<ast::Subscribe>(subscribe(ctx->subscribeStmt()));
  }
  out.options = copy_options(ctx->copyOptions());
  return out;
}

ast::Subscribe subscribe(P::SubscribeStmtContext* ctx) {
  ast::Subscribe out;
  if (auto* name = ctx->qualifiedName()) {
    out.target = joined_name(name);
  } else {
    auto* select = ctx->selectStmt();
    out.query = select_stmt(select);
    out.query_text = select->getStart()->getInputStream()->getText(
        antlr4::misc::Interval(select->getStart()->getStartIndex(), select->getStop()->getStopIndex()));
  }
  out.options = generic_options(ctx->genericOptions());
  return out;
}

ast::DeclareCursor declare_cursor(P::DeclareStmtContext* ctx) {
  ast::DeclareCursor out;
  out.name = identifier(ctx->identifier());
  out.with_hold = ctx->hold != nullptr && ctx->hold->getType() == L::WITH;
  for (auto* option : ctx->cursorOption()) {
    if (option->BINARY() != nullptr) out.binary = true;
    if (option->SCROLL() != nullptr) out.scroll = option->NO() == nullptr;
  }
  if (auto* query = ctx->selectStmt()) {
    out.query = select_stmt(query);
  } else {
    out.subscribe = std::make_unique<ast::Subscribe>(subscribe(ctx->subscribeStmt()));
  }
  return out;
}

namespace {

int64_t signed_count(P::SignedCountContext* ctx) {
  int64_t n = integer_value(ctx->INTEGER_LITERAL(), std::numeric_limits<int64_t>::max());
  return ctx->MINUS() != nullptr ? -n : n;
}

}  // namespace

// FETCH | MOVE [direction] [FROM | IN] c, PostgreSQL's fetch_args: NEXT, PRIOR, FIRST, LAST,
// ABSOLUTE n, RELATIVE n, n, ALL, FORWARD [n | ALL], BACKWARD [n | ALL]. ALL is count -1;
// a negative count of FORWARD / BACKWARD / plain n flips the direction.
ast::Fetch fetch(P::FetchStmtContext* ctx) {
  using D = ast::FetchDirection;
  ast::Fetch out;
  out.cursor = identifier(ctx->identifier());
  out.move = ctx->MOVE() != nullptr;
  auto* c = ctx->fetchCount();
  if (c == nullptr || c->NEXT() != nullptr) return out;
  if (c->PRIOR() != nullptr) {
    out.direction = D::Backward;
  } else if (c->FIRST() != nullptr || c->LAST() != nullptr) {
    out.direction = D::Absolute;
    out.count = c->FIRST() != nullptr ? 1 : -1;
  } else if (c->ABSOLUTE() != nullptr || c->RELATIVE() != nullptr) {
    out.direction = c->ABSOLUTE() != nullptr ? D::Absolute : D::Relative;
    out.count = signed_count(c->signedCount());
  } else {
    out.direction = c->BACKWARD() != nullptr ? D::Backward : D::Forward;
    if (c->ALL() != nullptr) {
      out.count = -1;
    } else if (auto* n = c->signedCount()) {
      out.count = signed_count(n);
      if (out.count < 0) {
        out.count = -out.count;
        out.direction = out.direction == D::Forward ? D::Backward : D::Forward;
      }
    }
  }
  return out;
}

ast::CloseCursor close_cursor(P::CloseStmtContext* ctx) {
  ast::CloseCursor out;
  out.cursor = ctx->ALL() != nullptr ? "all" : identifier(ctx->identifier());
  return out;
}

}  // namespace eddy::grammar
