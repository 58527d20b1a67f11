// Catalog information functions, as PostgreSQL 15 has them: format_type, pg_get_*def,
// visibility tests, the session's identity (current_user, current_schema, current_setting, ...), object
// comments (always NULL: Eddy keeps none), encodings, to_regclass and friends.
//
// Functions that need catalog state read engine::current_catalog_lookup() (catalog_lookup.h)
// and throw 0A000 when none is installed; type and function lookups are static.
#include <atomic>

#include "common/array_text.h"
#include "common/value_text.h"
#include "engine/catalog_lookup.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/function_catalog.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

// Applies f(oid) -> optional<string> to a strict oid argument; nullopt gives NULL.
template <class F>
void oid_to_text(const KArgs& a, size_t rows, Column& out, F f) {
  auto oid = ints(*a[0], rows);
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) {
    std::optional<std::string> s;
    if (!oid.null(i)) s = f(static_cast<uint32_t>(oid[i]), i);
    if (s) out.strings()[i] = std::move(*s);
    else set_output_null(out, i);
  }
}

// Applies f(oid) -> optional<bool>; nullopt gives NULL.
template <class F>
void oid_to_bool(const KArgs& a, size_t rows, Column& out, F f) {
  auto oid = ints(*a[0], rows);
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) {
    std::optional<bool> b;
    if (!oid.null(i)) b = f(static_cast<uint32_t>(oid[i]));
    if (b) out.ints()[i] = *b ? 1 : 0;
    else set_output_null(out, i);
  }
}

void all_null(size_t rows, Column& out) {
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) set_output_null(out, i);
}

void constant_text(size_t rows, Column& out, const std::string& s) {
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) out.strings()[i] = s;
}

// format_type(type oid, typmod int4): NULL only for a NULL type; a NULL typmod means none.
void k_format_type(const KArgs& a, size_t rows, Column& out) {
  auto mod = ints(*a[1], rows);
  oid_to_text(a, rows, out, [&](uint32_t oid, size_t i) {
    return format_type(oid, mod.null(i) ? -1 : static_cast<int32_t>(mod[i]));
  });
}

// pg_get_expr(expr, relation [, pretty]): Eddy keeps expressions as their text already.
void k_pg_get_expr(const KArgs& a, size_t rows, Column& out) {
  auto s = strings(*a[0], rows);
  const uint8_t* nulls = prepare_output({a[0], a[1]}, rows, out);
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i)) out.strings()[i] = s[i];
}

void k_table_is_visible(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("pg_table_is_visible");
  oid_to_bool(a, rows, out, [&](uint32_t oid) -> std::optional<bool> {
    if (!lookup.relation(oid)) return std::nullopt;
    return lookup.relation_visible(oid);
  });
}

void k_type_is_visible(const KArgs& a, size_t rows, Column& out) {
  oid_to_bool(a, rows, out, [](uint32_t oid) -> std::optional<bool> {
    if (format_type(oid) == "???" || oid == 0) return std::nullopt;
    return true;  // every type is in pg_catalog
  });
}

void k_function_is_visible(const KArgs& a, size_t rows, Column& out) {
  oid_to_bool(a, rows, out, [](uint32_t oid) -> std::optional<bool> {
    if (!function_name(oid)) return std::nullopt;
    return true;
  });
}

void k_current_user(const KArgs&, size_t rows, Column& out) {
  constant_text(rows, out, require_catalog_lookup("current_user").current_user());
}
void k_session_user(const KArgs&, size_t rows, Column& out) {
  constant_text(rows, out, require_catalog_lookup("session_user").session_user());
}
void k_current_database(const KArgs&, size_t rows, Column& out) {
  constant_text(rows, out, require_catalog_lookup("current_database").database());
}

void k_current_schema(const KArgs&, size_t rows, Column& out) {
  auto path = require_catalog_lookup("current_schema").search_path();
  if (path.empty()) return all_null(rows, out);
  constant_text(rows, out, path.front());
}

// current_schemas(include_implicit): name[] of the search path, pg_catalog first if asked.
void k_current_schemas(const KArgs& a, size_t rows, Column& out) {
  auto implicit = ints(*a[0], rows);
  const uint8_t* nulls = prepare_output(a, rows, out);
  auto path = require_catalog_lookup("current_schemas").search_path();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    ArrayElements elements;
    if (implicit[i] != 0) elements.emplace_back("pg_catalog");
    for (const auto& s : path) elements.emplace_back(s);
    out.strings()[i] = format_array(elements, out.type());
  }
}

// current_setting(name [, missing_ok]): 42704 for an unknown name unless missing_ok (NULL).
void k_current_setting(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("current_setting");
  auto name = strings(*a[0], rows);
  auto missing_ok = a.size() > 1 ? ints(*a[1], rows) : In<int64_t>{};
  uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    if (auto value = lookup.setting(name[i])) {
      out.strings()[i] = std::move(*value);
    } else if (a.size() > 1 && missing_ok[i] != 0) {
      nulls = set_output_null(out, i);
    } else {
      throw SqlError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + name[i] + "\"");
    }
  }
}

void k_get_userbyid(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("pg_get_userbyid");
  oid_to_text(a, rows, out, [&](uint32_t oid, size_t) -> std::optional<std::string> {
    if (auto name = lookup.role_name(oid)) return name;
    return "unknown (OID=" + std::to_string(oid) + ")";
  });
}

// obj_description, col_description, shobj_description: pg_description is empty.
void k_no_description(const KArgs&, size_t rows, Column& out) { all_null(rows, out); }

constexpr const char* kEncodings[] = {
    "SQL_ASCII", "EUC_JP",     "EUC_CN",     "EUC_KR",     "EUC_TW",     "EUC_JIS_2004", "UTF8",    "MULE_INTERNAL",
    "LATIN1",    "LATIN2",     "LATIN3",     "LATIN4",     "LATIN5",     "LATIN6",       "LATIN7",  "LATIN8",
    "LATIN9",    "LATIN10",    "WIN1256",    "WIN1258",    "WIN866",     "WIN874",       "KOI8R",   "WIN1251",
    "WIN1252",   "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250",      "WIN1253", "WIN1254",
    "WIN1255",   "WIN1257",    "KOI8U",      "SJIS",       "BIG5",       "GBK",          "UHC",     "GB18030",
    "JOHAB",     "SHIFT_JIS_2004",
};
constexpr int kEncodingCount = static_cast<int>(sizeof kEncodings / sizeof kEncodings[0]);

// pg_encoding_to_char: '' for a number that is no encoding.
void k_encoding_to_char(const KArgs& a, size_t rows, Column& out) {
  auto n = ints(*a[0], rows);
  const uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i) && n[i] >= 0 && n[i] < kEncodingCount) out.strings()[i] = kEncodings[n[i]];
}

// pg_char_to_encoding: -1 for a name that is no encoding (case and '-'/'_' are ignored).
void k_char_to_encoding(const KArgs& a, size_t rows, Column& out) {
  auto s = strings(*a[0], rows);
  const uint8_t* nulls = prepare_output(a, rows, out);
  auto key = [](std::string_view x) {
    std::string k;
    for (char c : x)
      if (c != '-' && c != '_') k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return k;
  };
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    out.ints()[i] = -1;
    for (int e = 0; e < kEncodingCount; ++e)
      if (key(kEncodings[e]) == key(s[i])) out.ints()[i] = e;
    if (key(s[i]) == "UNICODE") out.ints()[i] = 6;
  }
}

// pg_get_indexdef(index [, column, pretty]): column 0 is the whole statement; pretty leaves
// out the schema of a visible table.
void k_get_indexdef(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("pg_get_indexdef");
  const bool with_column = a.size() == 3;
  auto oid = ints(*a[0], rows);
  auto column = with_column ? ints(*a[1], rows) : In<int64_t>{};
  auto pretty = with_column ? ints(*a[2], rows) : In<int64_t>{};
  uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    auto def = lookup.index_definition(static_cast<uint32_t>(oid[i]), with_column ? static_cast<int>(column[i]) : 0,
                                       with_column && pretty[i] != 0);
    if (def) out.strings()[i] = std::move(*def);
    else nulls = set_output_null(out, i);
  }
}

void k_get_constraintdef(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("pg_get_constraintdef");
  oid_to_text(a, rows, out, [&](uint32_t oid, size_t) { return lookup.constraint_definition(oid); });
}

void k_get_viewdef(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("pg_get_viewdef");
  oid_to_text(a, rows, out, [&](uint32_t oid, size_t) { return lookup.view_definition(oid); });
}

void k_false(const KArgs& a, size_t rows, Column& out) {
  prepare_output(a, rows, out);  // strict: NULL in, NULL out
  for (size_t i = 0; i < rows; ++i) out.ints()[i] = 0;
}

void k_backend_pid(const KArgs&, size_t rows, Column& out) {
  const int32_t pid = require_catalog_lookup("pg_backend_pid").backend_pid();
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) out.ints()[i] = pid;
}

void k_postmaster_start_time(const KArgs&, size_t rows, Column& out) {
  const int64_t t = require_catalog_lookup("pg_postmaster_start_time").server_start_micros();
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) out.ints()[i] = t;
}

// txid_current(): Eddy has no transactions; every call returns a new number, as a new
// transaction would.
void k_txid_current(const KArgs&, size_t rows, Column& out) {
  static std::atomic<int64_t> next{1000};
  size_output(rows, out);
  const int64_t id = next.fetch_add(1);
  for (size_t i = 0; i < rows; ++i) out.ints()[i] = id;
}

void k_zero_oid(const KArgs&, size_t rows, Column& out) {
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) out.ints()[i] = 0;
}

// to_regclass(text) and friends: the object's OID, NULL when there is none.
template <TypeId kType>
void k_to_reg(const KArgs& a, size_t rows, Column& out) {
  auto s = strings(*a[0], rows);
  prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (out.is_null(i)) continue;
    std::optional<uint32_t> oid;
    try {
      oid = reg_input(Type(kType), s[i], true);
    } catch (const SqlError& e) {
      if (e.sqlstate() == sqlstate::kFeatureNotSupported) throw;
      oid.reset();  // to_regclass('a.b.c.d') is NULL, not an error
    }
    if (oid) out.ints()[i] = *oid;
    else set_output_null(out, i);
  }
}

}  // namespace

void register_catalog(Registry& r) {
  const Type o = Type::oid_type(), t = Type::text(), i4 = Type::int32(), b = Type::boolean(), n = Type::name();
  const Type rc = Type(TypeId::RegClass);
  r["format_type"] = {{sig({o, i4}, t, &k_format_type)}, nullptr, {}};
  r["pg_get_expr"] = {{sig({t, o}, t, &k_pg_get_expr), sig({t, o, b}, t, &k_pg_get_expr)}, nullptr, {}};
  r["pg_table_is_visible"] = {{sig({o}, b, &k_table_is_visible)}, nullptr, {}};
  r["pg_type_is_visible"] = {{sig({o}, b, &k_type_is_visible)}, nullptr, {}};
  r["pg_function_is_visible"] = {{sig({o}, b, &k_function_is_visible)}, nullptr, {}};
  r["current_user"] = {{sig({}, n, &k_current_user)}, nullptr, {}};
  r["current_role"] = r["current_user"];
  r["user"] = r["current_user"];
  r["session_user"] = {{sig({}, n, &k_session_user)}, nullptr, {}};
  r["current_database"] = {{sig({}, n, &k_current_database)}, nullptr, {}};
  r["current_catalog"] = r["current_database"];
  r["current_schema"] = {{sig({}, n, &k_current_schema)}, nullptr, {}};
  r["current_schemas"] = {{sig({b}, Type::array_of(n), &k_current_schemas)}, nullptr, {}};
  r["current_setting"] = {{sig({t}, t, &k_current_setting), sig({t, b}, t, &k_current_setting)}, nullptr, {}};
  r["pg_get_userbyid"] = {{sig({o}, n, &k_get_userbyid)}, nullptr, {}};
  r["obj_description"] = {{sig({o}, t, &k_no_description), sig({o, n}, t, &k_no_description)}, nullptr, {}};
  r["col_description"] = {{sig({o, i4}, t, &k_no_description)}, nullptr, {}};
  r["shobj_description"] = {{sig({o, n}, t, &k_no_description)}, nullptr, {}};
  r["pg_encoding_to_char"] = {{sig({i4}, n, &k_encoding_to_char)}, nullptr, {}};
  r["pg_char_to_encoding"] = {{sig({n}, i4, &k_char_to_encoding)}, nullptr, {}};
  r["pg_get_indexdef"] = {{sig({o}, t, &k_get_indexdef), sig({o, i4, b}, t, &k_get_indexdef)}, nullptr, {}};
  r["pg_get_constraintdef"] = {{sig({o}, t, &k_get_constraintdef), sig({o, b}, t, &k_get_constraintdef)}, nullptr, {}};
  r["pg_get_viewdef"] = {{sig({o}, t, &k_get_viewdef), sig({o, b}, t, &k_get_viewdef)}, nullptr, {}};
  // pg_rewrite is empty, so there is no rule to print: NULL, as PostgreSQL answers for an
  // unknown rule (psql's \d+ of a materialized view asks for its rules other than _RETURN).
  r["pg_get_ruledef"] = {{sig({o}, t, &k_no_description), sig({o, b}, t, &k_no_description)}, nullptr, {}};
  r["pg_relation_is_publishable"] = {{sig({rc}, b, &k_false)}, nullptr, {}};
  r["pg_get_statisticsobjdef_columns"] = {{sig({o}, t, &k_no_description)}, nullptr, {}};
  r["pg_backend_pid"] = {{sig({}, i4, &k_backend_pid)}, nullptr, {}};
  r["pg_postmaster_start_time"] = {{sig({}, Type::timestamptz(), &k_postmaster_start_time)}, nullptr, {}};
  r["pg_is_in_recovery"] = {{sig({}, b, &k_false)}, nullptr, {}};
  r["txid_current"] = {{sig({}, Type::int64(), &k_txid_current)}, nullptr, {}};
  r["pg_my_temp_schema"] = {{sig({}, o, &k_zero_oid)}, nullptr, {}};
  r["to_regclass"] = {{sig({t}, rc, &k_to_reg<TypeId::RegClass>)}, nullptr, {}};
  r["to_regtype"] = {{sig({t}, Type(TypeId::RegType), &k_to_reg<TypeId::RegType>)}, nullptr, {}};
  r["to_regproc"] = {{sig({t}, Type(TypeId::RegProc), &k_to_reg<TypeId::RegProc>)}, nullptr, {}};
  r["to_regnamespace"] = {{sig({t}, Type(TypeId::RegNamespace), &k_to_reg<TypeId::RegNamespace>)}, nullptr, {}};
}

}  // namespace eddy::engine::fns
