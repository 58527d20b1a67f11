#pragma once
// Shorthands for the column definitions of the system tables (internal to system_catalog/),
// with the substitutions system_table.h lists for types Eddy does not have.

#include "common/type.h"

namespace eddy::syscat::col {

inline constexpr Type kOid = Type::oid_type();
inline constexpr Type kName = Type::name();
inline constexpr Type kText = Type::text();
inline constexpr Type kChar = Type::pg_char();
inline constexpr Type kBool = Type::boolean();
inline constexpr Type kInt2 = Type::int16();
inline constexpr Type kInt4 = Type::int32();
inline constexpr Type kInt8 = Type::int64();
inline constexpr Type kFloat4 = Type::float32();
inline constexpr Type kTimestampTz = Type::timestamptz();
inline constexpr Type kRegproc = Type(TypeId::RegProc);
inline constexpr Type kInt2Vector = Type(TypeId::Int2Vector);
inline constexpr Type kOidVector = Type(TypeId::OidVector);
inline constexpr Type kTextArray = Type::array_of(Type::text());  // also aclitem[]
inline constexpr Type kOidArray = Type::array_of(Type::oid_type());
inline constexpr Type kCharArray = Type::array_of(Type::pg_char());
inline constexpr Type kInt2Array = Type::array_of(Type::int16());
inline constexpr Type kNameArray = Type::array_of(Type::name());
// information_schema's domains
inline constexpr Type kVarchar = Type::varchar();   // character_data
inline constexpr Type kYesNo = Type::varchar(3);    // yes_or_no

}  // namespace eddy::syscat::col
