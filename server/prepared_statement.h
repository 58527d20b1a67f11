#pragma once
// A prepared statement of the extended query protocol: the parsed text of one Parse message
// and the types of its $n parameters. Immutable once made (but for its plan cache); shared by
// the portals bound to it, which keep it alive after Close or after the unnamed statement is
// replaced (as PostgreSQL's portals keep their plan).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "grammar/ast.h"

namespace eddy {

namespace exec {
class GenericPlan;
}

struct PreparedStatement {
  std::string sql;
  std::shared_ptr<const std::vector<ast::Statement>> statements;  // zero (empty query) or one
  // One OID per $n: as declared in Parse, else inferred from the context (server/parameter_types.h).
  std::vector<uint32_t> param_types;

  const ast::Statement* statement() const { return statements->empty() ? nullptr : &(*statements)[0]; }

  bool named = false;  // a named statement (the unnamed one is usually run once: no generic plan)

  // A cache, not part of what the statement is: the generic plan a named statement's executions
  // share (server/generic_plan.h), made at the first one. Used only by the session that owns
  // the statement, on its thread.
  mutable std::shared_ptr<const exec::GenericPlan> generic_plan;
  mutable bool generic_plan_tried = false;
};

}  // namespace eddy
