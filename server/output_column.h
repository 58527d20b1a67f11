#pragma once
// One column of a statement's result, as RowDescription describes it.

#include <cstdint>
#include <string>

#include "common/type.h"

namespace eddy {

struct OutputColumn {
  std::string name;
  Type type;
  uint32_t table_oid = 0;
  int16_t column_number = 0;
};

}  // namespace eddy
