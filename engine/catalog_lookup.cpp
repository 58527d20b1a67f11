#include "engine/catalog_lookup.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"
#include "common/sql_identifier.h"
#include "engine/function_catalog.h"

namespace eddy::engine {
namespace {

thread_local const CatalogLookup* t_current = nullptr;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string join_name(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

[[noreturn]] void invalid_name(std::string_view text) {
  throw SqlError("42602", "invalid name syntax").with_detail("\"" + std::string(text) + "\" is not a valid name.");
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// A type known to pg_type (list_types()) for this OID.
std::optional<Type> listed_type(uint32_t oid) {
  for (Type t : list_types())
    if (t.oid() == oid) return t;
  return std::nullopt;
}

std::optional<uint32_t> type_oid_from_text(std::string_view text) {
  std::string s(text);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (iequals_prefix(s, "pg_catalog.")) s = s.substr(11);
  // A type modifier does not change the type: 'character varying(10)', 'numeric(10,2)[]'.
  const size_t open = s.find('(');
  if (open != std::string::npos) {
    const size_t close = s.find(')', open);
    if (close == std::string::npos) return std::nullopt;
    s = s.substr(0, open) + s.substr(close + 1);
  }
  auto t = type_from_name(s);
  if (!t) return std::nullopt;
  if (t->id == TypeId::Varchar) t = Type::varchar();
  if (!listed_type(t->oid())) return std::nullopt;
  return t->oid();
}

}  // namespace

const CatalogLookup* current_catalog_lookup() { return t_current; }

const CatalogLookup& require_catalog_lookup(std::string_view what) {
  if (t_current == nullptr)
    throw SqlError(sqlstate::kFeatureNotSupported,
                   std::string(what) + " needs the catalog, which is not available here");
  return *t_current;
}

CatalogLookupScope::CatalogLookupScope(const CatalogLookup& lookup) : previous_(t_current) { t_current = &lookup; }
CatalogLookupScope::~CatalogLookupScope() { t_current = previous_; }

std::string reg_text(Type type, int64_t oid_value) {
  const uint32_t oid = static_cast<uint32_t>(oid_value);
  if (oid == 0 && type.is_oid_like() && type.id != TypeId::Oid) return "-";
  const CatalogLookup* lookup = current_catalog_lookup();
  switch (type.id) {
    case TypeId::RegClass:
      if (lookup != nullptr) {
        if (auto rel = lookup->relation(oid)) {
          return lookup->relation_visible(oid) ? quote_identifier(rel->name) : quote_qualified(rel->schema, rel->name);
        }
      }
      break;
    case TypeId::RegType:
      if (auto t = listed_type(oid)) return t->sql_name();
      break;
    case TypeId::RegProc:
      if (auto name = function_name(oid)) {
        // Qualified when the name alone would not find exactly this function (regprocout).
        return function_oids(*name).size() == 1 ? quote_identifier(*name) : quote_qualified("pg_catalog", *name);
      }
      break;
    case TypeId::RegNamespace:
      if (lookup != nullptr) {
        if (auto name = lookup->namespace_name(oid)) return quote_identifier(*name);
      }
      break;
    default: break;
  }
  return std::to_string(oid);
}

std::optional<Column> reg_column_as_text(const Column& column) {
  const Type t = column.type();
  if (!t.is_oid_like() || t.id == TypeId::Oid) return std::nullopt;
  Column out(Type::text());
  out.reserve(column.size());
  for (size_t r = 0; r < column.size(); ++r) {
    if (column.is_null(r)) out.append_null();
    else out.append_string(reg_text(t, column.ints()[r]));
  }
  return out;
}

std::optional<uint32_t> reg_input(Type type, std::string_view text, bool missing_ok) {
  if (all_digits(text)) {
    // oidin: a number is an OID, whether or not such an object exists.
    const unsigned long long v = std::stoull(std::string(text));
    if (v > 4294967295ULL)
      throw SqlError(sqlstate::kNumericValueOutOfRange,
                     "value \"" + std::string(text) + "\" is out of range for type " + type.sql_name());
    return static_cast<uint32_t>(v);
  }
  if (text == "-") return 0u;
  switch (type.id) {
    case TypeId::RegClass: {
      auto parts = split_qualified_name(text);
      if (!parts) invalid_name(text);
      const CatalogLookup& lookup = require_catalog_lookup("regclass input");
      if (auto oid = lookup.relation_oid(*parts)) return oid;
      if (missing_ok) return std::nullopt;
      throw SqlError(sqlstate::kUndefinedTable, "relation \"" + join_name(*parts) + "\" does not exist");
    }
    case TypeId::RegType: {
      if (auto oid = type_oid_from_text(text)) return oid;
      if (missing_ok) return std::nullopt;
      throw SqlError(sqlstate::kUndefinedObject, "type \"" + std::string(text) + "\" does not exist");
    }
    case TypeId::RegProc: {
      auto parts = split_qualified_name(text);
      if (!parts) invalid_name(text);
      if (parts->size() > 3)
        throw SqlError(sqlstate::kSyntaxError, "improper qualified name (too many dotted names): " + join_name(*parts));
      const bool schema_ok = parts->size() == 1 || (parts->size() == 2 && (*parts)[0] == "pg_catalog");
      std::vector<uint32_t> oids = schema_ok ? function_oids(parts->back()) : std::vector<uint32_t>{};
      if (oids.size() == 1) return oids[0];
      if (oids.size() > 1)
        throw SqlError("42725", "more than one function named \"" + join_name(*parts) + "\"");
      if (missing_ok) return std::nullopt;
      throw SqlError(sqlstate::kUndefinedFunction, "function \"" + join_name(*parts) + "\" does not exist");
    }
    case TypeId::RegNamespace: {
      auto parts = split_qualified_name(text);
      if (!parts) invalid_name(text);
      if (parts->size() != 1) throw SqlError("42601", "invalid name syntax");
      const CatalogLookup& lookup = require_catalog_lookup("regnamespace input");
      if (auto oid = lookup.namespace_oid((*parts)[0])) return oid;
      if (missing_ok) return std::nullopt;
      throw SqlError(sqlstate::kInvalidSchemaName, "schema \"" + (*parts)[0] + "\" does not exist");
    }
    default: break;
  }
  throw SqlError(sqlstate::kInvalidTextRepresentation,
                 "invalid input syntax for type " + type.sql_name() + ": \"" + std::string(text) + "\"");
}

}  // namespace eddy::engine
