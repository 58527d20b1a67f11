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
    out.query = select_stmt(ctx->selectStmt());
  }
  out.options = generic_options(ctx->genericOptions());
  return out;
}

ast::DeclareCursor declare_cursor(P::DeclareStmtContext* ctx) {
  ast::DeclareCursor out;
  out.name = identifier(ctx->identifier());
  out.with_hold = ctx->hold != nullptr && ctx->hold->getType() == L::WITH;
  if (auto* query = ctx->selectStmt()) {
    out.query = select_stmt(query);
  } else {
    out.subscribe = std::make_unique<ast::Subscribe>(subscribe(ctx->subscribeStmt()));
  }
  return out;
}

// FETCH [FORWARD] [n | ALL | NEXT] [FROM | IN] c; ALL is -1.
ast::Fetch fetch(P::FetchStmtContext* ctx) {
  ast::Fetch out;
  out.cursor = identifier(ctx->identifier());
  if (auto* count = ctx->fetchCount()) {
    if (count->ALL() != nullptr) {
      out.count = -1;
    } else if (auto* n = count->INTEGER_LITERAL()) {
      out.count = integer_value(n, std::numeric_limits<int64_t>::max());
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
