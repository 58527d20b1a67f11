#pragma once
// Shared helpers of the grammar tests.

#include <catch.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/error.h"
#include "grammar/parser.h"

namespace eddy::test {

// Parses `sql`, requires exactly one statement and returns it.
inline ast::Statement parse_one(std::string_view sql) {
  auto statements = parse_sql(sql);
  REQUIRE(statements.size() == 1);
  return std::move(statements[0]);
}

// Parses one statement and returns its body as T (failing the test when it is another kind).
template <class T>
T parse_as(std::string_view sql) {
  ast::Statement statement = parse_one(sql);
  REQUIRE(std::holds_alternative<T>(statement.body));
  return std::move(std::get<T>(statement.body));
}

inline ast::SelectStmt parse_select(std::string_view sql) { return parse_as<ast::SelectStmt>(sql); }

// The expression of `SELECT <text>`.
inline ast::ExprPtr parse_expr(const std::string& text) {
  ast::SelectStmt select = parse_select("SELECT " + text);
  REQUIRE(select.items.size() == 1);
  return std::move(select.items[0].expr);
}

// The SqlError thrown by parse_sql(sql); fails the test when it does not throw one.
inline SqlError parse_error(std::string_view sql) {
  try {
    parse_sql(sql);
  } catch (const SqlError& e) {
    return e;
  }
  FAIL("expected a SqlError from: " << sql);
  return SqlError("", "");
}

// A compact rendering of an expression tree, to compare shapes in one line:
//   (+ a 1), (cast x int), fn:count(*), lit:'x', col:t.a, (in a 1 2), ...
std::string render(const ast::Expr& e);

}  // namespace eddy::test
