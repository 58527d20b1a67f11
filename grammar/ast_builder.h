#pragma once
// The transformer from ANTLR's parse tree (EddyParser contexts) to Eddy's AST (ast.h): one
// function per grammar rule, in files by concept:
//   build_names.cpp      identifiers, qualified names, type names, literals, OPTIONS
//   build_expr.cpp       the expression precedence levels
//   build_primary.cpp    primary expressions: literals, calls, CASE, CAST, subqueries
//   build_select.cpp     SELECT, set operations, FROM and joins, ORDER BY, LIMIT
//   build_create.cpp     CREATE STREAM / TABLE / VIEW / ROLE
//   build_io.cpp         INSERT, COPY, SUBSCRIBE, DECLARE, FETCH, CLOSE
//   build_session.cpp    SHOW, SET, RESET, DESCRIBE, EXPLAIN, DROP, transactions
//   build_statement.cpp  the script and statement dispatch
// Internal to grammar/. Every function is pure (no state), so any thread may call it on its
// own tree. Errors are thrown as SqlError, positions are 1-based character offsets.

#include <string>
#include <vector>

#include "grammar/ast.h"
#include "grammar/generated_parser.h"

namespace eddy::grammar {

using P = eddy_antlr::EddyParser;

// --- positions and errors -------------------------------------------------------------------
int position_of(const antlr4::Token* token);
int position_of(antlr4::tree::TerminalNode* node);
int position_of(antlr4::ParserRuleContext* ctx);
// Throws PostgreSQL's syntax error for `token` (42601, "syntax error at or near "X"",
// "syntax error at end of input", "unterminated quoted string at or near ...").
[[noreturn]] void throw_syntax_error(const antlr4::Token* token);

// --- names and literals (build_names.cpp) ---------------------------------------------------
std::string word(const antlr4::Token* token);  // folded identifier or keyword, unquoted
std::string identifier(P::IdentifierContext* ctx);
std::string col_label(P::ColLabelContext* ctx);
std::vector<std::string> qualified_name(P::QualifiedNameContext* ctx);
std::string joined_name(P::QualifiedNameContext* ctx);  // "schema.name"
std::vector<std::string> ident_list(P::IdentListContext* ctx);
std::string dotted_name(P::DottedNameContext* ctx);
std::vector<std::string> setting_name(P::SettingNameContext* ctx);
std::string string_literal(P::StringLiteralContext* ctx);
ast::TypeName type_name(P::TypeNameContext* ctx);
// The value of an unsigned integer token after its first `skip` characters ($1: skip 1); a
// value above `max` is a syntax error at that token.
int64_t integer_value(antlr4::tree::TerminalNode* node, int64_t max, size_t skip = 0);
ast::Option option(P::OptionContext* ctx);
std::vector<ast::Option> options_clause(P::OptionsClauseContext* ctx);
std::vector<ast::Option> generic_options(P::GenericOptionsContext* ctx);
std::string option_value(P::OptionValueContext* ctx);
std::string using_clause(P::UsingClauseContext* ctx);

// --- expressions (build_expr.cpp, build_primary.cpp) ----------------------------------------
ast::ExprPtr make_expr(ast::ExprKind kind, int position);
ast::ExprPtr expr(P::ExprContext* ctx);
ast::ExprPtr primary(P::PrimaryContext* ctx);
ast::ExprPtr func_call(P::FuncCallContext* ctx);
std::vector<std::string> func_name(P::FuncNameContext* ctx);
ast::ExprPtr subquery_expr(P::SelectStmtContext* ctx);

// --- queries (build_select.cpp) -------------------------------------------------------------
ast::SelectPtr select_stmt(P::SelectStmtContext* ctx);
ast::OrderItem order_item(P::OrderItemContext* ctx);

// --- statements -----------------------------------------------------------------------------
ast::CreateStream create_stream(P::CreateStreamStmtContext* ctx);
ast::CreateTable create_table(P::CreateTableStmtContext* ctx);
ast::CreateView create_view(P::CreateViewStmtContext* ctx);
ast::CreateRole create_role(P::CreateRoleStmtContext* ctx);
ast::Insert insert(P::InsertStmtContext* ctx);
ast::CopyStmt copy(P::CopyStmtContext* ctx);
ast::Subscribe subscribe(P::SubscribeStmtContext* ctx);
ast::DeclareCursor declare_cursor(P::DeclareStmtContext* ctx);
ast::Fetch fetch(P::FetchStmtContext* ctx);
ast::CloseCursor close_cursor(P::CloseStmtContext* ctx);
ast::Show show(P::ShowStmtContext* ctx);
ast::Set set(P::SetStmtContext* ctx);
ast::Set reset(P::ResetStmtContext* ctx);
ast::Describe describe(P::DescribeStmtContext* ctx);
ast::Drop drop(P::DropStmtContext* ctx);
ast::Transaction transaction(P::TransactionStmtContext* ctx);
ast::Explain explain(P::ExplainStmtContext* ctx, antlr4::CharStream& input);

// A statement with its text and position taken from `input`.
ast::Statement statement(P::StatementContext* ctx, antlr4::CharStream& input);
std::vector<ast::Statement> script(P::ScriptContext* ctx, antlr4::CharStream& input);

}  // namespace eddy::grammar
