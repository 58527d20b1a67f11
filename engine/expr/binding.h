#pragma once
// Shared machinery of the binders (internal to engine/expr): type categories, implicit
// coercion, PostgreSQL-style overload selection, and the "does not exist" errors.

#include <string>
#include <string_view>
#include <vector>

#include "engine/expression.h"

namespace eddy::engine::bind {

// ---- types (type_resolution.cpp) -------------------------------------------------------------
// An untyped string literal or an untyped NULL: takes the type its context needs.
bool is_unknown(const BoundExpr& e);

enum class Category { Unknown, Bool, Numeric, String, DateTime, Timespan, Json, Oid, Array };
Category category(Type t);
// PostgreSQL's preferred type of each category: boolean, double precision, text,
// timestamptz, interval.
bool is_preferred(Type t);
// Position in the numeric widening chain int2 < int4 < int8 < numeric < float4 < float8
// (0 for non-numeric types).
int numeric_rank(Type t);
// pg_cast's implicit casts (plus unknown -> anything).
bool can_coerce_implicitly(Type from, Type to);
// The result type of + - * / over two numeric types, as PostgreSQL's operator resolution
// gives it: the wider integer, numeric, float4 only when both are float4, else float8.
Type arithmetic_result(Type a, Type b);
// common_supertype() with the construct named in the error ("CASE", "COALESCE", ...).
Type common_type(Type a, Type b, std::string_view context, int position);
// The common type of several expressions, unknowns resolving to text when all are unknown.
Type common_type_of(const std::vector<BoundExprPtr>& exprs, std::string_view context, int position);
// The type name PostgreSQL prints in resolution errors ("integer", "unknown").
std::string error_type_name(const BoundExpr& e);

// ---- casts (casts.cpp) -----------------------------------------------------------------------
enum class CastContext { Implicit, Assignment, Explicit };
// The kernel converting `from` to `to` in `ctx`, or nullptr when PostgreSQL has no such cast.
ScalarFn find_cast(Type from, Type to, CastContext ctx);
// Builds the conversion of `arg` to `target` (the cast must exist). Constants are folded:
// an unknown literal is parsed now and a parse error is raised now (at the literal's
// position); a typed constant whose conversion fails is left to fail at run time.
BoundExprPtr build_cast(BoundExprPtr arg, Type target, CastContext ctx, int position);
// Implicit coercion for a function or operator argument: no node at all when the
// representation does not change (int4 -> int8, varchar -> text).
BoundExprPtr coerce_implicit(BoundExprPtr e, Type target);

// ---- calls (candidates.cpp) ------------------------------------------------------------------
BoundExprPtr make_call(std::string name, Type result, ScalarFn fn, std::vector<BoundExprPtr> args, int position);

struct Signature {
  std::vector<Type> params;
  Type result;
  ScalarFn fn = nullptr;
  bool variadic = false;  // the last parameter repeats (zero or more times)
};

// PostgreSQL's func_select_candidate, simplified: viable candidates (every argument equal to,
// implicitly coercible to, or unknown for its parameter), then most exact matches, then most
// preferred types where coercion is needed, then string (else preferred) types for unknown
// arguments, then the first in table order. nullptr when none is viable.
const Signature* select_candidate(const std::vector<BoundExprPtr>& args, const std::vector<Signature>& sigs);
// Coerces the arguments to the signature's parameters and builds the Call.
BoundExprPtr apply_signature(std::string name, const Signature& sig, std::vector<BoundExprPtr> args, int position);

[[noreturn]] void throw_undefined_function(std::string_view name, const std::vector<BoundExprPtr>& args,
                                           int position);
// "text + integer", "- text": the operator as the errors print it (take it before resolving
// unknown literals, so that they still print as "unknown").
std::string operator_signature(std::string_view op, const std::vector<BoundExprPtr>& args);
[[noreturn]] void throw_undefined_operator(const std::string& signature, int position);
[[noreturn]] void throw_ambiguous_operator(const std::string& signature, int position);

}  // namespace eddy::engine::bind
