#pragma once
// PostgreSQL's text form of arrays, as Eddy holds array values (see type.h): "{1,2,NULL}",
// "{\"a b\",c}" for one-dimensional arrays, and "1 2" for int2vector / oidvector.
//
// Only one-dimensional arrays with the default lower bound 1 exist in Eddy (int2vector and
// oidvector count from 0, as in PostgreSQL).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy {

using ArrayElements = std::vector<std::optional<std::string>>;  // nullopt is a NULL element

// Splits the text of an array of `type` into its elements' texts. Throws SqlError 22P02
// `malformed array literal: "..."` naming the input.
ArrayElements parse_array_elements(std::string_view text, Type type);

// The canonical text of an array of `type` with these element texts (quoted where PostgreSQL
// quotes: empty strings, "NULL", and texts with blanks, quotes, backslashes, commas or braces).
std::string format_array(const ArrayElements& elements, Type type);

// The lower bound of subscripts: 0 for int2vector/oidvector, else 1.
inline int array_lower_bound(Type type) { return type.id == TypeId::Array ? 1 : 0; }

}  // namespace eddy
