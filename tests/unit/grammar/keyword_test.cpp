// Keyword classes (Eddy.g4): unreserved keywords are names anywhere, column-name keywords
// name columns and tables, and every keyword is a column label after AS.

#include "parse_helpers.h"

using eddy::test::parse_select;

namespace {
const char* const kUnreserved[] = {
    "abort", "absolute", "alter", "analyse", "analyze", "asensitive", "at", "backward", "begin",
    "binary", "by", "cascade", "characteristics",
    "close", "commit", "committed", "copy", "cursor", "declare", "deferrable", "describe",
    "double", "drop", "emit", "escape", "explain", "first", "forward", "hold", "if",
    "insensitive", "insert", "isolation", "key", "last", "level", "local", "materialized", "move",
    "names", "next", "no", "nulls", "only", "operator", "options", "password", "prior", "program",
    "query", "read", "relative", "repeatable", "replace", "reset", "restrict", "role", "rollback",
    "row", "rows", "scroll", "serializable", "session", "set", "show",
    "start", "stdin", "stdout", "stream", "subscribe", "transaction", "uncommitted", "unknown",
    "varying", "view", "watermark", "window", "without", "work", "write", "zone",
};
const char* const kColumnName[] = {
    "between", "char", "character", "exists", "extract", "precision", "time", "timestamp",
    "values",
};
const char* const kTypeFunction[] = {
    "cross", "current_schema", "full", "ilike", "inner", "is", "join", "left", "like", "outer",
    "right", "verbose",
};
const char* const kReserved[] = {
    "all", "and", "any", "array", "as", "asc", "case", "cast", "collate", "create",
    "current_catalog", "current_date", "current_role", "current_time", "current_timestamp",
    "current_user", "default", "desc", "distinct", "else", "end", "except", "false", "fetch",
    "for", "from", "group", "having", "in", "intersect", "into", "limit", "localtime",
    "localtimestamp", "not", "null", "offset", "on", "or", "order", "primary", "select",
    "session_user", "some", "table", "then", "to", "true", "union", "user", "using", "when",
    "where", "with",
};
}  // namespace

TEST_CASE("unreserved and column-name keywords are column and table names", "[grammar][keywords]") {
  auto check = [](const char* word) {
    INFO(word);
    std::string sql = std::string("SELECT ") + word + ", t." + word + " FROM " + word + " t";
    auto s = parse_select(sql);
    REQUIRE(s.items.size() == 2);
    CHECK(s.items[0].expr->name == std::vector<std::string>{word});
    CHECK(s.from[0]->name == std::vector<std::string>{word});
  };
  for (const char* word : kUnreserved) check(word);
  for (const char* word : kColumnName) check(word);
}

TEST_CASE("every keyword is a column label after AS and an option key", "[grammar][keywords]") {
  auto check = [](const char* word) {
    INFO(word);
    auto s = parse_select(std::string("SELECT 1 AS ") + word);
    CHECK(s.items[0].alias == word);
    auto t = eddy::test::parse_as<eddy::ast::CreateTable>(
        std::string("CREATE TABLE t (a INT) USING x OPTIONS (") + word + " 'v')");
    CHECK(t.options[0].key == word);
  };
  for (const char* word : kUnreserved) check(word);
  for (const char* word : kColumnName) check(word);
  for (const char* word : kTypeFunction) check(word);
  for (const char* word : kReserved) check(word);
}

TEST_CASE("unreserved keywords are function names", "[grammar][keywords]") {
  for (const char* word : kUnreserved) {
    INFO(word);
    auto s = parse_select(std::string("SELECT ") + word + "(1)");
    CHECK(s.items[0].expr->kind == eddy::ast::ExprKind::Function);
  }
}

TEST_CASE("reserved keywords are not bare column names", "[grammar][keywords]") {
  for (const char* word : {"select", "from", "where", "table", "limit", "group", "order"}) {
    INFO(word);
    CHECK(eddy::test::parse_error(std::string("SELECT a FROM ") + word).sqlstate() == "42601");
  }
}
