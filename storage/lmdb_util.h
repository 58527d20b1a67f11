#pragma once
// Small helpers over <lmdb.h> for storage/*.cpp only (this header includes lmdb.h; never include
// it from a header that leaves storage/).

#include <lmdb.h>

#include <string_view>

#include "storage/lmdb_error.h"

namespace eddy::storage {

inline MDB_val to_val(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};  // LMDB does not write through it
}
inline std::string_view from_val(const MDB_val& v) { return {static_cast<const char*>(v.mv_data), v.mv_size}; }

inline bool has_prefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// An open cursor, closed on destruction (read-only transactions need it closed explicitly).
class Cursor {
 public:
  Cursor() = default;
  ~Cursor() { if (cursor_) mdb_cursor_close(cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  Status open(MDB_txn* txn, MDB_dbi dbi) { return mdb_status("mdb_cursor_open", mdb_cursor_open(txn, dbi, &cursor_)); }
  // mdb_cursor_get: OK, NotFound at the end, or another error.
  Status get(MDB_val& key, MDB_val& value, MDB_cursor_op op) {
    return mdb_status("mdb_cursor_get", mdb_cursor_get(cursor_, &key, &value, op));
  }
  Status del() { return mdb_status("mdb_cursor_del", mdb_cursor_del(cursor_, 0)); }

 private:
  MDB_cursor* cursor_ = nullptr;
};

// Visits every entry whose key starts with `prefix`, in key order, until visit returns false.
// visit(key, value) -> bool; the views are valid during the call only.
template <typename Visit>
Status scan_prefix(MDB_txn* txn, MDB_dbi dbi, std::string_view prefix, Visit&& visit) {
  Cursor cursor;
  Status s = cursor.open(txn, dbi);
  if (!s.ok()) return s;
  MDB_val k = to_val(prefix), v{0, nullptr};
  MDB_cursor_op op = MDB_SET_RANGE;
  if (prefix.empty()) op = MDB_FIRST;  // LMDB refuses an empty key for MDB_SET_RANGE
  for (;; op = MDB_NEXT) {
    s = cursor.get(k, v, op);
    if (s.is_not_found()) return Status::OK();
    if (!s.ok()) return s;
    std::string_view key = from_val(k);
    if (!has_prefix(key, prefix)) return Status::OK();
    Status r = Status::OK();
    if (!visit(key, from_val(v), r)) return r;
  }
}

}  // namespace eddy::storage
