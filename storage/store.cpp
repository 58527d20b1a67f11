#include "storage/store.h"

#include "storage/key_encoding.h"
#include "storage/lmdb_util.h"
#include "storage/row_codec.h"
#include "storage/rows_layout.h"
#include "storage/varint.h"

namespace eddy::storage {
namespace {

// meta sub-database keys (README.md).
constexpr std::string_view kFormatKey = "format";
constexpr uint64_t kStoreFormat = 1;
// Rows deleted per transaction by drop_relation: bounded so that LMDB's dirty-page limit
// (MDB_TXN_FULL) is never reached however large the relation.
constexpr uint64_t kDropBatch = 50000;

std::string sequence_key(uint64_t relation) {
  std::string key = "seq/";
  put_be64(key, relation);
  return key;
}

Status check_state_key(std::string_view key, size_t max_key_size) {
  if (key.empty() || key.size() > max_key_size)
    return Status::InvalidArgument("state key of " + std::to_string(key.size()) + " bytes (must be 1 to " +
                                   std::to_string(max_key_size) + ")");
  return Status::OK();
}

Status get_u64(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::optional<uint64_t>& out) {
  out.reset();
  MDB_val k = to_val(key), v{0, nullptr};
  Status s = mdb_status("mdb_get", mdb_get(txn, dbi, &k, &v));
  if (s.is_not_found()) return Status::OK();
  if (!s.ok()) return s;
  if (v.mv_size != 8) return Status::Corruption("meta value of " + std::to_string(v.mv_size) + " bytes, expected 8");
  out = get_be64(from_val(v));
  return Status::OK();
}

Status put(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0) {
  MDB_val k = to_val(key), v = to_val(value);
  return mdb_status("mdb_put", mdb_put(txn, dbi, &k, &v, flags));
}

Status del(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  Status s = mdb_status("mdb_del", mdb_del(txn, dbi, &k, nullptr));
  return s.is_not_found() ? Status::OK() : s;
}

// Deletes up to `limit` entries whose key starts with `prefix`; `deleted` counts them.
Status delete_prefix(MDB_txn* txn, MDB_dbi dbi, std::string_view prefix, uint64_t limit, uint64_t& deleted) {
  deleted = 0;
  Cursor cursor;
  Status s = cursor.open(txn, dbi);
  while (s.ok() && deleted < limit) {
    // Re-seek after each delete instead of trusting the cursor's position after mdb_cursor_del.
    MDB_val k = to_val(prefix), v{0, nullptr};
    s = cursor.get(k, v, prefix.empty() ? MDB_FIRST : MDB_SET_RANGE);
    if (s.is_not_found() || (s.ok() && !has_prefix(from_val(k), prefix))) return Status::OK();
    if (s.ok()) s = cursor.del();
    ++deleted;
  }
  return s;
}

// Writes row changes inside one transaction, reusing its buffers from change to change.
class RowWriter {
 public:
  RowWriter(MDB_txn* txn, const LmdbEnv& env)
      : txn_(txn), dbi_(env.dbi(LmdbEnv::Db::Rows)), max_key_(env.max_key_size()) {}

  // Inserts or replaces; with MDB_NOOVERWRITE an existing key sets `existed` and writes nothing.
  Status put(const RowChange& c, unsigned flags, bool& existed) {
    existed = false;
    rows_layout::db_key(c.relation, c.key, max_key_, key_);
    if (rows_layout::is_long_key(c.key, max_key_)) {
      bool present = false;
      Status s = check_long_key(c, present);
      if (!s.ok()) return s;
      if (present && (flags & MDB_NOOVERWRITE)) return existed = true, Status::OK();
    }
    rows_layout::db_value(c.key, c.row, max_key_, value_);
    MDB_val k = to_val(key_), v = to_val(value_);
    int rc = mdb_put(txn_, dbi_, &k, &v, flags);
    if (rc == MDB_SUCCESS) return Status::OK();
    if (rc == MDB_KEYEXIST && (flags & MDB_NOOVERWRITE)) return existed = true, Status::OK();
    return mdb_status("mdb_put", rc).with_context("relation " + std::to_string(c.relation));
  }

  Status append(const RowAppend& a) {
    std::string key;
    for (size_t r = 0; r < a.rows->rows(); ++r) {
      key.clear();
      append_sequence(key, a.first_sequence + r);
      rows_layout::db_key(a.relation, key, max_key_, key_);
      value_.clear();
      encode_batch_row(*a.rows, r, value_);
      MDB_val k = to_val(key_), v = to_val(value_);
      int rc = mdb_put(txn_, dbi_, &k, &v, 0);
      if (rc != MDB_SUCCESS) return mdb_status("mdb_put", rc).with_context("relation " + std::to_string(a.relation));
    }
    return Status::OK();
  }

  Status erase(const RowChange& c) {
    rows_layout::db_key(c.relation, c.key, max_key_, key_);
    if (rows_layout::is_long_key(c.key, max_key_)) {
      bool present = false;
      Status s = check_long_key(c, present);
      if (!s.ok() || !present) return s;
    }
    Status s = del(txn_, dbi_, key_);
    return s.ok() ? s : s.with_context("relation " + std::to_string(c.relation));
  }

 private:
  // For a long key (stored under prefix + hash): is this very key present? InvalidArgument when
  // the slot holds another key with the same prefix and hash.
  Status check_long_key(const RowChange& c, bool& present) {
    present = false;
    MDB_val k = to_val(key_), v{0, nullptr};
    Status s = mdb_status("mdb_get", mdb_get(txn_, dbi_, &k, &v));
    if (s.is_not_found()) return Status::OK();
    if (!s.ok()) return s;
    std::string_view stored, bytes;
    s = rows_layout::split_record(key_, from_val(v), stored, bytes);
    if (!s.ok()) return s;
    if (stored != c.key)
      return Status::InvalidArgument("relation " + std::to_string(c.relation) + ": two keys of " +
                                     std::to_string(c.key.size()) + " and " + std::to_string(stored.size()) +
                                     " bytes share their stored prefix and hash");
    present = true;
    return Status::OK();
  }

  MDB_txn* txn_;
  MDB_dbi dbi_;
  size_t max_key_;
  std::string key_, value_;
};

}  // namespace

Status Store::open(const std::string& dir, const StoreOptions& options, std::unique_ptr<Store>& out) {
  out.reset();
  std::unique_ptr<LmdbEnv> env;
  Status s = LmdbEnv::open(dir, options, env);
  if (!s.ok()) return s;
  std::unique_ptr<Store> store(new Store(std::move(env)));
  s = store->check_format();
  if (!s.ok()) return s;
  out = std::move(store);
  return Status::OK();
}

Status Store::check_format() {
  return env_->write([&](WriteTxn& w) {
    MDB_dbi meta = env_->dbi(LmdbEnv::Db::Meta);
    std::optional<uint64_t> format;
    Status s = get_u64(w.txn, meta, kFormatKey, format);
    if (!s.ok()) return s.with_context("meta format");
    if (!format) {
      std::string v;
      put_be64(v, kStoreFormat);
      return put(w.txn, meta, kFormatKey, v);
    }
    w.rollback = true;  // nothing to write
    if (*format != kStoreFormat)
      return Status::InvalidArgument("data directory " + env_->dir() + " has storage format " +
                                     std::to_string(*format) + "; this build reads format " +
                                     std::to_string(kStoreFormat));
    return Status::OK();
  });
}

Status Store::snapshot(Snapshot& out) const {
  out.release();
  MDB_txn* txn = nullptr;
  Status s = env_->begin_read(txn);
  if (s.ok()) out = Snapshot(env_.get(), txn);
  return s;
}

Status Store::commit(const EpochWrite& write) {
  const size_t max_key = env_->max_key_size();
  for (const auto& [key, value] : write.put_state) {
    Status s = check_state_key(key, max_key);
    if (!s.ok()) return s;
  }
  for (const auto& key : write.erase_state) {
    Status s = check_state_key(key, max_key);
    if (!s.ok()) return s;
  }
  if (write.empty()) return Status::OK();
  return env_->write([&](WriteTxn& w) {
    RowWriter rows(w.txn, *env_);
    bool existed = false;
    for (const RowChange& c : write.rows) {
      Status s = c.erase ? rows.erase(c) : rows.put(c, 0, existed);
      if (!s.ok()) return s;
    }
    for (const RowAppend& a : write.appends) {
      Status s = rows.append(a);
      if (!s.ok()) return s;
    }
    MDB_dbi state = env_->dbi(LmdbEnv::Db::State);
    for (const std::string& prefix : write.erase_state_prefixes) {
      uint64_t deleted = 0;
      Status s = delete_prefix(w.txn, state, prefix, UINT64_MAX, deleted);
      if (!s.ok()) return s.with_context("state");
    }
    for (const std::string& key : write.erase_state) {
      Status s = del(w.txn, state, key);
      if (!s.ok()) return s.with_context("state");
    }
    for (const auto& [key, value] : write.put_state) {
      Status s = put(w.txn, state, key, value);
      if (!s.ok()) return s.with_context("state");
    }
    return Status::OK();
  });
}

Status Store::insert_new(const std::vector<RowChange>& changes, int& duplicate) {
  duplicate = -1;
  if (changes.empty()) return Status::OK();
  return env_->write([&](WriteTxn& w) {
    duplicate = -1;  // the body may run again after the map grew
    RowWriter rows(w.txn, *env_);
    for (size_t i = 0; i < changes.size(); ++i) {
      bool existed = false;
      Status s = rows.put(changes[i], MDB_NOOVERWRITE, existed);
      if (!s.ok()) return s;
      if (existed) {
        duplicate = static_cast<int>(i);
        w.rollback = true;
        return Status::OK();
      }
    }
    return Status::OK();
  });
}

Status Store::drop_relation(uint64_t relation) {
  const std::string prefix = rows_layout::relation_prefix(relation);
  for (;;) {
    uint64_t deleted = 0;
    Status s = env_->write([&](WriteTxn& w) {
      Status r = delete_prefix(w.txn, env_->dbi(LmdbEnv::Db::Rows), prefix, kDropBatch, deleted);
      if (r.ok() && deleted < kDropBatch) r = del(w.txn, env_->dbi(LmdbEnv::Db::Meta), sequence_key(relation));
      return r;
    });
    if (!s.ok()) return s.with_context("dropping relation " + std::to_string(relation));
    if (deleted < kDropBatch) return Status::OK();
  }
}

Status Store::next_sequence(uint64_t relation, uint64_t count, uint64_t& first) {
  first = 0;
  const std::string key = sequence_key(relation);
  return env_->write([&](WriteTxn& w) {
    MDB_dbi meta = env_->dbi(LmdbEnv::Db::Meta);
    std::optional<uint64_t> next;
    Status s = get_u64(w.txn, meta, key, next);
    if (!s.ok()) return s.with_context("sequence of relation " + std::to_string(relation));
    first = next.value_or(0);
    if (count > UINT64_MAX - first)
      return Status::InvalidArgument("sequence of relation " + std::to_string(relation) + " exhausted");
    std::string v;
    put_be64(v, first + count);
    return put(w.txn, meta, key, v);
  });
}

Status Store::check_readers(int* cleared) {
  int n = 0;
  Status s = env_->check_readers(n);
  if (cleared) *cleared = n;
  return s;
}

Status Store::stats(StoreStats& out) const {
  out = StoreStats();
  Status s = env_->info(out.env);
  if (!s.ok()) return s;
  MDB_txn* txn = nullptr;
  s = env_->begin_read(txn);
  if (!s.ok()) return s;
  MDB_stat st;
  uint64_t* targets[3] = {&out.row_entries, &out.state_entries, &out.meta_entries};
  LmdbEnv::Db dbs[3] = {LmdbEnv::Db::Rows, LmdbEnv::Db::State, LmdbEnv::Db::Meta};
  for (int i = 0; i < 3 && s.ok(); ++i) {
    s = mdb_status("mdb_stat", mdb_stat(txn, env_->dbi(dbs[i]), &st));
    if (s.ok()) *targets[i] = st.ms_entries;
  }
  env_->end_read(txn);
  return s;
}

}  // namespace eddy::storage
