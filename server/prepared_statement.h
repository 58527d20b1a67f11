#pragma once
// A prepared statement of the extended query protocol: the parsed text of one Parse message
// and the types of its $n parameters. Immutable once made; shared by the portals bound to it,
// which keep it alive after Close or after the unnamed statement is replaced (as PostgreSQL's
// portals keep their plan).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "grammar/ast.h"

namespace eddy {

struct PreparedStatement {
  std::string sql;
  std::shared_ptr<const std::vector<ast::Statement>> statements;  // zero (empty query) or one
  // One OID per $n: as declared in Parse, else inferred from the context (server/parameter_types.h).
  std::vector<uint32_t> param_types;

  const ast::Statement* statement() const { return statements->empty() ? nullptr : &(*statements)[0]; }
};

}  // namespace eddy
