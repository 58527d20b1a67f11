#include "connectors/redis/redis_hash_writer.h"

#include <bit>
#include <random>

namespace eddy::connectors {

void RedisHashWriter::maybe_flush() {
  if (conn_.outstanding() >= kPipelineCommands) finish();
}

void RedisHashWriter::upsert(std::string_view key, const std::vector<HashField>& fields) {
  argv_.assign({"HSET", key});
  for (const auto& f : fields)
    if (f.text) argv_.insert(argv_.end(), {f.name, *f.text});
  if (argv_.size() > 2) conn_.append(argv_);
  argv_.assign({"HDEL", key});
  for (const auto& f : fields)
    if (!f.text) argv_.push_back(f.name);
  if (argv_.size() > 2) conn_.append(argv_);
  if (ttl_) {
    if (ttl_text_.empty()) ttl_text_ = std::to_string(*ttl_);
    conn_.append({"EXPIRE", key, ttl_text_});
  }
  maybe_flush();
}

void RedisHashWriter::erase(std::string_view key) {
  conn_.append({"DEL", key});
  maybe_flush();
}

void RedisHashWriter::finish() { conn_.drain_replies("a hash write (HSET/HDEL/EXPIRE/DEL)"); }

std::string redis_row_key(const std::string& table, std::string_view key_text) {
  std::string key;
  key.reserve(table.size() + 1 + key_text.size());
  key += table;
  key += ':';
  key += key_text;
  return key;
}

std::string random_row_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t x = rng();
    for (int i = 0; i < 16; ++i, x >>= 4) out[half * 16 + i] = kHex[x & 15];
  }
  return out;
}

namespace {

bool get_u64(std::string_view& in, uint64_t& out) {
  if (in.size() < 8) return false;
  out = 0;
  for (int i = 0; i < 8; ++i) out = (out << 8) | static_cast<uint8_t>(in[i]);
  in.remove_prefix(8);
  return true;
}

}  // namespace

std::optional<Value> decode_first_key_value(std::string_view in, Type type) {
  if (in.empty()) return std::nullopt;
  if (in[0] == '\x02') return Value::null(type);
  if (in[0] != '\x01') return std::nullopt;
  in.remove_prefix(1);
  Value v;
  v.type = type;
  v.is_null = false;
  uint64_t bits = 0;
  switch (type.physical()) {
    case PhysicalType::Int64:
      if (!get_u64(in, bits)) return std::nullopt;
      v.i = static_cast<int64_t>(bits ^ (1ULL << 63));
      return v;
    case PhysicalType::Float64:
      if (!get_u64(in, bits)) return std::nullopt;
      bits = (bits & (1ULL << 63)) ? bits & ~(1ULL << 63) : ~bits;
      v.f = std::bit_cast<double>(bits);
      return v;
    case PhysicalType::String:
      for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '\0') {
          v.s.push_back(in[i]);
          continue;
        }
        if (i + 1 >= in.size()) return std::nullopt;
        if (in[i + 1] == '\0') return v;
        if (in[i + 1] != '\xff') return std::nullopt;
        v.s.push_back('\0');
        ++i;
      }
      return std::nullopt;
    case PhysicalType::Interval:
      for (int i = 0; i < 4; ++i) {
        if (!get_u64(in, bits)) return std::nullopt;
        const int64_t x = static_cast<int64_t>(bits ^ (1ULL << 63));
        if (i == 1) v.iv.months = static_cast<int32_t>(x);
        if (i == 2) v.iv.days = static_cast<int32_t>(x);
        if (i == 3) v.iv.micros = x;
      }
      return v;
  }
  return std::nullopt;
}

}  // namespace eddy::connectors
