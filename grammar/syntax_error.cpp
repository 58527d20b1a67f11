// Positions and PostgreSQL-worded syntax errors for tokens of the generated lexer.

#include <string>

#include "common/error.h"
#include "grammar/ast_builder.h"

namespace eddy::grammar {

using L = eddy_antlr::EddyLexer;

int position_of(const antlr4::Token* token) {
  if (token == nullptr) return 0;
  return static_cast<int>(token->getStartIndex()) + 1;
}

int position_of(antlr4::tree::TerminalNode* node) {
  return node == nullptr ? 0 : position_of(node->getSymbol());
}

int position_of(antlr4::ParserRuleContext* ctx) {
  return ctx == nullptr ? 0 : position_of(ctx->getStart());
}

void throw_syntax_error(const antlr4::Token* token) {
  if (token == nullptr) throw SqlError(sqlstate::kSyntaxError, "syntax error");
  int position = position_of(token);
  if (token->getType() == antlr4::Token::EOF) {
    throw SqlError(sqlstate::kSyntaxError, "syntax error at end of input", position);
  }
  std::string what = "syntax error";
  switch (token->getType()) {
    case L::UNTERMINATED_STRING:
    case L::UNTERMINATED_ESTRING: what = "unterminated quoted string"; break;
    case L::UNTERMINATED_DOLLAR_STRING: what = "unterminated dollar-quoted string"; break;
    case L::UNTERMINATED_QUOTED_IDENT: what = "unterminated quoted identifier"; break;
    case L::UNTERMINATED_COMMENT: what = "unterminated /* comment"; break;
    default: break;
  }
  throw SqlError(sqlstate::kSyntaxError, what + " at or near \"" + token->getText() + "\"",
                 position);
}

}  // namespace eddy::grammar
