#include "connectors/generator/generator_basics.h"

#include <charconv>

#include "common/error.h"

namespace eddy::connectors {

uint64_t parse_generator_count(const std::string& key, const std::string& value) {
  uint64_t out = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || p != value.data() + value.size())
    throw SqlError(sqlstate::kInvalidParameterValue,
                   "invalid value for generator option \"" + key + "\": \"" + value + "\"")
        .with_hint("Expected a non-negative whole number.");
  return out;
}

}  // namespace eddy::connectors
