#include "storage/key_encoding.h"

#include <bit>
#include <cstring>

namespace eddy::storage {

namespace {

static_assert(std::endian::native == std::endian::little, "put_u64 swaps to big-endian bytes");

void put_u64(std::string& out, uint64_t x) {
  const uint64_t big_endian = __builtin_bswap64(x);  // keys sort as unsigned bytes
  char buf[8];
  std::memcpy(buf, &big_endian, 8);
  out.append(buf, 8);
}

void put_i64(std::string& out, int64_t x) { put_u64(out, static_cast<uint64_t>(x) ^ (1ULL << 63)); }

void put_f64(std::string& out, double x) {
  if (x == 0) x = 0;  // -0.0 and 0.0 are one key
  uint64_t bits = std::bit_cast<uint64_t>(x);
  bits = (bits & (1ULL << 63)) ? ~bits : bits | (1ULL << 63);
  put_u64(out, bits);
}

void put_string(std::string& out, std::string_view s) {
  for (char c : s) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
  out.push_back('\0');
  out.push_back('\0');
}

void put_interval(std::string& out, const Interval& iv) {
  put_i64(out, iv.approx_micros());
  put_i64(out, iv.months);
  put_i64(out, iv.days);
  put_i64(out, iv.micros);
}

}  // namespace

void append_key(std::string& out, const Value& v) {
  if (v.is_null) {
    out.push_back('\x02');
    return;
  }
  out.push_back('\x01');
  switch (v.type.physical()) {
    case PhysicalType::Int64: put_i64(out, v.i); break;
    case PhysicalType::Float64: put_f64(out, v.f); break;
    case PhysicalType::String: put_string(out, v.s); break;
    case PhysicalType::Interval: put_interval(out, v.iv); break;
  }
}

void append_key(std::string& out, const Column& column, size_t row) {
  if (column.is_null(row)) {
    out.push_back('\x02');
    return;
  }
  out.push_back('\x01');
  switch (column.type().physical()) {
    case PhysicalType::Int64: put_i64(out, column.ints()[row]); break;
    case PhysicalType::Float64: put_f64(out, column.floats()[row]); break;
    case PhysicalType::String: put_string(out, column.strings()[row]); break;
    case PhysicalType::Interval: put_interval(out, column.intervals()[row]); break;
  }
}

void append_int_key(std::string& out, int64_t x) {
  out.push_back('\x01');
  put_i64(out, x);
}

std::string encode_key(const Row& values) {
  std::string out;
  for (const auto& v : values) append_key(out, v);
  return out;
}

void append_sequence(std::string& out, uint64_t sequence) { put_u64(out, sequence); }

}  // namespace eddy::storage
