#pragma once
// The functions, aggregates and operators Eddy can execute, as pg_proc, pg_aggregate and
// pg_operator list them: exactly the names and argument types the binder accepts (tools such
// as sqlsmith generate queries from these lists, so nothing may be listed that Eddy cannot run
// with those argument types).
//
// OIDs are PostgreSQL 15's where PostgreSQL has a function or operator of the same name and
// argument types (pg_proc_oids.inc, pg_operator_oids.inc); the others get OIDs from
// kGeneratedFunctionOids / kGeneratedOperatorOids in the order of the sorted lists, stable for
// a given build.
//
// The lists are computed once per process (thread-safe) from the function registry
// (engine/expr/bind_function.cpp), the aggregates (engine/aggregate_spec.h) and the operator
// binder, so a function added there appears here without further work.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy::engine {

inline constexpr uint32_t kGeneratedFunctionOids = 14100;  // up to 14999
inline constexpr uint32_t kGeneratedOperatorOids = 15000;  // up to 15999

struct FunctionInfo {
  uint32_t oid = 0;
  std::string name;
  std::vector<Type> args;  // the declared argument types
  Type result;
  char kind = 'f';         // pg_proc.prokind: 'f' function, 'a' aggregate
  bool variadic = false;   // the last argument repeats (pg_proc.provariadic is its type)
};

struct OperatorInfo {
  uint32_t oid = 0;
  std::string name;     // pg_operator.oprname: "+", "=", "~~" (LIKE), ...
  Type left;            // TypeId::Null for a prefix operator
  Type right;
  Type result;
  uint32_t code = 0;    // pg_operator.oprcode: PostgreSQL's function OID, 0 when Eddy's own
  uint32_t commutator = 0;
  uint32_t negator = 0;
};

// Sorted by name, then argument types. Aggregates (kind 'a') are listed once per input type
// Eddy accepts (count(*) as count with no arguments).
const std::vector<FunctionInfo>& list_functions();
// Sorted by name, then left and right type.
const std::vector<OperatorInfo>& list_operators();

// The types Eddy has, as pg_type lists them: every scalar type and the array type of each.
const std::vector<Type>& list_types();

// regproc output: the name of a listed function or of a type's input/output/receive/send
// function (typinput and friends in pg_type), or of an operator's implementation function;
// nullopt for an unknown OID.
std::optional<std::string> function_name(uint32_t oid);
// regproc input: the OIDs of the functions named `name` (listed ones and the type support
// functions), empty when none.
std::vector<uint32_t> function_oids(std::string_view name);

// PostgreSQL's format_type(oid, typmod): "integer", "character varying(10)", "text[]",
// "timestamp(3) without time zone", "numeric(10,2)", "-" for OID 0, "???" for a type Eddy
// does not list. Throws SqlError XX000 for an interval typmod PostgreSQL rejects.
std::string format_type(uint32_t oid, int32_t typmod = -1);
// pg_attribute.atttypmod of a column of `type`: varchar(n) is n + 4 (VARHDRSZ), others -1.
int32_t type_modifier(Type type);

// pg_type's support functions of a type (typinput, typoutput, typreceive, typsend, typmodin,
// typmodout, typanalyze, typsubscript), PostgreSQL's OIDs, 0 for none.
struct TypeSupport {
  uint32_t input = 0, output = 0, receive = 0, send = 0, modin = 0, modout = 0, analyze = 0, subscript = 0;
};
TypeSupport type_support(Type type);

}  // namespace eddy::engine
