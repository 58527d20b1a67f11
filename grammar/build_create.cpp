// CREATE STREAM, CREATE TABLE, CREATE [MATERIALIZED] VIEW, CREATE/ALTER ROLE (and USER).

#include <string>

#include "common/error.h"
#include "grammar/ast_builder.h"

namespace eddy::grammar {

namespace {

ast::ColumnDef column_def(P::ColumnDefContext* ctx) {
  ast::ColumnDef column;
  column.name = identifier(ctx->identifier());
  column.type = type_name(ctx->typeName());
  column.position = position_of(ctx);
  for (auto* constraint : ctx->columnConstraint()) {
    if (constraint->PRIMARY() != nullptr) {
      column.primary_key = true;
    } else if (constraint->DEFAULT() != nullptr) {
      column.default_value = expr(constraint->expr());
    } else {
      column.not_null = constraint->NOT() != nullptr;  // NOT NULL, or a plain NULL
    }
  }
  return column;
}

[[noreturn]] void invalid_definition(const std::string& message, antlr4::ParserRuleContext* at) {
  throw SqlError(sqlstate::kInvalidTableDefinition, message, position_of(at));
}

}  // namespace

ast::CreateStream create_stream(P::CreateStreamStmtContext* ctx) {
  ast::CreateStream stream;
  stream.if_not_exists = ctx->ifNotExists() != nullptr;
  stream.name = joined_name(ctx->qualifiedName());
  for (auto* element : ctx->streamElement()) {
    if (auto* column = element->columnDef()) {
      stream.columns.push_back(column_def(column));
      continue;
    }
    P::WatermarkDefContext* watermark = element->watermarkDef();
    if (stream.watermark.has_value()) {
      invalid_definition("multiple WATERMARK clauses for stream \"" + stream.name + "\"",
                         watermark);
    }
    stream.watermark = ast::Watermark{identifier(watermark->identifier()), expr(watermark->expr())};
  }
  stream.using_ = using_clause(ctx->usingClause());
  stream.options = options_clause(ctx->optionsClause());
  return stream;
}

ast::CreateTable create_table(P::CreateTableStmtContext* ctx) {
  ast::CreateTable table;
  table.if_not_exists = ctx->ifNotExists() != nullptr;
  table.name = joined_name(ctx->qualifiedName());
  int primary_keys = 0;
  for (auto* element : ctx->tableElement()) {
    if (auto* column = element->columnDef()) {
      table.columns.push_back(column_def(column));
      primary_keys += table.columns.back().primary_key ? 1 : 0;
    } else {
      table.primary_key = ident_list(element->identList());
      ++primary_keys;
    }
    if (primary_keys > 1) {
      invalid_definition("multiple primary keys for table \"" + table.name + "\" are not allowed",
                         element);
    }
  }
  table.using_ = using_clause(ctx->usingClause());
  table.options = options_clause(ctx->optionsClause());
  if (auto* query = ctx->selectStmt()) table.as_select = select_stmt(query);
  return table;
}

ast::CreateView create_view(P::CreateViewStmtContext* ctx) {
  ast::CreateView view;
  view.materialized = ctx->MATERIALIZED() != nullptr;
  view.or_replace = ctx->REPLACE() != nullptr;
  view.if_not_exists = ctx->ifNotExists() != nullptr;
  view.name = joined_name(ctx->qualifiedName());
  view.column_names = ident_list(ctx->identList());
  if (auto* options = ctx->genericOptions()) view.options = generic_options(options);
  view.query = select_stmt(ctx->selectStmt());
  return view;
}

// Role options are flags (value "") except PASSWORD 'x' (value x; PASSWORD NULL gives "").
// CREATE USER is CREATE ROLE ... LOGIN, so it starts with a "login" option.
ast::CreateRole create_role(P::CreateRoleStmtContext* ctx) {
  ast::CreateRole role;
  role.alter = ctx->ALTER() != nullptr;
  role.name = identifier(ctx->identifier());
  if (!role.alter && ctx->USER() != nullptr) {
    role.options.push_back(ast::Option{"login", "", position_of(ctx->USER())});
  }
  for (auto* option : ctx->roleOption()) {
    if (option->PASSWORD() != nullptr) {
      std::string value = option->stringLiteral() ? string_literal(option->stringLiteral()) : "";
      role.options.push_back(ast::Option{"password", std::move(value), position_of(option)});
    } else {
      role.options.push_back(ast::Option{identifier(option->identifier()), "", position_of(option)});
    }
  }
  return role;
}

}  // namespace eddy::grammar
