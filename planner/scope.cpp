#include "planner/scope.h"

#include "common/error.h"

namespace eddy::planner {

int Scope::find(const std::string& qualifier, const std::string& name, int position) const {
  int found = -1;
  for (size_t i = 0; i < columns.size(); ++i) {
    const ScopeColumn& c = columns[i];
    if (c.name != name || (!qualifier.empty() && c.qualifier != qualifier)) continue;
    if (found >= 0)
      throw SqlError(sqlstate::kAmbiguousColumn, "column reference \"" + name + "\" is ambiguous", position);
    found = static_cast<int>(i);
  }
  return found;
}

}  // namespace eddy::planner
