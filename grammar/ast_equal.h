#pragma once
// Structural equality of SELECT syntax trees: every field of every node, positions included.
// The parse cache (parse_cache.h) checks with it that a cached tree, copied with another
// string's literals, is what parsing that string gives.

#include "grammar/ast.h"

namespace eddy::grammar {

bool same_expr(const ast::Expr& a, const ast::Expr& b);
bool same_select(const ast::SelectStmt& a, const ast::SelectStmt& b);

}  // namespace eddy::grammar
