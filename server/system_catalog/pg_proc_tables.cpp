// pg_proc, pg_operator and pg_aggregate: exactly the functions, operators and aggregates
// Eddy executes, with the argument types it accepts (engine/function_catalog.h).
#include "engine/function_catalog.h"
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// pg_proc.provolatile: 'v' for functions whose result changes within a statement, 's' for
// those that read the catalog, the session or the statement's time, 'i' for the rest.
char volatility(const std::string& name) {
  if (name == "clock_timestamp" || name == "pg_sleep" || name == "txid_current") return 'v';
  if (name == "now" || name == "transaction_timestamp" || name == "statement_timestamp" || name == "format" ||
      name == "session_user" || name == "user" || name == "version" || name == "obj_description" ||
      name == "col_description" || name == "shobj_description" || name == "format_type" ||
      starts_with(name, "pg_") || starts_with(name, "has_") || starts_with(name, "current_") ||
      starts_with(name, "to_reg") || name == "to_timestamp" || name == "date_trunc" || name == "date_part" ||
      name == "extract")
    return 's';
  return 'i';
}

void fill_proc(const CatalogModel&, TableWriter& out) {
  for (const engine::FunctionInfo& f : engine::list_functions()) {
    std::vector<uint32_t> args;
    for (Type t : f.args) args.push_back(t.oid());
    uint32_t variadic = 0;
    if (f.variadic && !args.empty()) {  // declared as an array of the repeated type
      variadic = args.back();
      args.back() = array_type_oid(variadic);
    }
    const bool aggregate = f.kind == 'a';
    out.add({v::oid(f.oid), v::name(f.name), v::oid(kPgCatalogNamespace), v::oid(kBootstrapSuperuser),
             v::oid(kInternalLanguage), v::f4(1), v::f4(0), v::oid(variadic), v::regproc(0), v::ch(f.kind),
             v::boolean(false), v::boolean(false), v::boolean(!aggregate), v::boolean(false),
             v::ch(aggregate ? 'i' : volatility(f.name)), v::ch('s'), v::i2(static_cast<int64_t>(args.size())),
             v::i2(0), v::oid(f.result.oid()), v::oidvector(args), v::null(), v::null(), v::null(), v::null(),
             v::null(), v::text(aggregate ? "aggregate_dummy" : f.name), v::null(), v::null(), v::null(),
             v::null()});
  }
}

void fill_operator(const CatalogModel&, TableWriter& out) {
  for (const engine::OperatorInfo& o : engine::list_operators()) {
    const bool prefix = o.left.id == TypeId::Null;
    out.add({v::oid(o.oid), v::name(o.name), v::oid(kPgCatalogNamespace), v::oid(kBootstrapSuperuser),
             v::ch(prefix ? 'l' : 'b'), v::boolean(false), v::boolean(false), v::oid(prefix ? 0 : o.left.oid()),
             v::oid(o.right.oid()), v::oid(o.result.oid()), v::oid(o.commutator), v::oid(o.negator),
             v::regproc(o.code), v::regproc(0), v::regproc(0)});
  }
}

// The operator ordering `type` for min (<) and max (>): pg_aggregate.aggsortop.
uint32_t sort_operator(const std::string& name, Type type) {
  const char* op = name == "min" ? "<" : (name == "max" ? ">" : nullptr);
  if (op == nullptr) return 0;
  for (const auto& o : engine::list_operators())
    if (o.name == op && o.left == type && o.right == type) return o.oid;
  return 0;
}

void fill_aggregate(const CatalogModel&, TableWriter& out) {
  for (const engine::FunctionInfo& f : engine::list_functions()) {
    if (f.kind != 'a') continue;
    const Type input = f.args.empty() ? Type::null() : f.args[0];
    out.add({v::regproc(f.oid), v::ch('n'), v::i2(0), v::regproc(0), v::regproc(0), v::regproc(0), v::regproc(0),
             v::regproc(0), v::regproc(0), v::regproc(0), v::regproc(0), v::boolean(false), v::boolean(false),
             v::ch('r'), v::ch('r'), v::oid(sort_operator(f.name, input)), v::oid(f.result.oid()), v::i4(0), v::oid(0),
             v::i4(0), v::null(), v::null()});
  }
}

}  // namespace

void add_function_tables(std::vector<SystemTable>& out) {
  out.push_back({"pg_catalog", "pg_proc", 1255, 'r',
                 {{"oid", kOid}, {"proname", kName}, {"pronamespace", kOid}, {"proowner", kOid}, {"prolang", kOid},
                  {"procost", kFloat4}, {"prorows", kFloat4}, {"provariadic", kOid}, {"prosupport", kRegproc},
                  {"prokind", kChar}, {"prosecdef", kBool}, {"proleakproof", kBool}, {"proisstrict", kBool},
                  {"proretset", kBool}, {"provolatile", kChar}, {"proparallel", kChar}, {"pronargs", kInt2},
                  {"pronargdefaults", kInt2}, {"prorettype", kOid}, {"proargtypes", kOidVector},
                  {"proallargtypes", kOidArray}, {"proargmodes", kCharArray}, {"proargnames", kTextArray},
                  {"proargdefaults", kText}, {"protrftypes", kOidArray}, {"prosrc", kText}, {"probin", kText},
                  {"prosqlbody", kText}, {"proconfig", kTextArray}, {"proacl", kTextArray}},
                 &fill_proc});
  out.push_back({"pg_catalog", "pg_operator", 2617, 'r',
                 {{"oid", kOid}, {"oprname", kName}, {"oprnamespace", kOid}, {"oprowner", kOid}, {"oprkind", kChar},
                  {"oprcanmerge", kBool}, {"oprcanhash", kBool}, {"oprleft", kOid}, {"oprright", kOid},
                  {"oprresult", kOid}, {"oprcom", kOid}, {"oprnegate", kOid}, {"oprcode", kRegproc},
                  {"oprrest", kRegproc}, {"oprjoin", kRegproc}},
                 &fill_operator});
  out.push_back({"pg_catalog", "pg_aggregate", 2600, 'r',
                 {{"aggfnoid", kRegproc}, {"aggkind", kChar}, {"aggnumdirectargs", kInt2}, {"aggtransfn", kRegproc},
                  {"aggfinalfn", kRegproc}, {"aggcombinefn", kRegproc}, {"aggserialfn", kRegproc},
                  {"aggdeserialfn", kRegproc}, {"aggmtransfn", kRegproc}, {"aggminvtransfn", kRegproc},
                  {"aggmfinalfn", kRegproc}, {"aggfinalextra", kBool}, {"aggmfinalextra", kBool},
                  {"aggfinalmodify", kChar}, {"aggmfinalmodify", kChar}, {"aggsortop", kOid},
                  {"aggtranstype", kOid}, {"aggtransspace", kInt4}, {"aggmtranstype", kOid},
                  {"aggmtransspace", kInt4}, {"agginitval", kText}, {"aggminitval", kText}},
                 &fill_aggregate});
}

}  // namespace eddy::syscat
