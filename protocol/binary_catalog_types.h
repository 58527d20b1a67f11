#pragma once
// Binary format of the system-catalog types (common/type.h), byte for byte as PostgreSQL's
// send/receive functions:
//   oid, regclass, regtype, regproc, regnamespace   uint32, big-endian
//   name, "char"                                    the bytes
//   arrays, int2vector, oidvector                   array_send: int32 ndim (0 when empty) |
//                                                   int32 has-nulls | uint32 element OID |
//                                                   per dimension int32 length, int32 lower
//                                                   bound | per element int32 length (-1 for
//                                                   NULL) and the element's binary form
// Internal to protocol/binary_format.cpp, which dispatches here for these types.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/type.h"
#include "common/value.h"

namespace eddy::protocol {

// Appends the binary form of a non-NULL value: `i` for OID-valued types, `s` for the others.
void append_catalog_binary(std::string& out, Type type, int64_t i, std::string_view s);
Value decode_catalog_binary(std::string_view bytes, Type type);

}  // namespace eddy::protocol
