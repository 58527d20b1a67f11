#pragma once
// The types of a prepared statement's $n parameters, for Parse and ParameterDescription.
//
// A type the client declares in Parse is kept. An unspecified one (OID 0, or beyond the
// declared list) gets the type its context needs, as PostgreSQL's parse analysis gives it:
// `WHERE id = $1` id's type, `$1 + 1` integer, `LIMIT $1` bigint, `INSERT ... VALUES ($1)` the
// column's type, `$1::date` date; text where nothing decides. The statement is planned (never
// run) with every parameter an untyped NULL placeholder, and the casts the planner builds
// report the types (engine/expr/parameter_types.h).
//
// Never throws for the statement itself: a statement that does not plan (an unknown table, a
// table created later in the same pipeline) keeps what was found before the error, text
// elsewhere, and reports its error when it runs, as Eddy's Execute does for every statement.

#include <cstdint>
#include <vector>

#include "grammar/ast.h"

namespace eddy {

class Database;

// `declared`: Parse's OIDs (0 = unspecified). `count`: how many parameters the statement has
// (the highest $n, or more when more types were declared). Returns `count` OIDs.
std::vector<uint32_t> infer_parameter_types(Database& db, const ast::Statement& statement,
                                            const std::vector<uint32_t>& declared, size_t count);

}  // namespace eddy
