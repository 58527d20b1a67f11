#include "storage/rows_layout.h"

#include "storage/row_codec.h"
#include "storage/varint.h"

namespace eddy::storage::rows_layout {
namespace {

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string relation_prefix(uint64_t relation) {
  std::string out;
  put_be64(out, relation);
  return out;
}

size_t kept_prefix(size_t max_key_size) { return max_key_size - 16; }

bool is_long_key(std::string_view key, size_t max_key_size) { return key.size() > kept_prefix(max_key_size); }

void db_key(uint64_t relation, std::string_view key, size_t max_key_size, std::string& out) {
  out.clear();
  put_be64(out, relation);
  if (!is_long_key(key, max_key_size)) {
    out.append(key);
    return;
  }
  out.append(key.substr(0, kept_prefix(max_key_size)));
  put_be64(out, fnv1a64(key));
}

void db_value(std::string_view key, const Row& row, size_t max_key_size, std::string& out) {
  out.clear();
  if (is_long_key(key, max_key_size)) {
    out.push_back(static_cast<char>(kLongKeyRecord));
    put_varint(out, key.size());
    out.append(key);
  }
  encode_row(row, out);
}

Status split_record(std::string_view key_in_db, std::string_view value, std::string_view& key,
                    std::string_view& row_bytes) {
  if (key_in_db.size() < 8) return Status::Corruption("rows: key of " + std::to_string(key_in_db.size()) + " bytes");
  if (value.empty() || static_cast<uint8_t>(value[0]) != kLongKeyRecord) {
    key = key_in_db.substr(8);
    row_bytes = value;
    return Status::OK();
  }
  size_t pos = 1;
  uint64_t n;
  if (!get_varint(value, pos, n) || n > value.size() - pos)
    return Status::Corruption("rows: truncated long-key record of " + std::to_string(value.size()) + " bytes");
  key = value.substr(pos, n);
  row_bytes = value.substr(pos + n);
  return Status::OK();
}

}  // namespace eddy::storage::rows_layout
