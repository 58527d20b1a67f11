#pragma once
// pg_type's physical and classification columns of Eddy's types (internal to
// system_catalog/), as PostgreSQL 15 has them.

#include <cstdint>

#include "common/type.h"

namespace eddy::syscat {

struct TypeProperties {
  bool byval = false;      // typbyval
  char category = 'U';     // typcategory
  bool preferred = false;  // typispreferred
  char align = 'i';        // typalign
  char storage = 'p';      // typstorage
  uint32_t collation = 0;  // typcollation: 100 default (text, varchar), 950 C (name)
  uint32_t element = 0;    // typelem: arrays, int2vector, oidvector, and name ("char")
};

TypeProperties type_properties(Type type);

}  // namespace eddy::syscat
