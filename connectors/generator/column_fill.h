#pragma once
// Filling one generated column for a whole batch: value(n) for each event number n, appended
// straight to the column's typed vector. A generator's batch columns never hold NULLs, so no
// null map is kept in step.

#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"

namespace eddy::connectors {

// An integer field; a column declared with a floating type gets the values as doubles.
template <class Value>
void fill_ints(Column& column, const std::vector<uint64_t>& events, Value value) {
  if (column.type().physical() == PhysicalType::Float64) {
    auto& out = column.floats();
    for (uint64_t n : events) out.push_back(static_cast<double>(value(n)));
  } else {
    auto& out = column.ints();
    for (uint64_t n : events) out.push_back(value(n));
  }
}

// A text field: write(n, s) appends event n's value to the empty string s, in place.
template <class Write>
void fill_strings(Column& column, const std::vector<uint64_t>& events, Write write) {
  auto& out = column.strings();
  for (uint64_t n : events) write(n, out.emplace_back());
}

}  // namespace eddy::connectors
