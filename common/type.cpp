#include "common/type.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace eddy {

PhysicalType Type::physical() const {
  switch (id) {
    case TypeId::Float32:
    case TypeId::Float64:
    case TypeId::Numeric:
      return PhysicalType::Float64;
    case TypeId::Text:
    case TypeId::Varchar:
    case TypeId::Jsonb:
    case TypeId::Name:
    case TypeId::Char:
    case TypeId::Int2Vector:
    case TypeId::OidVector:
    case TypeId::Array:
      return PhysicalType::String;
    case TypeId::Interval:
      return PhysicalType::Interval;
    default:
      return PhysicalType::Int64;
  }
}

uint32_t Type::oid() const {
  switch (id) {
    case TypeId::Null: return 25;  // unknown literals travel as text
    case TypeId::Bool: return 16;
    case TypeId::Int16: return 21;
    case TypeId::Int32: return 23;
    case TypeId::Int64: return 20;
    case TypeId::Float32: return 700;
    case TypeId::Float64: return 701;
    case TypeId::Numeric: return 1700;
    case TypeId::Text: return is_void() ? 2278 : 25;
    case TypeId::Varchar: return 1043;
    case TypeId::Timestamp: return 1114;
    case TypeId::TimestampTz: return 1184;
    case TypeId::Date: return 1082;
    case TypeId::Interval: return 1186;
    case TypeId::Jsonb: return 3802;
    case TypeId::Oid: return 26;
    case TypeId::RegClass: return 2205;
    case TypeId::RegType: return 2206;
    case TypeId::RegProc: return 24;
    case TypeId::RegNamespace: return 4089;
    case TypeId::Name: return 19;
    case TypeId::Char: return 18;
    case TypeId::Int2Vector: return 22;
    case TypeId::OidVector: return 30;
    case TypeId::Array: return array_type_oid(element().oid());
  }
  return 25;
}

Type Type::element() const {
  if (id == TypeId::Int2Vector) return Type::int16();
  if (id == TypeId::OidVector) return Type::oid_type();
  if (id == TypeId::Array && modifier >= 0) return Type(static_cast<TypeId>(modifier));
  return Type::null();
}

namespace {
// pg_type.typarray of each element type Eddy has.
constexpr std::pair<uint32_t, uint32_t> kArrayOids[] = {
    {16, 1000}, {21, 1005}, {23, 1007}, {20, 1016}, {700, 1021}, {701, 1022}, {1700, 1231},
    {25, 1009}, {1043, 1015}, {1114, 1115}, {1184, 1185}, {1082, 1182}, {1186, 1187}, {3802, 3807},
    {26, 1028}, {2205, 2210}, {2206, 2211}, {24, 1008}, {4089, 4090}, {19, 1003}, {18, 1002},
    {22, 1006}, {30, 1013},
};
}  // namespace

uint32_t array_type_oid(uint32_t element_oid) {
  for (const auto& [e, a] : kArrayOids)
    if (e == element_oid) return a;
  return 0;
}

uint32_t array_element_oid(uint32_t array_oid) {
  for (const auto& [e, a] : kArrayOids)
    if (a == array_oid) return e;
  return 0;
}

int16_t Type::pg_length() const {
  switch (id) {
    case TypeId::Bool: return 1;
    case TypeId::Int16: return 2;
    case TypeId::Int32: return 4;
    case TypeId::Int64: return 8;
    case TypeId::Float32: return 4;
    case TypeId::Float64: return 8;
    case TypeId::Timestamp: return 8;
    case TypeId::TimestampTz: return 8;
    case TypeId::Date: return 4;
    case TypeId::Interval: return 16;
    case TypeId::Oid:
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace: return 4;
    case TypeId::Name: return 64;
    case TypeId::Char: return 1;
    case TypeId::Text: return is_void() ? 4 : -1;
    default: return -1;
  }
}

const char* Type::pg_typname() const {
  switch (id) {
    case TypeId::Null: return "unknown";
    case TypeId::Bool: return "bool";
    case TypeId::Int16: return "int2";
    case TypeId::Int32: return "int4";
    case TypeId::Int64: return "int8";
    case TypeId::Float32: return "float4";
    case TypeId::Float64: return "float8";
    case TypeId::Numeric: return "numeric";
    case TypeId::Text: return is_void() ? "void" : "text";
    case TypeId::Varchar: return "varchar";
    case TypeId::Timestamp: return "timestamp";
    case TypeId::TimestampTz: return "timestamptz";
    case TypeId::Date: return "date";
    case TypeId::Interval: return "interval";
    case TypeId::Jsonb: return "jsonb";
    case TypeId::Oid: return "oid";
    case TypeId::RegClass: return "regclass";
    case TypeId::RegType: return "regtype";
    case TypeId::RegProc: return "regproc";
    case TypeId::RegNamespace: return "regnamespace";
    case TypeId::Name: return "name";
    case TypeId::Char: return "char";
    case TypeId::Int2Vector: return "int2vector";
    case TypeId::OidVector: return "oidvector";
    case TypeId::Array: {
      // "_" + the element's name, made once per element type (stable pointers, any thread).
      static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (int e = 0; e < static_cast<int>(TypeId::Array); ++e)
          out.push_back(std::string("_") + Type(static_cast<TypeId>(e)).pg_typname());
        return out;
      }();
      const size_t e = static_cast<size_t>(element().id);
      return e < names.size() ? names[e].c_str() : "unknown";
    }
  }
  return "unknown";
}

std::string Type::sql_name() const {
  switch (id) {
    case TypeId::Null: return "unknown";
    case TypeId::Bool: return "boolean";
    case TypeId::Int16: return "smallint";
    case TypeId::Int32: return "integer";
    case TypeId::Int64: return "bigint";
    case TypeId::Float32: return "real";
    case TypeId::Float64: return "double precision";
    case TypeId::Numeric: return "numeric";
    case TypeId::Text: return is_void() ? "void" : "text";
    case TypeId::Varchar:
      return modifier >= 0 ? "character varying(" + std::to_string(modifier) + ")" : "character varying";
    case TypeId::Timestamp: return "timestamp without time zone";
    case TypeId::TimestampTz: return "timestamp with time zone";
    case TypeId::Date: return "date";
    case TypeId::Interval: return "interval";
    case TypeId::Jsonb: return "jsonb";
    case TypeId::Oid:  // SQL spells these as pg_type names them
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace:
    case TypeId::Name:
    case TypeId::Int2Vector:
    case TypeId::OidVector: return pg_typname();
    case TypeId::Char: return "\"char\"";
    case TypeId::Array: return element().sql_name() + "[]";
  }
  return "unknown";
}

std::optional<Type> type_from_name(std::string_view raw, int32_t modifier) {
  std::string name;
  name.reserve(raw.size());
  bool space = false;
  for (char c : raw) {  // lower-case and fold runs of white space to one blank
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !name.empty();
      continue;
    }
    if (space) name.push_back(' ');
    space = false;
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (name == "bool" || name == "boolean") return Type::boolean();
  if (name == "smallint" || name == "int2" || name == "short") return Type::int16();
  if (name == "int" || name == "integer" || name == "int4") return Type::int32();
  if (name == "bigint" || name == "int8" || name == "long") return Type::int64();
  if (name == "real" || name == "float4" || name == "float") return Type::float32();
  if (name == "double precision" || name == "float8" || name == "double") return Type::float64();
  if (name == "numeric" || name == "decimal") return Type::numeric();
  if (name == "text" || name == "string") return Type::text();
  if (name == "varchar" || name == "character varying") return Type::varchar(modifier);
  if (name == "timestamp" || name == "timestamp without time zone") return Type::timestamp();
  if (name == "timestamptz" || name == "timestamp with time zone") return Type::timestamptz();
  if (name == "date") return Type::date();
  if (name == "interval") return Type::interval();
  if (name == "jsonb" || name == "json") return Type::jsonb();
  if (name == "oid") return Type::oid_type();
  if (name == "void") return Type::void_type();
  if (name == "regclass") return Type(TypeId::RegClass);
  if (name == "regtype") return Type(TypeId::RegType);
  if (name == "regproc" || name == "regprocedure") return Type(TypeId::RegProc);
  if (name == "regnamespace") return Type(TypeId::RegNamespace);
  if (name == "name") return Type::name();
  if (name == "\"char\"" || name == "char") return Type::pg_char();  // the grammar drops the quotes
  if (name == "int2vector") return Type(TypeId::Int2Vector);
  if (name == "oidvector") return Type(TypeId::OidVector);
  if (name.size() > 2 && name.compare(name.size() - 2, 2, "[]") == 0) {
    auto element = type_from_name(std::string_view(name).substr(0, name.size() - 2), -1);
    if (!element || element->is_array()) return std::nullopt;
    return Type::array_of(*element);
  }
  if (name.size() > 1 && name[0] == '_') {  // pg_type's array names: _int4, _text
    auto element = type_from_name(std::string_view(name).substr(1), -1);
    if (element && !element->is_array()) return Type::array_of(*element);
  }
  return std::nullopt;
}

std::optional<Type> type_from_oid(uint32_t oid) {
  switch (oid) {
    case 16: return Type::boolean();
    case 21: return Type::int16();
    case 23: return Type::int32();
    case 20: return Type::int64();
    case 700: return Type::float32();
    case 701: return Type::float64();
    case 1700: return Type::numeric();
    case 25: return Type::text();
    case 1043: return Type::varchar();
    case 1114: return Type::timestamp();
    case 1184: return Type::timestamptz();
    case 1082: return Type::date();
    case 1186: return Type::interval();
    case 3802: return Type::jsonb();
    case 114: return Type::jsonb();
    case 26: return Type::oid_type();
    case 2205: return Type(TypeId::RegClass);
    case 2206: return Type(TypeId::RegType);
    case 24: return Type(TypeId::RegProc);
    case 4089: return Type(TypeId::RegNamespace);
    case 19: return Type::name();
    case 18: return Type::pg_char();
    case 22: return Type(TypeId::Int2Vector);
    case 30: return Type(TypeId::OidVector);
    default: {
      uint32_t element = array_element_oid(oid);
      if (element == 0) return std::nullopt;
      auto e = type_from_oid(element);
      if (!e || e->is_array()) return std::nullopt;
      return Type::array_of(*e);
    }
  }
}

}  // namespace eddy
