#pragma once
// The name PostgreSQL gives an output column that has no alias (its FigureColname rules),
// computed from the bound expression:
//   column reference          its column name                  SELECT asset      -> asset
//   function call             the function's name              SELECT lower(a)   -> lower
//                                                               SELECT count(*)   -> count
//   CASE / COALESCE           case / coalesce                  (greatest, least, nullif: by name)
//   explicit cast             the operand's name when it has   SELECT a::text    -> a
//                             one, else the type's pg name     SELECT '1'::int   -> int4
//   operators, literals, AND, OR, NOT, IS NULL, IN, ...        -> ?column?
// Implicit casts added by type resolution are transparent. A Constant may carry a name in
// BoundExpr::name: a function folded at bind time ("now", "current_date", "version") or
// "::<typname>" for a folded cast.

#include <string>

#include "engine/expression.h"

namespace eddy::engine {

std::string default_column_name(const BoundExpr& expr);

}  // namespace eddy::engine
