#include "storage/row_codec.h"

#include <cstring>

#include "storage/varint.h"

namespace eddy::storage {
namespace {

constexpr uint8_t kNullBit = 0x80;
constexpr uint8_t kModifierBit = 0x40;
constexpr uint8_t kTypeMask = 0x3F;
// Every TypeId, the catalog types and arrays included (a view may hold array_agg's result).
constexpr uint8_t kMaxTypeId = static_cast<uint8_t>(TypeId::Array);
static_assert(kMaxTypeId <= kTypeMask, "a TypeId must fit the tag's six bits");

void put_double(std::string& out, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
}

void encode_tag(Type type, bool is_null, std::string& out) {
  uint8_t tag = static_cast<uint8_t>(type.id);
  if (is_null) tag |= kNullBit;
  if (type.modifier != -1) tag |= kModifierBit;
  out.push_back(static_cast<char>(tag));
  if (type.modifier != -1) put_varint(out, zigzag(type.modifier));
}

void encode_interval(const Interval& iv, std::string& out) {
  put_varint(out, zigzag(iv.months));
  put_varint(out, zigzag(iv.days));
  put_varint(out, zigzag(iv.micros));
}

void encode_value(const Value& v, std::string& out) {
  encode_tag(v.type, v.is_null, out);
  if (v.is_null) return;
  switch (v.type.physical()) {
    case PhysicalType::Int64: put_varint(out, zigzag(v.i)); break;
    case PhysicalType::Float64: put_double(out, v.f); break;
    case PhysicalType::String:
      put_varint(out, v.s.size());
      out.append(v.s);
      break;
    case PhysicalType::Interval: encode_interval(v.iv, out); break;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  size_t pos() const { return pos_; }
  bool at_end() const { return pos_ == in_.size(); }
  size_t left() const { return in_.size() - pos_; }

  Status fail(const std::string& what) const {
    return Status::Corruption("row value (" + std::to_string(in_.size()) + " bytes): " + what + " at byte " +
                              std::to_string(pos_));
  }
  bool byte(uint8_t& b) {
    if (pos_ >= in_.size()) return false;
    b = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool varint(uint64_t& v) { return get_varint(in_, pos_, v); }
  bool svarint(int64_t& v) {
    uint64_t u;
    if (!varint(u)) return false;
    v = unzigzag(u);
    return true;
  }
  bool int32(int32_t& v) {
    int64_t w;
    if (!svarint(w) || w < INT32_MIN || w > INT32_MAX) return false;
    v = static_cast<int32_t>(w);
    return true;
  }
  bool dbl(double& d) {
    if (left() < 8) return false;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    std::memcpy(&d, &bits, 8);
    return true;
  }
  bool bytes(std::string& s) {
    uint64_t n;
    if (!varint(n) || n > left()) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

Status decode_value(Reader& r, Value& v) {
  uint8_t tag;
  if (!r.byte(tag)) return r.fail("truncated value tag");
  uint8_t id = tag & kTypeMask;
  if (id > kMaxTypeId) return r.fail("unknown type id " + std::to_string(id));
  v = Value();
  v.type = Type(static_cast<TypeId>(id));
  if ((tag & kModifierBit) && !r.int32(v.type.modifier)) return r.fail("bad type modifier");
  if (tag & kNullBit) return Status::OK();
  v.is_null = false;
  bool ok = true;
  switch (v.type.physical()) {
    case PhysicalType::Int64: ok = r.svarint(v.i); break;
    case PhysicalType::Float64: ok = r.dbl(v.f); break;
    case PhysicalType::String: ok = r.bytes(v.s); break;
    case PhysicalType::Interval: {
      int64_t micros = 0;
      ok = r.int32(v.iv.months) && r.int32(v.iv.days) && r.svarint(micros);
      v.iv.micros = micros;
      break;
    }
  }
  return ok ? Status::OK() : r.fail("truncated or malformed " + v.type.sql_name() + " value");
}

}  // namespace

void encode_row(const Row& row, std::string& out) {
  out.push_back(static_cast<char>(kRowFormatVersion));
  put_varint(out, row.size());
  for (const Value& v : row) encode_value(v, out);
}

void encode_batch_row(const Batch& batch, size_t row, std::string& out) {
  out.push_back(static_cast<char>(kRowFormatVersion));
  put_varint(out, batch.columns.size());
  for (const Column& c : batch.columns) {
    const Type type = c.type();
    const bool is_null = c.is_null(row);
    encode_tag(type, is_null, out);
    if (is_null) continue;
    switch (type.physical()) {
      case PhysicalType::Int64: put_varint(out, zigzag(c.ints()[row])); break;
      case PhysicalType::Float64: put_double(out, c.floats()[row]); break;
      case PhysicalType::String: {
        const std::string& s = c.strings()[row];
        put_varint(out, s.size());
        out.append(s);
        break;
      }
      case PhysicalType::Interval: encode_interval(c.intervals()[row], out); break;
    }
  }
}

std::string encode_row(const Row& row) {
  std::string out;
  encode_row(row, out);
  return out;
}

Status decode_row(std::string_view bytes, Row& row) {
  row.clear();
  Reader r(bytes);
  uint8_t version;
  if (!r.byte(version)) return r.fail("empty");
  if (version != kRowFormatVersion)
    return r.fail("unknown row format version " + std::to_string(version) + " (this build reads " +
                  std::to_string(kRowFormatVersion) + ")");
  uint64_t n;
  if (!r.varint(n)) return r.fail("truncated value count");
  if (n > r.left()) return r.fail("value count " + std::to_string(n) + " exceeds the bytes left");
  row.resize(n);
  for (Value& v : row) {
    Status s = decode_value(r, v);
    if (!s.ok()) {
      row.clear();
      return s;
    }
  }
  if (!r.at_end()) {
    row.clear();
    return r.fail(std::to_string(r.left()) + " trailing bytes");
  }
  return Status::OK();
}

}  // namespace eddy::storage
