// pg_type's view of Eddy's types: which types exist and their support functions (typinput,
// typoutput, ...), with PostgreSQL 15's OIDs and names.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "common/error.h"

#include "engine/expr/type_support.h"
#include "engine/function_catalog.h"

namespace eddy::engine {
namespace {

// SELECT oid, typinput::oid, typoutput::oid, typreceive::oid, typsend::oid, typmodin::oid,
// typmodout::oid, typanalyze::oid, typsubscript::oid FROM pg_type (PostgreSQL 15).
const std::map<uint32_t, TypeSupport>& scalar_support() {
  static const std::map<uint32_t, TypeSupport> k = {
      {16, {1242, 1243, 2436, 2437, 0, 0, 0, 0}},            // bool
      {18, {1245, 33, 2434, 2435, 0, 0, 0, 0}},              // char
      {19, {34, 35, 2422, 2423, 0, 0, 0, 6180}},             // name
      {20, {460, 461, 2408, 2409, 0, 0, 0, 0}},              // int8
      {21, {38, 39, 2404, 2405, 0, 0, 0, 0}},                // int2
      {22, {40, 41, 2410, 2411, 0, 0, 0, 6179}},             // int2vector
      {23, {42, 43, 2406, 2407, 0, 0, 0, 0}},                // int4
      {24, {44, 45, 2444, 2445, 0, 0, 0, 0}},                // regproc
      {25, {46, 47, 2414, 2415, 0, 0, 0, 0}},                // text
      {26, {1798, 1799, 2418, 2419, 0, 0, 0, 0}},            // oid
      {30, {54, 55, 2420, 2421, 0, 0, 0, 6179}},             // oidvector
      {700, {200, 201, 2424, 2425, 0, 0, 0, 0}},             // float4
      {701, {214, 215, 2426, 2427, 0, 0, 0, 0}},             // float8
      {1043, {1046, 1047, 2432, 2433, 2915, 2916, 0, 0}},    // varchar
      {1082, {1084, 1085, 2468, 2469, 0, 0, 0, 0}},          // date
      {1114, {1312, 1313, 2474, 2475, 2905, 2906, 0, 0}},    // timestamp
      {1184, {1150, 1151, 2476, 2477, 2907, 2908, 0, 0}},    // timestamptz
      {1186, {1160, 1161, 2478, 2479, 2903, 2904, 0, 0}},    // interval
      {1700, {1701, 1702, 2460, 2461, 2917, 2918, 0, 0}},    // numeric
      {2205, {2218, 2219, 2452, 2453, 0, 0, 0, 0}},          // regclass
      {2206, {2220, 2221, 2454, 2455, 0, 0, 0, 0}},          // regtype
      {3802, {3806, 3804, 3805, 3803, 0, 0, 0, 6098}},       // jsonb
      {4089, {4084, 4085, 4087, 4088, 0, 0, 0, 0}},          // regnamespace
  };
  return k;
}

}  // namespace

const std::vector<std::pair<uint32_t, const char*>>& type_support_function_names() {
  static const std::vector<std::pair<uint32_t, const char*>> k = {
      {3, "heap_tableam_handler"}, {33, "charout"}, {34, "namein"}, {35, "nameout"}, {38, "int2in"}, {39, "int2out"}, {40, "int2vectorin"},
      {41, "int2vectorout"}, {42, "int4in"}, {43, "int4out"}, {44, "regprocin"}, {45, "regprocout"}, {46, "textin"},
      {47, "textout"}, {54, "oidvectorin"}, {55, "oidvectorout"}, {200, "float4in"}, {201, "float4out"},
      {214, "float8in"}, {215, "float8out"}, {330, "bthandler"}, {460, "int8in"}, {461, "int8out"}, {750, "array_in"},
      {751, "array_out"}, {1046, "varcharin"}, {1047, "varcharout"}, {1084, "date_in"}, {1085, "date_out"},
      {1150, "timestamptz_in"}, {1151, "timestamptz_out"}, {1160, "interval_in"}, {1161, "interval_out"},
      {1242, "boolin"}, {1243, "boolout"}, {1245, "charin"}, {1312, "timestamp_in"}, {1313, "timestamp_out"},
      {1701, "numeric_in"}, {1702, "numeric_out"}, {1798, "oidin"}, {1799, "oidout"}, {2218, "regclassin"},
      {2219, "regclassout"}, {2220, "regtypein"}, {2221, "regtypeout"}, {2400, "array_recv"}, {2401, "array_send"},
      {2404, "int2recv"}, {2405, "int2send"}, {2406, "int4recv"}, {2407, "int4send"}, {2408, "int8recv"},
      {2409, "int8send"}, {2410, "int2vectorrecv"}, {2411, "int2vectorsend"}, {2414, "textrecv"},
      {2415, "textsend"}, {2418, "oidrecv"}, {2419, "oidsend"}, {2420, "oidvectorrecv"}, {2421, "oidvectorsend"},
      {2422, "namerecv"}, {2423, "namesend"}, {2424, "float4recv"}, {2425, "float4send"}, {2426, "float8recv"},
      {2427, "float8send"}, {2432, "varcharrecv"}, {2433, "varcharsend"}, {2434, "charrecv"}, {2435, "charsend"},
      {2436, "boolrecv"}, {2437, "boolsend"}, {2444, "regprocrecv"}, {2445, "regprocsend"}, {2452, "regclassrecv"},
      {2453, "regclasssend"}, {2454, "regtyperecv"}, {2455, "regtypesend"}, {2460, "numeric_recv"},
      {2461, "numeric_send"}, {2468, "date_recv"}, {2469, "date_send"}, {2474, "timestamp_recv"},
      {2475, "timestamp_send"}, {2476, "timestamptz_recv"}, {2477, "timestamptz_send"}, {2478, "interval_recv"},
      {2479, "interval_send"}, {2903, "intervaltypmodin"}, {2904, "intervaltypmodout"},
      {2905, "timestamptypmodin"}, {2906, "timestamptypmodout"}, {2907, "timestamptztypmodin"},
      {2908, "timestamptztypmodout"}, {2915, "varchartypmodin"}, {2916, "varchartypmodout"},
      {2917, "numerictypmodin"}, {2918, "numerictypmodout"}, {3803, "jsonb_send"}, {3804, "jsonb_out"},
      {3805, "jsonb_recv"}, {3806, "jsonb_in"}, {3816, "array_typanalyze"}, {4084, "regnamespacein"},
      {4085, "regnamespaceout"}, {4087, "regnamespacerecv"}, {4088, "regnamespacesend"},
      {6098, "jsonb_subscript_handler"}, {6179, "array_subscript_handler"}, {6180, "raw_array_subscript_handler"},
  };
  return k;
}

const std::vector<Type>& list_types() {
  static const std::vector<Type> k = [] {
    const TypeId scalars[] = {TypeId::Bool,      TypeId::Int16,       TypeId::Int32,        TypeId::Int64,
                              TypeId::Float32,   TypeId::Float64,     TypeId::Numeric,      TypeId::Text,
                              TypeId::Varchar,   TypeId::Timestamp,   TypeId::TimestampTz,  TypeId::Date,
                              TypeId::Interval,  TypeId::Jsonb,       TypeId::Oid,          TypeId::RegClass,
                              TypeId::RegType,   TypeId::RegProc,     TypeId::RegNamespace, TypeId::Name,
                              TypeId::Char,      TypeId::Int2Vector,  TypeId::OidVector};
    std::vector<Type> out;
    for (TypeId id : scalars) out.emplace_back(id);
    for (TypeId id : scalars)  // Eddy's arrays are one-dimensional: no arrays of the vector types
      if (id != TypeId::Int2Vector && id != TypeId::OidVector) out.push_back(Type::array_of(Type(id)));
    out.push_back(Type::void_type());  // pg_sleep's result: a pseudo-type, no array
    std::sort(out.begin(), out.end(), [](Type a, Type b) { return a.oid() < b.oid(); });
    return out;
  }();
  return k;
}

TypeSupport type_support(Type type) {
  if (type.id == TypeId::Array) {
    const TypeSupport element = type_support(type.element());
    return TypeSupport{750, 751, 2400, 2401, element.modin, element.modout, 3816, 6179};
  }
  auto it = scalar_support().find(type.oid());
  return it == scalar_support().end() ? TypeSupport{} : it->second;
}

namespace {

// intervaltypmodout: the fields and precision packed in an interval typmod.
std::string interval_typmod(int32_t typmod) {
  constexpr int kYear = 1 << 2, kMonth = 1 << 1, kDay = 1 << 3, kHour = 1 << 10, kMinute = 1 << 11, kSecond = 1 << 12;
  const int fields = (typmod >> 16) & 0x7FFF, precision = typmod & 0xFFFF;
  const char* text = nullptr;
  switch (fields) {
    case kYear: text = " year"; break;
    case kMonth: text = " month"; break;
    case kDay: text = " day"; break;
    case kHour: text = " hour"; break;
    case kMinute: text = " minute"; break;
    case kSecond: text = " second"; break;
    case kYear | kMonth: text = " year to month"; break;
    case kDay | kHour: text = " day to hour"; break;
    case kDay | kHour | kMinute: text = " day to minute"; break;
    case kDay | kHour | kMinute | kSecond: text = " day to second"; break;
    case kHour | kMinute: text = " hour to minute"; break;
    case kHour | kMinute | kSecond: text = " hour to second"; break;
    case kMinute | kSecond: text = " minute to second"; break;
    case 0x7FFF: text = ""; break;
    default: {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(typmod));
      throw SqlError(sqlstate::kInternalError, std::string("invalid INTERVAL typmod: 0x") + hex);
    }
  }
  return precision != 0xFFFF ? std::string(text) + "(" + std::to_string(precision) + ")" : std::string(text);
}

// format_type of a scalar type with its typmod (format_type_extended in PostgreSQL).
std::string format_scalar(Type t, int32_t typmod) {
  switch (t.id) {
    case TypeId::Bool:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::Float32:
    case TypeId::Float64: return t.sql_name();  // typmod ignored
    case TypeId::Numeric: {
      if (typmod < 4) return "numeric";
      const int32_t m = typmod - 4;
      const int precision = (m >> 16) & 0xFFFF, scale = ((m & 0x7FF) ^ 1024) - 1024;
      return "numeric(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    }
    case TypeId::Varchar:
      return typmod > 4 ? "character varying(" + std::to_string(typmod - 4) + ")" : "character varying";
    case TypeId::Timestamp:
      return typmod >= 0 ? "timestamp(" + std::to_string(typmod) + ") without time zone" : "timestamp without time zone";
    case TypeId::TimestampTz:
      return typmod >= 0 ? "timestamp(" + std::to_string(typmod) + ") with time zone" : "timestamp with time zone";
    case TypeId::Interval: return typmod >= 0 ? "interval" + interval_typmod(typmod) : "interval";
    default: {
      // Types without a typmod output function print "(typmod)" as it is.
      std::string name = Type(t.id).sql_name();
      return typmod >= 0 ? name + "(" + std::to_string(typmod) + ")" : name;
    }
  }
}

}  // namespace

std::string format_type(uint32_t oid, int32_t typmod) {
  if (oid == 0) return "-";
  for (Type t : list_types()) {
    if (t.oid() != oid) continue;
    if (t.id == TypeId::Array) return format_scalar(t.element(), typmod) + "[]";
    return format_scalar(t, typmod);
  }
  return "???";
}

int32_t type_modifier(Type type) {
  return type.id == TypeId::Varchar && type.modifier >= 0 ? type.modifier + 4 : -1;
}

}  // namespace eddy::engine
