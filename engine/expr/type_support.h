#pragma once
// Internal to engine/: the names of pg_type's support functions (typinput, typoutput, ...),
// for regproc output and input. See engine/function_catalog.h.

#include <cstdint>
#include <utility>
#include <vector>

namespace eddy::engine {

// (PostgreSQL OID, proname) of every support function of Eddy's types (and of the heap and
// btree access methods, pg_am.amhandler), sorted by OID.
const std::vector<std::pair<uint32_t, const char*>>& type_support_function_names();

}  // namespace eddy::engine
