#pragma once
// Joins in continuous queries (docs/streaming.md): a stream joined with an Eddy-kept table
// (each stream row enriched against the table's current rows: engine/lookup_join.h).

#include "catalog/catalog.h"
#include "grammar/ast.h"
#include "planner/select_planner.h"

namespace eddy::planner {

// `select`'s FROM is one JOIN of two named relations. Throws SqlError 0A000 for the forms this
// version does not maintain (naming them), 42P01/42703 for unknown names.
PlannedSelect plan_continuous_join(const ast::SelectStmt& select, const catalog::Catalog& catalog);

}  // namespace eddy::planner
