// Session and catalog statements: SHOW, SET, RESET, DESCRIBE, EXPLAIN, DROP, and the
// transaction statements.

#include <string>

#include "grammar/ast_builder.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

using L = eddy_antlr::EddyLexer;

namespace {

std::string join_setting(P::SettingNameContext* ctx) {
  std::string name;
  for (const auto& part : setting_name(ctx)) name += (name.empty() ? "" : ".") + part;
  return name;
}

// The words of a rule, lower case, separated by one space: "isolation level read committed".
std::string words(antlr4::ParserRuleContext* ctx) {
  std::string out;
  for (auto* child : ctx->children) {
    if (!out.empty()) out += ' ';
    out += ascii_lower(child->getText());
  }
  return out;
}

std::vector<std::string> transaction_modes(P::TransactionModesContext* ctx) {
  std::vector<std::string> modes;
  for (auto* mode : ctx->transactionMode()) modes.push_back(words(mode));
  return modes;
}

}  // namespace

// SHOW ALL | SHOW name [name ...]: the words joined by spaces ("transaction isolation level",
// "materialized views"); "time zone" is normalized to "timezone".
ast::Show show(P::ShowStmtContext* ctx) {
  ast::Show out;
  if (ctx->ALL() != nullptr) {
    out.what = "all";
    return out;
  }
  for (auto* name : ctx->settingName()) {
    if (!out.what.empty()) out.what += ' ';
    out.what += join_setting(name);
  }
  if (out.what == "time zone") out.what = "timezone";
  return out;
}

// SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT, and the special forms
// SET TIME ZONE (name "timezone"), SET NAMES (name "client_encoding"),
// SET TRANSACTION modes (name "transaction") and SET SESSION CHARACTERISTICS AS TRANSACTION
// modes (name "session characteristics"); for the last two each mode is one value
// ("isolation level serializable", "read only").
ast::Set set(P::SetStmtContext* ctx) {
  ast::Set out;
  out.local = ctx->scope != nullptr && ctx->scope->getType() == L::LOCAL;
  P::SetTargetContext* target = ctx->setTarget();
  if (target->ZONE() != nullptr) {
    out.name = "timezone";
  } else if (target->NAMES() != nullptr) {
    out.name = "client_encoding";
  } else if (auto* modes = target->transactionModes()) {
    out.name = target->CHARACTERISTICS() != nullptr ? "session characteristics" : "transaction";
    out.values = transaction_modes(modes);
    return out;
  } else {
    out.name = join_setting(target->settingName());
  }
  if (target->DEFAULT() != nullptr || (target->ZONE() != nullptr && target->LOCAL() != nullptr)) {
    return out;  // back to the default: no values
  }
  for (auto* value : target->optionValue()) out.values.push_back(option_value(value));
  return out;
}

ast::Set reset(P::ResetStmtContext* ctx) {
  ast::Set out;
  out.reset = true;
  if (ctx->ALL() != nullptr) {
    out.name = "all";
  } else if (ctx->ZONE() != nullptr) {
    out.name = "timezone";
  } else {
    out.name = join_setting(ctx->settingName());
  }
  return out;
}

ast::Describe describe(P::DescribeStmtContext* ctx) {
  return ast::Describe{qualified_name(ctx->qualifiedName())};
}

ast::Explain explain(P::ExplainStmtContext* ctx, antlr4::CharStream& input) {
  ast::Explain out;
  out.analyze = ctx->ANALYZE() != nullptr || ctx->ANALYSE() != nullptr;
  for (const auto& option : generic_options(ctx->genericOptions())) {
    if (option.key == "analyze" || option.key == "analyse") {
      out.analyze = option.value != "false" && option.value != "off" && option.value != "0";
    }
  }
  out.target = std::make_unique<ast::Statement>(statement(ctx->statement(), input));
  return out;
}

ast::Drop drop(P::DropStmtContext* ctx) {
  ast::Drop out;
  out.if_exists = ctx->ifExists() != nullptr;
  out.cascade = ctx->CASCADE() != nullptr;
  if (ctx->QUERY() != nullptr) {
    out.kind = ast::ObjectKind::Query;
    P::QueryIdContext* id = ctx->queryId();
    if (auto* s = id->stringLiteral()) out.names.push_back(string_literal(s));
    else if (auto* name = id->identifier()) out.names.push_back(identifier(name));
    else out.names.push_back(id->getText());
    return out;
  }
  P::DropKindContext* kind = ctx->dropKind();
  switch (kind->getStart()->getType()) {
    case L::STREAM: out.kind = ast::ObjectKind::Stream; break;
    case L::TABLE: out.kind = ast::ObjectKind::Table; break;
    case L::MATERIALIZED: out.kind = ast::ObjectKind::MaterializedView; break;
    case L::VIEW: out.kind = ast::ObjectKind::View; break;
    default: out.kind = ast::ObjectKind::Role; break;  // ROLE, USER
  }
  for (auto* name : ctx->qualifiedName()) out.names.push_back(joined_name(name));
  return out;
}

// BEGIN / START TRANSACTION -> "begin", COMMIT / END -> "commit", ROLLBACK / ABORT ->
// "rollback". Transaction modes are accepted and not kept.
ast::Transaction transaction(P::TransactionStmtContext* ctx) {
  switch (ctx->getStart()->getType()) {
    case L::BEGIN: return ast::Transaction{"begin", false};
    case L::START: return ast::Transaction{"begin", true};
    case L::COMMIT:
    case L::END: return ast::Transaction{"commit", false};
    default: return ast::Transaction{"rollback", false};
  }
}

}  // namespace eddy::grammar
