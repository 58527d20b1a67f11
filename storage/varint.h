#pragma once
// LEB128 varints (7 bits per byte, low group first, high bit = more follows) and zigzag for
// signed values: the integer encoding of the row format (row_codec.h) and of row records.

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy::storage {

inline void put_varint(std::string& out, uint64_t v) {
  char buf[10];  // one append, not a push_back (and its capacity check) per byte
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

// Reads one varint at `pos`, advancing it. False when the bytes end first or the value does not
// fit 64 bits (more than 10 bytes, or a 10th byte above 1).
inline bool get_varint(std::string_view in, size_t& pos, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= in.size()) return false;
    uint8_t b = static_cast<uint8_t>(in[pos++]);
    if (shift == 63 && b > 1) return false;
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// 8-byte big-endian: relation ids and sequence numbers in keys, so that they sort as numbers.
inline void put_be64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline uint64_t get_be64(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

}  // namespace eddy::storage
