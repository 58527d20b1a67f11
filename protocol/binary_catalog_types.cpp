#include "protocol/binary_catalog_types.h"

#include "common/array_text.h"
#include "common/error.h"
#include "common/value_text.h"
#include "protocol/binary_format.h"
#include "protocol/byte_buffer.h"

namespace eddy::protocol {

void append_catalog_binary(std::string& out, Type type, int64_t i, std::string_view s) {
  ByteWriter w(out);
  if (type.is_oid_like()) {
    w.u32(static_cast<uint32_t>(i));
    return;
  }
  if (!type.is_array()) {
    w.bytes(s);
    return;
  }
  ArrayElements elements = parse_array_elements(s, type);
  Type element = type.element();
  bool has_null = false;
  for (const auto& e : elements) has_null |= !e.has_value();
  w.i32(elements.empty() ? 0 : 1);
  w.i32(has_null ? 1 : 0);
  w.u32(element.oid());
  if (!elements.empty()) {
    w.i32(static_cast<int32_t>(elements.size()));
    w.i32(array_lower_bound(type));
  }
  for (const auto& e : elements) {
    if (!e) {
      w.i32(-1);
      continue;
    }
    size_t length_at = out.size();
    w.i32(0);
    append_binary(out, parse_value(*e, element));
    uint32_t n = static_cast<uint32_t>(out.size() - length_at - 4);
    for (int k = 0; k < 4; ++k) out[length_at + k] = static_cast<char>((n >> (24 - 8 * k)) & 0xff);
  }
}

Value decode_catalog_binary(std::string_view bytes, Type type) {
  std::string what = "binary representation of " + type.sql_name();
  ByteReader in(bytes, what.c_str(), sqlstate::kInvalidBinaryRepresentation);
  Value v;
  v.type = type;
  v.is_null = false;
  if (type.is_oid_like()) {
    v.i = in.u32();
  } else if (!type.is_array()) {
    v.s = std::string(in.rest());
    if (type.id == TypeId::Char && v.s.size() > 1) v.s.resize(1);
  } else {
    int32_t ndim = in.i32();
    in.i32();  // has-nulls flag: implied by the element lengths
    uint32_t element_oid = in.u32();
    Type element = type.element();
    if (ndim < 0 || ndim > 1)
      throw SqlError(sqlstate::kInvalidBinaryRepresentation, "only one-dimensional arrays are supported");
    if (element_oid != element.oid())
      throw SqlError(sqlstate::kDatatypeMismatch, "wrong element type");
    int32_t count = 0;
    if (ndim == 1) {
      count = in.i32();
      in.i32();  // lower bound
      if (count < 0) throw SqlError(sqlstate::kInvalidBinaryRepresentation, "invalid array length");
    }
    ArrayElements elements;
    for (int32_t k = 0; k < count; ++k) {
      int32_t n = in.i32();
      if (n < 0) {
        elements.emplace_back(std::nullopt);
        continue;
      }
      elements.emplace_back(format_value(decode_binary(in.bytes(static_cast<size_t>(n)), element)));
    }
    v.s = format_array(elements, type);
  }
  in.expect_end();
  return v;
}

}  // namespace eddy::protocol
