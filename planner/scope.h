#pragma once
// The names visible to an expression: the columns of the input batch, in batch order, each with
// the name of the relation (or alias) it came from.

#include <string>
#include <vector>

#include "common/type.h"

namespace eddy::planner {

struct ScopeColumn {
  std::string qualifier;  // relation name or alias
  std::string name;
  Type type;
  bool hidden = false;    // built-in stream columns: found by name, not expanded by *
  // Where the column comes from, when it is a base relation's column as is (RowDescription's
  // table OID and attribute number); 0 otherwise.
  uint32_t table_oid = 0;
  int16_t column_number = 0;
};

struct Scope {
  std::vector<ScopeColumn> columns;

  // Index of the column `name` (qualified by `qualifier` when not empty), -1 when absent.
  // Throws SqlError 42702 when an unqualified name matches several columns.
  int find(const std::string& qualifier, const std::string& name, int position) const;
};

}  // namespace eddy::planner
