#pragma once
// Unicode-aware case mapping of UTF-8 text (internal to engine/expr): lower(), upper(),
// initcap() and ILIKE / ~* use it. ASCII takes a fast path; other characters map through the
// C.UTF-8 locale's tables (simple one-to-one mappings, as PostgreSQL's lower/upper do).

#include <string>
#include <string_view>

namespace eddy::engine::text {

void to_lower(std::string_view in, std::string& out);
void to_upper(std::string_view in, std::string& out);
// First letter of each run of letters and digits upper case, the rest lower case.
void to_initcap(std::string_view in, std::string& out);

}  // namespace eddy::engine::text
