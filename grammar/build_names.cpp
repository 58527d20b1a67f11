// Names, type names, string literals and OPTIONS lists.

#include <limits>
#include <string>

#include "common/error.h"
#include "grammar/ast_builder.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

using L = eddy_antlr::EddyLexer;

std::string word(const antlr4::Token* token) {
  std::string text = token->getText();
  if (token->getType() != L::QUOTED_IDENT) return ascii_lower(text);
  std::string name = unquote_identifier(text);
  if (name.empty()) {
    throw SqlError(sqlstate::kSyntaxError,
                   "zero-length delimited identifier at or near \"" + text + "\"",
                   position_of(token));
  }
  return name;
}

std::string identifier(P::IdentifierContext* ctx) { return word(ctx->getStart()); }

std::string col_label(P::ColLabelContext* ctx) { return word(ctx->getStart()); }

std::vector<std::string> qualified_name(P::QualifiedNameContext* ctx) {
  std::vector<std::string> parts{identifier(ctx->identifier())};
  for (auto* label : ctx->colLabel()) parts.push_back(col_label(label));
  return parts;
}

namespace {
std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}
}  // namespace

std::string joined_name(P::QualifiedNameContext* ctx) { return join(qualified_name(ctx), "."); }

std::vector<std::string> ident_list(P::IdentListContext* ctx) {
  std::vector<std::string> names;
  if (ctx == nullptr) return names;
  for (auto* id : ctx->identifier()) names.push_back(identifier(id));
  return names;
}

std::string dotted_name(P::DottedNameContext* ctx) {
  std::vector<std::string> parts;
  for (auto* label : ctx->colLabel()) parts.push_back(col_label(label));
  return join(parts, ".");
}

std::vector<std::string> setting_name(P::SettingNameContext* ctx) {
  std::vector<std::string> parts{identifier(ctx->identifier())};
  for (auto* label : ctx->colLabel()) parts.push_back(col_label(label));
  return parts;
}

std::string string_literal(P::StringLiteralContext* ctx) {
  const antlr4::Token* token = ctx->getStart();
  switch (token->getType()) {
    case L::ESTRING: return unescape_string(token->getText(), position_of(token));
    case L::DOLLAR_STRING: return unquote_dollar_string(token->getText());
    default: return unquote_string(token->getText());
  }
}

int64_t integer_value(antlr4::tree::TerminalNode* node, int64_t max, size_t skip) {
  const std::string text = node->getText();
  int64_t value = 0;
  for (char c : std::string_view(text).substr(skip)) {
    int digit = c - '0';
    if (value > (max - digit) / 10) throw_syntax_error(node->getSymbol());
    value = value * 10 + digit;
  }
  return value;
}

ast::TypeName type_name(P::TypeNameContext* ctx) {
  ast::TypeName type;
  type.position = position_of(ctx);
  P::BaseTypeNameContext* base = ctx->baseTypeName();
  switch (base->getStart()->getType()) {
    case L::CHAR:
    case L::CHARACTER:
      type.name = base->VARYING() ? "character varying" : "character";
      break;
    case L::TIMESTAMP:
    case L::TIME:
      type.name = base->getStart()->getType() == L::TIMESTAMP ? "timestamp" : "time";
      if (base->zone != nullptr) {
        type.name += base->zone->getType() == L::WITH ? " with time zone" : " without time zone";
      }
      break;
    default:
      if (base->PRECISION() != nullptr) {
        type.name = "double precision";
      } else {
        type.name = word(base->getStart());
        for (auto* label : base->colLabel()) type.name += "." + col_label(label);
      }
  }
  if (auto* modifiers = base->typeModifiers()) {
    type.modifier = static_cast<int32_t>(
        integer_value(modifiers->INTEGER_LITERAL(0), std::numeric_limits<int32_t>::max()));
  }
  for (size_t i = 0; i < ctx->LBRACKET().size(); ++i) type.name += "[]";
  return type;
}

std::string option_value(P::OptionValueContext* ctx) {
  if (auto* s = ctx->stringLiteral()) return string_literal(s);
  if (auto* label = ctx->colLabel()) return col_label(label);
  std::string number = ctx->getStop()->getText();
  if (ctx->sign != nullptr && ctx->sign->getType() == L::MINUS) number.insert(0, "-");
  return number;
}

namespace {
std::string option_key(P::OptionKeyContext* ctx) {
  if (auto* s = ctx->stringLiteral()) return ascii_lower(string_literal(s));
  return ascii_lower(dotted_name(ctx->dottedName()));
}
}  // namespace

ast::Option option(P::OptionContext* ctx) {
  return ast::Option{option_key(ctx->optionKey()), option_value(ctx->optionValue()),
                     position_of(ctx)};
}

std::vector<ast::Option> options_clause(P::OptionsClauseContext* ctx) {
  std::vector<ast::Option> out;
  if (ctx == nullptr) return out;
  for (auto* o : ctx->option()) out.push_back(option(o));
  return out;
}

std::vector<ast::Option> generic_options(P::GenericOptionsContext* ctx) {
  std::vector<ast::Option> out;
  if (ctx == nullptr) return out;
  for (auto* o : ctx->genericOption()) {
    // A bare key (`HEADER`, `ANALYZE`, `SNAPSHOT`) means true, as in PostgreSQL.
    std::string value = o->optionValue() ? option_value(o->optionValue()) : "true";
    out.push_back(ast::Option{option_key(o->optionKey()), std::move(value), position_of(o)});
  }
  return out;
}

std::string using_clause(P::UsingClauseContext* ctx) {
  if (ctx == nullptr) return "";
  if (auto* s = ctx->stringLiteral()) return ascii_lower(string_literal(s));
  return ascii_lower(dotted_name(ctx->dottedName()));
}

}  // namespace eddy::grammar
