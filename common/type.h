#pragma once
// SQL types as Eddy knows them, with PostgreSQL's names and OIDs.
//
// Physical storage in a Column (see column.h) is one of four classes:
//   Int64    BOOLEAN (0/1), SMALLINT, INTEGER, BIGINT, DATE (days since 1970-01-01),
//            TIMESTAMP / TIMESTAMPTZ (microseconds since 1970-01-01 00:00:00 UTC)
//   Float64  REAL, DOUBLE PRECISION, NUMERIC (held as a double; see DESIGN note in value_text.h)
//   String   TEXT, VARCHAR(n), JSONB (the JSON text)
//   Interval INTERVAL (months, days, microseconds, as PostgreSQL keeps it)
//
// The system-catalog types exist so that pg_catalog reads as in PostgreSQL:
//   Int64    OID, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE (the object's OID)
//   String   NAME, "char", arrays (PostgreSQL's text form "{a,b}", element type in `modifier`),
//            INT2VECTOR and OIDVECTOR (PostgreSQL's text form "1 2", subscripts from 0)

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy {

enum class TypeId : uint8_t {
  Null,  // the type of a bare NULL literal before it is resolved
  Bool,
  Int16,
  Int32,
  Int64,
  Float32,
  Float64,
  Numeric,
  Text,
  Varchar,
  Timestamp,
  TimestampTz,
  Date,
  Interval,
  Jsonb,
  // system-catalog types (see the header comment)
  Oid,
  RegClass,
  RegType,
  RegProc,
  RegNamespace,
  Name,
  Char,
  Int2Vector,
  OidVector,
  Array,  // modifier: the element's TypeId
};

enum class PhysicalType : uint8_t { Int64, Float64, String, Interval };

struct Type {
  TypeId id = TypeId::Null;
  int32_t modifier = -1;  // VARCHAR(n): n; otherwise -1

  constexpr Type() = default;
  constexpr Type(TypeId i, int32_t mod = -1) : id(i), modifier(mod) {}
  friend bool operator==(const Type&, const Type&) = default;

  static constexpr Type null() { return Type(TypeId::Null); }
  static constexpr Type boolean() { return Type(TypeId::Bool); }
  static constexpr Type int16() { return Type(TypeId::Int16); }
  static constexpr Type int32() { return Type(TypeId::Int32); }
  static constexpr Type int64() { return Type(TypeId::Int64); }
  static constexpr Type float32() { return Type(TypeId::Float32); }
  static constexpr Type float64() { return Type(TypeId::Float64); }
  static constexpr Type numeric() { return Type(TypeId::Numeric); }
  static constexpr Type text() { return Type(TypeId::Text); }
  static constexpr Type varchar(int32_t n = -1) { return Type(TypeId::Varchar, n); }
  static constexpr Type timestamp() { return Type(TypeId::Timestamp); }
  static constexpr Type timestamptz() { return Type(TypeId::TimestampTz); }
  static constexpr Type date() { return Type(TypeId::Date); }
  static constexpr Type interval() { return Type(TypeId::Interval); }
  static constexpr Type jsonb() { return Type(TypeId::Jsonb); }
  static constexpr Type oid_type() { return Type(TypeId::Oid); }
  static constexpr Type name() { return Type(TypeId::Name); }
  static constexpr Type pg_char() { return Type(TypeId::Char); }
  static constexpr Type array_of(Type element) { return Type(TypeId::Array, static_cast<int32_t>(element.id)); }
  // PostgreSQL's pseudo-type void (OID 2278), the result of pg_sleep: held as a TEXT column
  // that is always empty (void's text output), told apart by its modifier.
  static constexpr int32_t kVoidModifier = -2;
  static constexpr Type void_type() { return Type(TypeId::Text, kVoidModifier); }
  bool is_void() const { return id == TypeId::Text && modifier == kVoidModifier; }

  PhysicalType physical() const;
  bool is_integer() const { return id == TypeId::Int16 || id == TypeId::Int32 || id == TypeId::Int64; }
  bool is_floating() const { return id == TypeId::Float32 || id == TypeId::Float64 || id == TypeId::Numeric; }
  bool is_numeric() const { return is_integer() || is_floating(); }
  bool is_string() const { return id == TypeId::Text || id == TypeId::Varchar || id == TypeId::Jsonb; }
  bool is_temporal() const { return id == TypeId::Timestamp || id == TypeId::TimestampTz || id == TypeId::Date; }
  bool is_array() const { return id == TypeId::Array || id == TypeId::Int2Vector || id == TypeId::OidVector; }
  // The element type of an array, int2vector (smallint) or oidvector (oid).
  Type element() const;
  // OID-valued types: oid and the reg* aliases.
  bool is_oid_like() const {
    return id == TypeId::Oid || id == TypeId::RegClass || id == TypeId::RegType || id == TypeId::RegProc ||
           id == TypeId::RegNamespace;
  }

  // PostgreSQL's type OID (bool 16, int8 20, text 25, timestamp 1114, ...).
  uint32_t oid() const;
  // pg_type.typlen: fixed byte width, or -1 for variable-length.
  int16_t pg_length() const;
  // PostgreSQL's format_type() spelling: "bigint", "text", "character varying(10)",
  // "timestamp without time zone", ...
  std::string sql_name() const;
  // pg_type.typname: "int8", "text", "varchar", "timestamp", ...
  const char* pg_typname() const;
};

// Resolves a type name as written in SQL (case-insensitive), with PostgreSQL's names and aliases
// (int, int4, integer, bigint, int8, float8, "double precision", varchar, "character varying",
// timestamp, "timestamp with time zone", ...) and Spark's (STRING, LONG, INT, DOUBLE, FLOAT,
// BOOLEAN, SHORT, BYTE is not supported). `modifier` is the (n) of VARCHAR(n) or -1.
// Returns nullopt for an unknown name.
std::optional<Type> type_from_name(std::string_view name, int32_t modifier = -1);

// pg_type.typarray for an element type's OID (0 when Eddy has no such array), and back.
uint32_t array_type_oid(uint32_t element_oid);
uint32_t array_element_oid(uint32_t array_oid);

// Type for a PostgreSQL OID, or nullopt when Eddy does not have it.
std::optional<Type> type_from_oid(uint32_t oid);

}  // namespace eddy
