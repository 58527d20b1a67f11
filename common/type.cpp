#include "common/type.h"

#include <algorithm>
#include <cctype>

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
  }
  return 25;
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
    default: return std::nullopt;
  }
}

}  // namespace eddy
