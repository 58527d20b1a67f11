#pragma once
// The scalar function registry (internal to engine/expr). Each fn_*.cpp file registers its
// functions by lower-case name, either as overload signatures (resolved PostgreSQL's way by
// bind::select_candidate) or with a custom binder for the functions whose result type or
// arity rules do not fit a signature list (coalesce, greatest, concat, now, ...).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/expr/binding.h"

namespace eddy::engine::fns {

using Args = std::vector<BoundExprPtr>;
// Returns nullptr, leaving `args` untouched, when no overload fits (-> 42883).
using CustomBinder = BoundExprPtr (*)(std::string_view name, Args& args, int position);

struct FunctionDef {
  std::vector<bind::Signature> signatures;
  CustomBinder custom = nullptr;
  std::string node_name;  // the Call's name when it differs from the name called (trim -> btrim)
};

using Registry = std::unordered_map<std::string, FunctionDef>;

void register_math(Registry& r);      // fn_math.cpp
void register_string(Registry& r);    // fn_string.cpp
void register_string_more(Registry& r);  // fn_string_pad.cpp
void register_datetime(Registry& r);  // fn_datetime.cpp
void register_misc(Registry& r);      // fn_misc.cpp
void register_catalog(Registry& r);   // fn_catalog.cpp: catalog information functions
void register_catalog_more(Registry& r);  // fn_catalog_privilege.cpp: privileges, quoting, format
void register_array(Registry& r);     // fn_array.cpp: array_length, array_to_string, ...

// Every registered function, built once (bind_function.cpp); function_catalog.cpp lists it.
const Registry& registry();

// Shorthand for signature tables.
inline bind::Signature sig(std::vector<Type> params, Type result, ScalarFn fn, bool variadic = false) {
  return bind::Signature{std::move(params), result, fn, variadic};
}

}  // namespace eddy::engine::fns
