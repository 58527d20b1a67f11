#include "storage/snapshot.h"

#include <utility>

#include "storage/lmdb_env.h"
#include "storage/lmdb_util.h"
#include "storage/row_codec.h"
#include "storage/rows_layout.h"

namespace eddy::storage {
namespace {

std::string hex_prefix(std::string_view key) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < key.size() && i < 32; ++i) {
    out.push_back(digits[static_cast<uint8_t>(key[i]) >> 4]);
    out.push_back(digits[static_cast<uint8_t>(key[i]) & 15]);
  }
  if (key.size() > 32) out += "...";
  return out;
}

Status decode_at(uint64_t relation, std::string_view key, std::string_view bytes, Row& row) {
  Status s = decode_row(bytes, row);
  if (!s.ok()) return s.with_context("relation " + std::to_string(relation) + " key " + hex_prefix(key));
  return s;
}

}  // namespace

Snapshot::Snapshot(Snapshot&& other) noexcept
    : env_(std::exchange(other.env_, nullptr)), txn_(std::exchange(other.txn_, nullptr)) {}

Snapshot& Snapshot::operator=(Snapshot&& other) noexcept {
  if (this != &other) {
    release();
    env_ = std::exchange(other.env_, nullptr);
    txn_ = std::exchange(other.txn_, nullptr);
  }
  return *this;
}

void Snapshot::release() {
  if (txn_) env_->end_read(txn_);
  txn_ = nullptr;
  env_ = nullptr;
}

Status Snapshot::check_open() const {
  return txn_ ? Status::OK() : Status::InvalidArgument("snapshot is not open");
}

uint64_t Snapshot::txn_id() const { return txn_ ? mdb_txn_id(txn_) : 0; }

Status Snapshot::scan(uint64_t relation, const RowVisitor& visit) const {
  Status s = check_open();
  if (!s.ok()) return s;
  Row row;
  return scan_prefix(txn_, env_->dbi(LmdbEnv::Db::Rows), rows_layout::relation_prefix(relation),
                     [&](std::string_view db_key, std::string_view value, Status& error) {
                       std::string_view key, bytes;
                       error = rows_layout::split_record(db_key, value, key, bytes);
                       if (error.ok()) error = decode_at(relation, key, bytes, row);
                       return error.ok() && visit(key, row);
                     });
}

Status Snapshot::find(uint64_t relation, std::string_view key, std::optional<Row>& row) const {
  row.reset();
  Status s = check_open();
  if (!s.ok()) return s;
  std::string db_key;
  rows_layout::db_key(relation, key, env_->max_key_size(), db_key);
  MDB_val k = to_val(db_key), v{0, nullptr};
  s = mdb_status("mdb_get", mdb_get(txn_, env_->dbi(LmdbEnv::Db::Rows), &k, &v));
  if (s.is_not_found()) return Status::OK();
  if (!s.ok()) return s;
  std::string_view stored_key, bytes;
  s = rows_layout::split_record(db_key, from_val(v), stored_key, bytes);
  if (!s.ok() || stored_key != key) return s;  // a different long key with the same hash: absent
  row.emplace();
  s = decode_at(relation, key, bytes, *row);
  if (!s.ok()) row.reset();
  return s;
}

Status Snapshot::row_count(uint64_t relation, uint64_t& count) const {
  count = 0;
  Status s = check_open();
  if (!s.ok()) return s;
  return scan_prefix(txn_, env_->dbi(LmdbEnv::Db::Rows), rows_layout::relation_prefix(relation),
                     [&](std::string_view, std::string_view, Status&) { return ++count, true; });
}

Status Snapshot::get_state(std::string_view key, std::optional<std::string>& value) const {
  value.reset();
  Status s = check_open();
  if (!s.ok()) return s;
  if (key.empty() || key.size() > env_->max_key_size()) return Status::OK();  // cannot have been stored
  MDB_val k = to_val(key), v{0, nullptr};
  s = mdb_status("mdb_get", mdb_get(txn_, env_->dbi(LmdbEnv::Db::State), &k, &v));
  if (s.is_not_found()) return Status::OK();
  if (s.ok()) value.emplace(from_val(v));
  return s;
}

Status Snapshot::scan_state(std::string_view prefix, const StateVisitor& visit) const {
  Status s = check_open();
  if (!s.ok()) return s;
  return scan_prefix(txn_, env_->dbi(LmdbEnv::Db::State), prefix,
                     [&](std::string_view key, std::string_view value, Status&) { return visit(key, value); });
}

}  // namespace eddy::storage
