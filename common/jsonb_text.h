#pragma once
// JSONB's text input, as PostgreSQL 15's jsonb_in gives it: the JSON is validated and stored in
// its canonical form, which is also its text output and the text inside its binary format:
//
//   input                                        stored (and printed)
//   {"k": 1, "a": [1, 2], "bb": {}, "a": 3}      {"a": 3, "k": 1, "bb": {}}
//   [1.50, 1e2, -0, 100e-2]                      [1.50, 100, 0, 1.00]
//   "a\/b\u00e9"                                  "a/bé"
//
// Object keys are ordered shorter first, then bytewise, and the last of duplicate keys wins;
// numbers are NUMERIC's text (exponent expanded, scale kept, no negative zero); strings are
// unescaped then written back escaping only ", \, control characters; ", " and ": " separate.
//
// Errors, as PostgreSQL: 22P02 "invalid input syntax for type json" with a DETAIL naming the
// problem ("Token "x" is invalid.", "The input string ended unexpectedly.", ...); 22P05
// "unsupported Unicode escape sequence" for \u0000; 54001 "stack depth limit exceeded" for
// nesting deeper than 1000 levels (PostgreSQL's limit depends on its stack size).

#include <string>
#include <string_view>

namespace eddy {

std::string canonical_jsonb(std::string_view json);

}  // namespace eddy
