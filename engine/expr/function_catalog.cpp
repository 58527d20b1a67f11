// engine/function_catalog.h: pg_proc / pg_operator listings derived from what the binder
// accepts, with PostgreSQL's OIDs where PostgreSQL has the same function or operator.
#include "engine/function_catalog.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/error.h"
#include "engine/aggregate_spec.h"
#include "engine/expr/functions.h"
#include "engine/expr/type_support.h"
#include "engine/expression.h"

namespace eddy::engine {
namespace {

struct ProcOid {
  const char* name;
  const char* args;  // argument type OIDs separated by blanks
  uint32_t oid;
};
constexpr ProcOid kProcOids[] = {
#include "engine/expr/pg_proc_oids.inc"
};

struct OperatorOid {
  const char* name;
  uint32_t left, right, oid, code;
  const char* code_name;
  uint32_t commutator, negator;
};
constexpr OperatorOid kOperatorOids[] = {
#include "engine/expr/pg_operator_oids.inc"
};

// Functions bound by a custom binder (no signature list) that PostgreSQL has in pg_proc, with
// their declared signatures. coalesce, nullif, greatest, least, current_date and
// localtimestamp are syntax in PostgreSQL, not functions; concat takes VARIADIC "any", a type
// Eddy does not list.
struct DeclaredSignature {
  const char* name;
  std::vector<Type> args;
  Type result;
};
const std::vector<DeclaredSignature>& declared_signatures() {
  static const std::vector<DeclaredSignature> k = {
      {"now", {}, Type::timestamptz()},
      {"transaction_timestamp", {}, Type::timestamptz()},
      {"statement_timestamp", {}, Type::timestamptz()},
      {"clock_timestamp", {}, Type::timestamptz()},
      {"version", {}, Type::text()},
  };
  return k;
}

std::string arg_oids(const std::vector<Type>& args) {
  std::string out;
  for (const Type& t : args) out += (out.empty() ? "" : " ") + std::to_string(t.oid());
  return out;
}

bool type_less(Type a, Type b) { return a.oid() < b.oid(); }

// Names the registry binds that PostgreSQL parses as syntax and does not list in pg_proc
// (USER and CURRENT_ROLE cannot even be called with parentheses).
bool syntax_only(const std::string& name) {
  return name == "user" || name == "current_role" || name == "current_catalog" || name == "trim";
}

std::vector<FunctionInfo> build_functions() {
  std::vector<FunctionInfo> out;
  for (const auto& [name, def] : fns::registry()) {
    if (syntax_only(name)) continue;
    for (const auto& s : def.signatures) {
      FunctionInfo f;
      f.name = name;
      f.args = s.params;
      f.result = s.result;
      f.variadic = s.variadic;
      out.push_back(std::move(f));
    }
    if (def.custom != nullptr) {
      for (const auto& d : declared_signatures())
        if (name == d.name) out.push_back(FunctionInfo{0, name, d.args, d.result, 'f', false});
    }
  }
  // Aggregates: each input type the planner accepts. Arrays and the reg* aliases are left out
  // (PostgreSQL has no sum/min/max over them either, except max(anyarray)).
  out.push_back(FunctionInfo{0, "count", {}, Type::int64(), 'a', false});
  for (const char* name : {"approx_count_distinct", "avg", "count", "first_value", "last_value", "max", "min", "sum"}) {
    for (Type t : list_types()) {
      if (t.is_array() || (t.is_oid_like() && t.id != TypeId::Oid)) continue;
      try {
        if (auto spec = resolve_aggregate(name, false, t, 0))
          out.push_back(FunctionInfo{0, name, {t}, spec->result_type, 'a', false});
      } catch (const SqlError&) {
        // not accepted for this type
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const FunctionInfo& a, const FunctionInfo& b) {
    if (a.name != b.name) return a.name < b.name;
    return std::lexicographical_compare(a.args.begin(), a.args.end(), b.args.begin(), b.args.end(), type_less);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const FunctionInfo& a, const FunctionInfo& b) { return a.name == b.name && a.args == b.args; }),
            out.end());
  std::map<std::pair<std::string, std::string>, uint32_t> known;
  for (const auto& p : kProcOids) known[{p.name, p.args}] = p.oid;
  uint32_t next = kGeneratedFunctionOids;
  for (auto& f : out) {
    auto it = known.find({f.name, arg_oids(f.args)});
    f.oid = it != known.end() ? it->second : next++;
  }
  return out;
}

// Eddy's operator names and PostgreSQL's spelling of each.
constexpr std::pair<const char*, const char*> kOperatorNames[] = {
    {"+", "+"},       {"-", "-"},        {"*", "*"},          {"/", "/"},         {"%", "%"},
    {"||", "||"},     {"=", "="},        {"<>", "<>"},        {"<", "<"},         {"<=", "<="},
    {">", ">"},       {">=", ">="},      {"like", "~~"},      {"not like", "!~~"}, {"ilike", "~~*"},
    {"not ilike", "!~~*"}, {"~", "~"},   {"~*", "~*"},        {"!~", "!~"},       {"!~*", "!~*"},
};

// The result type of `op` over operands of these types, or nullopt when Eddy has no such
// operator (the binder's own verdict: whatever binds, runs).
std::optional<Type> operator_result(const char* op, Type left, Type right) {
  std::vector<BoundExprPtr> args;
  if (left.id != TypeId::Null) args.push_back(make_column_ref(0, left));
  args.push_back(make_column_ref(1, right));
  try {
    return bind_operator(op, std::move(args), 0)->type;
  } catch (const SqlError&) {
    return std::nullopt;
  }
}

// Operators are listed between operands of one type, and between the types PostgreSQL has an
// operator of that name for (int4 + int8, date - interval, ...): Eddy binds more mixed pairs
// through implicit casts, but listing every pair would swamp pg_operator.
std::vector<OperatorInfo> build_operators() {
  std::vector<Type> scalars, arrays;
  for (Type t : list_types()) (t.is_array() ? arrays : scalars).push_back(t);
  std::set<std::tuple<std::string, uint32_t, uint32_t>> postgres_has;
  for (const auto& o : kOperatorOids) postgres_has.insert({o.name, o.left, o.right});
  std::vector<OperatorInfo> out;
  for (const auto& [eddy_name, pg_name] : kOperatorNames) {
    const std::string op = eddy_name;
    const bool equality = op == "=" || op == "<>";
    for (Type l : scalars)
      for (Type r : scalars) {
        if (l != r && !postgres_has.count({pg_name, l.oid(), r.oid()})) continue;
        if (auto result = operator_result(eddy_name, l, r)) out.push_back({0, pg_name, l, r, *result});
      }
    if (equality)  // arrays compare for equality by their canonical text
      for (Type a : arrays)
        if (auto result = operator_result(eddy_name, a, a)) out.push_back({0, pg_name, a, a, *result});
    if (op == "-" || op == "+")
      for (Type r : scalars) {
        if (!postgres_has.count({pg_name, 0u, r.oid()})) continue;
        if (auto result = operator_result(eddy_name, Type::null(), r)) out.push_back({0, pg_name, Type::null(), r, *result});
      }
  }
  std::sort(out.begin(), out.end(), [](const OperatorInfo& a, const OperatorInfo& b) {
    return std::make_tuple(a.name, a.left.oid(), a.right.oid()) < std::make_tuple(b.name, b.left.oid(), b.right.oid());
  });
  auto oid_of = [](Type t) { return t.id == TypeId::Null ? 0u : t.oid(); };
  std::map<std::tuple<std::string, uint32_t, uint32_t>, const OperatorOid*> known;
  for (const auto& o : kOperatorOids) known[{o.name, o.left, o.right}] = &o;
  uint32_t next = kGeneratedOperatorOids;
  std::set<uint32_t> listed;
  for (auto& o : out) {
    auto it = known.find({o.name, oid_of(o.left), oid_of(o.right)});
    if (it != known.end()) {
      o.oid = it->second->oid;
      o.code = it->second->code;
      o.commutator = it->second->commutator;
      o.negator = it->second->negator;
    } else {
      o.oid = next++;
    }
    listed.insert(o.oid);
  }
  for (auto& o : out) {  // a commutator or negator Eddy does not list is no commutator
    if (!listed.count(o.commutator)) o.commutator = 0;
    if (!listed.count(o.negator)) o.negator = 0;
  }
  return out;
}

// Every function OID with a name: listed functions, type support functions, operator codes.
const std::map<uint32_t, std::string>& names_by_oid() {
  static const std::map<uint32_t, std::string> k = [] {
    std::map<uint32_t, std::string> out;
    for (const auto& [oid, name] : type_support_function_names()) out[oid] = name;
    std::map<uint32_t, const char*> codes;
    for (const auto& o : kOperatorOids) codes[o.code] = o.code_name;
    for (const auto& o : list_operators())
      if (o.code != 0) out[o.code] = codes[o.code];
    for (const auto& f : list_functions()) out[f.oid] = f.name;
    return out;
  }();
  return k;
}

}  // namespace

const std::vector<FunctionInfo>& list_functions() {
  static const std::vector<FunctionInfo> k = build_functions();
  return k;
}

const std::vector<OperatorInfo>& list_operators() {
  static const std::vector<OperatorInfo> k = build_operators();
  return k;
}

std::optional<std::string> function_name(uint32_t oid) {
  auto it = names_by_oid().find(oid);
  if (it == names_by_oid().end()) return std::nullopt;
  return it->second;
}

std::vector<uint32_t> function_oids(std::string_view name) {
  std::vector<uint32_t> out;
  for (const auto& [oid, n] : names_by_oid())
    if (n == name) out.push_back(oid);
  return out;
}

}  // namespace eddy::engine
