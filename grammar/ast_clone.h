#pragma once
// Deep copies of SELECT syntax trees, optionally rewritten on the way: every `position` goes
// through a mapping, and every literal node may be changed. What the parse cache
// (parse_cache.h) hands out: a copy of a cached tree with another statement's literals and
// positions.

#include <functional>

#include "grammar/ast.h"

namespace eddy::grammar {

struct CloneRewrite {
  // The position (1-based character offset, 0 unknown) the copy gets for `position`; identity
  // when empty. Must map 0 to 0.
  std::function<int(int)> position;
  // Called with each copied Literal node (its position already mapped); may change it.
  std::function<void(ast::Expr& literal)> literal;
};

ast::ExprPtr clone_expr(const ast::Expr& e, const CloneRewrite& rewrite = {});
ast::SelectPtr clone_select(const ast::SelectStmt& s, const CloneRewrite& rewrite = {});

}  // namespace eddy::grammar
