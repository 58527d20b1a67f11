// has_*_privilege (every user may do everything to every object that exists, until roles and
// grants arrive: the functions still check that the object, the role and the privilege names
// exist, with PostgreSQL's errors), quote_ident / quote_literal / quote_nullable, and
// format(text, VARIADIC "any") with %s %I %L %%, positions (%2$s), flags and widths.
#include <cctype>

#include "common/sql_identifier.h"
#include "common/value_text.h"
#include "engine/catalog_lookup.h"
#include "engine/expr/binding.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/utf8.h"
#include "engine/function_catalog.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

// ---- privileges ----------------------------------------------------------------------------

enum class Object { Table, AnyColumn, Column, Schema, Database, Function };

std::vector<std::string_view> privilege_names(Object o) {
  switch (o) {
    case Object::Table: return {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "RULE"};
    case Object::AnyColumn:
    case Object::Column: return {"SELECT", "INSERT", "UPDATE", "REFERENCES"};
    case Object::Schema: return {"CREATE", "USAGE"};
    case Object::Database: return {"CREATE", "CONNECT", "TEMPORARY", "TEMP"};
    case Object::Function: return {"EXECUTE"};
  }
  return {};
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// PostgreSQL's convert_any_priv_string: a comma-separated list of privilege names, each
// optionally followed by WITH GRANT OPTION; 22023 for a name that is not one of `o`'s.
void check_privileges(std::string_view text, Object o) {
  const auto allowed = privilege_names(o);
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    std::string_view chunk = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    constexpr std::string_view kGrant = " WITH GRANT OPTION";
    std::string_view name = chunk;
    if (name.size() > kGrant.size() && iequals(name.substr(name.size() - kGrant.size()), kGrant))
      name = trim(name.substr(0, name.size() - kGrant.size()));
    bool ok = false;
    for (auto p : allowed) ok = ok || iequals(name, p);
    if (!ok)
      throw SqlError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + std::string(chunk) + "\"");
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

// The relation named by text (error when missing) or by OID (nullopt when missing).
std::optional<LookupRelation> find_relation(const CatalogLookup& lookup, const Column& c, size_t row) {
  if (c.type().physical() == PhysicalType::String) {
    const std::string& text = c.strings()[row];
    auto parts = split_qualified_name(text);
    if (!parts) throw SqlError("42602", "invalid name syntax");
    auto oid = lookup.relation_oid(*parts);
    if (!oid) throw SqlError(sqlstate::kUndefinedTable, "relation \"" + joined(*parts) + "\" does not exist");
    return lookup.relation(*oid);
  }
  return lookup.relation(static_cast<uint32_t>(c.ints()[row]));
}

// Whether the object named by args[k] (and args[k + 1] for a column) exists: false means
// NULL (an unknown OID), missing names throw.
bool object_exists(const CatalogLookup& lookup, Object o, const KArgs& a, size_t k, size_t i, size_t rows) {
  auto row = [&](size_t arg) { return stride(*a[arg], rows) * i; };
  const Column& c = *a[k];
  const bool by_name = c.type().physical() == PhysicalType::String;
  switch (o) {
    case Object::Table:
    case Object::AnyColumn: return find_relation(lookup, c, row(k)).has_value();
    case Object::Column: {
      auto rel = find_relation(lookup, c, row(k));
      if (!rel) return false;
      const Column& col = *a[k + 1];
      if (col.type().physical() == PhysicalType::String) {
        const std::string& name = col.strings()[row(k + 1)];
        for (const auto& n : rel->columns)
          if (n == name) return true;
        throw SqlError(sqlstate::kUndefinedColumn,
                       "column \"" + name + "\" of relation \"" + rel->name + "\" does not exist");
      }
      const int64_t attnum = col.ints()[row(k + 1)];
      return attnum >= 1 && attnum <= static_cast<int64_t>(rel->columns.size());
    }
    case Object::Schema: {
      if (!by_name) return lookup.namespace_name(static_cast<uint32_t>(c.ints()[row(k)])).has_value();
      const std::string& name = c.strings()[row(k)];
      if (!lookup.namespace_oid(name)) throw SqlError(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
      return true;
    }
    case Object::Database: {
      if (!by_name) return c.ints()[row(k)] == kDatabaseOid;
      const std::string& name = c.strings()[row(k)];
      if (name != lookup.database()) throw SqlError(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
      return true;
    }
    case Object::Function: {
      if (!by_name) return function_name(static_cast<uint32_t>(c.ints()[row(k)])).has_value();
      const std::string& text = c.strings()[row(k)];
      auto parts = split_qualified_name(text.substr(0, text.find('(')));
      if (!parts || function_oids(parts->back()).empty())
        throw SqlError(sqlstate::kUndefinedFunction, "function \"" + text + "\" does not exist");
      return true;
    }
  }
  return false;
}

// has_X_privilege([user,] object [, column], privilege): `with_user` says whether the first
// argument is the user (a name must exist; an OID is not checked, as in PostgreSQL where a
// privilege granted to PUBLIC answers for any OID).
template <Object kObject, bool kWithUser>
void k_has_privilege(const KArgs& a, size_t rows, Column& out) {
  const CatalogLookup& lookup = require_catalog_lookup("privilege functions");
  uint8_t* nulls = prepare_output(a, rows, out);
  const size_t k = kWithUser ? 1 : 0;
  const Column& priv = *a.back();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    if (kWithUser && a[0]->type().physical() == PhysicalType::String) {
      const std::string& user = a[0]->strings()[stride(*a[0], rows) * i];
      if (!iequals(user, "public") && !lookup.role_oid(user))
        throw SqlError(sqlstate::kUndefinedObject, "role \"" + user + "\" does not exist");
    }
    const bool exists = object_exists(lookup, kObject, a, k, i, rows);
    check_privileges(priv.strings()[stride(priv, rows) * i], kObject);
    if (exists) out.ints()[i] = 1;
    else nulls = set_output_null(out, i);
  }
}

// The signatures of has_X_privilege: with and without a user (name or oid), with the object
// by name (text) or OID, and for columns the column by name (text) or number (smallint).
void register_privilege(Registry& r, const char* name, std::vector<Type> objects, std::vector<Type> columns,
                        ScalarFn plain, ScalarFn with_user) {
  const Type t = Type::text();
  FunctionDef def;
  for (Type user : {Type::null(), Type::name(), Type::oid_type()}) {
    for (Type obj : objects) {
      std::vector<std::vector<Type>> shapes;
      if (columns.empty()) shapes.push_back({obj});
      for (Type col : columns) shapes.push_back({obj, col});
      for (auto shape : shapes) {
        std::vector<Type> params;
        if (user.id != TypeId::Null) params.push_back(user);
        params.insert(params.end(), shape.begin(), shape.end());
        params.push_back(t);
        def.signatures.push_back(sig(params, Type::boolean(), user.id == TypeId::Null ? plain : with_user));
      }
    }
  }
  r[name] = std::move(def);
}

// ---- quoting ------------------------------------------------------------------------------

void k_quote_ident(const KArgs& a, size_t rows, Column& out) {
  auto s = strings(*a[0], rows);
  const uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i)) out.strings()[i] = quote_identifier(s[i]);
}

// PostgreSQL's quote_literal_cstr: quotes doubled; with a backslash, backslashes doubled and
// an E prefix.
std::string quote_literal_text(std::string_view s) {
  std::string out;
  if (s.find('\\') != std::string_view::npos) out.push_back('E');
  out.push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

template <bool kNullable>
void k_quote_literal(const KArgs& a, size_t rows, Column& out) {
  auto s = strings(*a[0], rows);
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (!s.null(i)) out.strings()[i] = quote_literal_text(s[i]);
    else if (kNullable) out.strings()[i] = "NULL";
    else set_output_null(out, i);
  }
}

// quote_literal(anyelement) / quote_nullable(anyelement): the value's text (as ::text gives
// it), quoted.
BoundExprPtr bind_quote(std::string_view name, Args& args, int position) {
  if (args.size() != 1) return nullptr;
  if (bind::is_unknown(*args[0]) || args[0]->type.id == TypeId::Null) {
    args[0] = bind::coerce_implicit(std::move(args[0]), Type::text());
  } else if (bind::category(args[0]->type) != bind::Category::String || args[0]->type.id == TypeId::Char) {
    args[0] = bind_cast(std::move(args[0]), Type::text(), position);
  }
  ScalarFn fn = name == "quote_nullable" ? &k_quote_literal<true> : &k_quote_literal<false>;
  return bind::make_call(std::string(name), Type::text(), fn, std::move(args), position);
}

// ---- format() -----------------------------------------------------------------------------

[[noreturn]] void format_error(const std::string& message, const char* hint = nullptr) {
  SqlError e(sqlstate::kInvalidParameterValue, message);
  if (hint != nullptr) e.with_hint(hint);
  throw e;
}

// Reads a decimal number at `p`; false when there is none.
bool read_number(std::string_view f, size_t& p, int& value) {
  if (p >= f.size() || !std::isdigit(static_cast<unsigned char>(f[p]))) return false;
  int64_t v = 0;
  while (p < f.size() && std::isdigit(static_cast<unsigned char>(f[p]))) {
    v = v * 10 + (f[p++] - '0');
    if (v > 1000000000) format_error("number is out of range");
  }
  value = static_cast<int>(v);
  return true;
}

void append_padded(std::string& out, const std::string& text, int width, bool left_align) {
  const int64_t length = static_cast<int64_t>(utf8::count(text));
  const int64_t pad = width > length ? width - length : 0;
  if (!left_align) out.append(static_cast<size_t>(pad), ' ');
  out += text;
  if (left_align) out.append(static_cast<size_t>(pad), ' ');
}

// The text of argument `arg` (1-based among the values after the format) at row i, or nullopt
// for NULL.
std::optional<std::string> arg_text(const KArgs& a, size_t arg, size_t i, size_t rows) {
  const Column& c = *a[arg];
  const size_t row = stride(c, rows) * i;
  if (c.is_null(row)) return std::nullopt;
  if (c.type().is_oid_like() && c.type().id != TypeId::Oid) return reg_text(c.type(), c.ints()[row]);
  std::string s;
  append_value_text(s, c, row);
  return s;
}

std::string format_row(std::string_view f, const KArgs& a, size_t i, size_t rows) {
  const size_t nvalues = a.size() - 1;
  size_t next_arg = 1;  // the next value an unnumbered specifier takes
  std::string out;
  for (size_t p = 0; p < f.size();) {
    if (f[p] != '%') {
      out.push_back(f[p++]);
      continue;
    }
    ++p;
    if (p >= f.size()) format_error("unterminated format() type specifier", "For a single \"%\" use \"%%\".");
    if (f[p] == '%') {
      out.push_back('%');
      ++p;
      continue;
    }
    // %[position$][flags][width]type
    size_t arg = 0;
    int n = 0;
    size_t save = p;
    if (read_number(f, p, n) && p < f.size() && f[p] == '$') {
      if (n == 0) format_error("format specifies argument 0, but arguments are numbered from 1");
      arg = static_cast<size_t>(n);
      ++p;
    } else {
      p = save;
    }
    bool left_align = false;
    while (p < f.size() && f[p] == '-') {
      left_align = true;
      ++p;
    }
    int width = 0;
    if (p < f.size() && f[p] == '*') {  // width from an argument: * or *n$
      ++p;
      size_t width_arg = next_arg;
      save = p;
      if (read_number(f, p, n) && p < f.size() && f[p] == '$') {
        if (n == 0) format_error("format specifies argument 0, but arguments are numbered from 1");
        width_arg = static_cast<size_t>(n);
        ++p;
      } else {
        p = save;
      }
      if (width_arg > nvalues) format_error("too few arguments for format()");
      next_arg = width_arg + 1;
      auto w = arg_text(a, width_arg, i, rows);
      if (w) {
        width = std::stoi(*w);
        if (width < 0) {
          left_align = true;
          width = -width;
        }
      }
    } else {
      read_number(f, p, width);
    }
    if (p >= f.size()) format_error("unterminated format() type specifier", "For a single \"%\" use \"%%\".");
    const char type = f[p++];
    if (type != 's' && type != 'I' && type != 'L')
      format_error(std::string("unrecognized format() type specifier \"") + type + "\"",
                   "For a single \"%\" use \"%%\".");
    if (arg == 0) arg = next_arg;
    if (arg > nvalues) format_error("too few arguments for format()");
    next_arg = arg + 1;
    auto value = arg_text(a, arg, i, rows);
    std::string text;
    if (type == 's') {
      text = value.value_or("");
    } else if (type == 'I') {
      if (!value) throw SqlError(sqlstate::kNullValueNotAllowed, "null values cannot be formatted as an SQL identifier");
      text = quote_identifier(*value);
    } else {
      text = value ? quote_literal_text(*value) : "NULL";
    }
    append_padded(out, text, width, left_align);
  }
  return out;
}

// format(fmt, args...): NULL only when the format is NULL.
void k_format(const KArgs& a, size_t rows, Column& out) {
  auto f = strings(*a[0], rows);
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (f.null(i)) set_output_null(out, i);
    else out.strings()[i] = format_row(f[i], a, i, rows);
  }
}

BoundExprPtr bind_format(std::string_view, Args& args, int position) {
  if (args.empty()) return nullptr;
  if (!bind::is_unknown(*args[0]) && bind::category(args[0]->type) != bind::Category::String &&
      args[0]->type.id != TypeId::Null)
    return nullptr;
  args[0] = bind::coerce_implicit(std::move(args[0]), Type::text());
  for (size_t k = 1; k < args.size(); ++k)  // unknown literals are text, as in PostgreSQL
    if (bind::is_unknown(*args[k])) args[k] = bind::coerce_implicit(std::move(args[k]), Type::text());
  return bind::make_call("format", Type::text(), &k_format, std::move(args), position);
}

}  // namespace

void register_catalog_more(Registry& r) {
  const Type t = Type::text(), o = Type::oid_type();
  register_privilege(r, "has_table_privilege", {t, o}, {}, &k_has_privilege<Object::Table, false>,
                     &k_has_privilege<Object::Table, true>);
  register_privilege(r, "has_any_column_privilege", {t, o}, {}, &k_has_privilege<Object::AnyColumn, false>,
                     &k_has_privilege<Object::AnyColumn, true>);
  register_privilege(r, "has_column_privilege", {t, o}, {t, Type::int16()}, &k_has_privilege<Object::Column, false>,
                     &k_has_privilege<Object::Column, true>);
  register_privilege(r, "has_schema_privilege", {t, o}, {}, &k_has_privilege<Object::Schema, false>,
                     &k_has_privilege<Object::Schema, true>);
  register_privilege(r, "has_database_privilege", {t, o}, {}, &k_has_privilege<Object::Database, false>,
                     &k_has_privilege<Object::Database, true>);
  register_privilege(r, "has_function_privilege", {t, o}, {}, &k_has_privilege<Object::Function, false>,
                     &k_has_privilege<Object::Function, true>);
  r["quote_ident"] = {{sig({t}, t, &k_quote_ident)}, nullptr, {}};
  // The signatures are what pg_proc lists; the binder also takes any other type (anyelement).
  r["quote_literal"] = {{sig({t}, t, &k_quote_literal<false>)}, &bind_quote, {}};
  r["quote_nullable"] = {{sig({t}, t, &k_quote_literal<true>)}, &bind_quote, {}};
  r["format"] = {{sig({t}, t, &k_format)}, &bind_format, {}};
}

}  // namespace eddy::engine::fns
