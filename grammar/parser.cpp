// parse_sql: text in, AST out (see parser.h).
//
// Two-stage parsing, as ANTLR's authors recommend for speed: first SLL prediction with the
// BailErrorStrategy, which is exact for almost every input and gives up at the first conflict
// it cannot settle; only then full LL prediction, whose first reported error becomes the
// SqlError. The generated lexer never fails (a catch-all ERROR_CHAR token and the
// UNTERMINATED_* tokens carry lexical errors to the parser), so every error is reported in the
// order PostgreSQL's parser would meet it.
//
// Before parsing, the token stream is checked for nesting deeper than the parser's recursion
// should go (SQLSTATE 54001, as PostgreSQL's "stack depth limit exceeded").
//
// A SELECT whose shape was parsed before (the same text but for its integer and string
// literals) is not parsed again: parse_cache.h copies the earlier tree.
//
// Each call builds its own input stream, lexer, token stream and parser. The ATN and DFA
// caches that the generated classes share are static and guarded by the runtime's own locks,
// so concurrent calls from several threads are safe.

#include "grammar/parser.h"

#include <memory>

#include "common/error.h"
#include "grammar/ast_builder.h"
#include "grammar/parse_cache.h"
#include "grammar/sql_text.h"

namespace eddy {

namespace {

using L = eddy_antlr::EddyLexer;

// Deepest nesting of ( [ CASE, and longest run of prefix operators (NOT, unary + -), that a
// statement may have. The parser recurses on both, and prediction looks past a run of '('
// to see whether a subquery follows, so without a bound a hostile statement costs quadratic
// time and finally the thread's stack.
constexpr int kMaxNesting = 256;

void check_nesting(antlr4::CommonTokenStream& tokens) {
  tokens.fill();
  int depth = 0;
  int prefix_run = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    switch (token->getType()) {
      case L::LPAREN: case L::LBRACKET: case L::CASE: ++depth; break;
      case L::RPAREN: case L::RBRACKET: case L::END: depth = depth > 0 ? depth - 1 : 0; break;
      default: break;
    }
    int type = token->getType();
    prefix_run = (type == L::NOT || type == L::MINUS || type == L::PLUS) ? prefix_run + 1 : 0;
    if (depth > kMaxNesting || prefix_run > kMaxNesting) {
      throw SqlError("54001", "stack depth limit exceeded", grammar::position_of(token))
          .with_hint("Statements may nest parentheses, brackets, CASE and prefix operators at "
                     "most 256 deep.");
    }
  }
}

// Turns the first syntax error ANTLR reports into PostgreSQL's SqlError.
class ThrowingErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* /*recognizer*/, antlr4::Token* offending, size_t /*line*/,
                   size_t /*column*/, const std::string& /*message*/,
                   std::exception_ptr /*error*/) override {
    grammar::throw_syntax_error(offending);
  }
};

// ANTLR's parse of valid UTF-8 text.
std::vector<ast::Statement> parse_uncached(std::string_view sql) {
  ThrowingErrorListener listener;  // outlives the parser that points at it
  antlr4::ANTLRInputStream input(sql.data(), sql.size());
  eddy_antlr::EddyLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  check_nesting(tokens);
  eddy_antlr::EddyParser parser(&tokens);
  parser.removeErrorListeners();

  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  eddy_antlr::EddyParser::ScriptContext* tree = nullptr;
  try {
    simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    tree = parser.script();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    tree = parser.script();
  }
  return grammar::script(tree, input);
}

}  // namespace

std::vector<ast::Statement> parse_sql(std::string_view sql) {
  grammar::check_utf8(sql);
  std::optional<grammar::LiteralShape> shape;
  if (auto cached = grammar::cached_parse(sql, shape)) return std::move(*cached);
  std::vector<ast::Statement> statements = parse_uncached(sql);
  grammar::remember_parse(sql, shape, statements, parse_uncached);
  return statements;
}

}  // namespace eddy
