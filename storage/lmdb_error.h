#pragma once
// Turning return codes into Status. Every mdb_* call in storage/ goes through mdb_status() so
// that a failure names the call and the code:
//   "mdb_txn_commit: MDB_MAP_FULL: Environment mapsize limit reached"
//   "mdb_txn_commit: ENOSPC: No space left on device"
//
// Mapping: MDB_NOTFOUND -> NotFound; MDB_MAP_FULL -> MapFull; MDB_CORRUPTED, MDB_PAGE_NOTFOUND,
// MDB_INVALID, MDB_VERSION_MISMATCH, MDB_INCOMPATIBLE -> Corruption; MDB_READERS_FULL,
// MDB_TXN_FULL, MDB_DBS_FULL, MDB_CURSOR_FULL, MDB_PAGE_FULL, MDB_TLS_FULL, ENOMEM ->
// ResourceExhausted; MDB_BAD_VALSIZE, EINVAL -> InvalidArgument; ENOSPC, EDQUOT, EFBIG ->
// DiskFull; EAGAIN, EBUSY, EWOULDBLOCK -> Busy; everything else (EIO, EACCES, MDB_PANIC, ...)
// -> IOError.

#include "storage/status.h"

namespace eddy::storage {

// OK for rc == 0 (MDB_SUCCESS); otherwise a Status as above, message "<op>: <name>: <text>".
Status mdb_status(const char* op, int rc);

// For our own system calls: errno value `err` from `op` (e.g. "open /data/eddy.lock").
Status errno_status(const std::string& op, int err);

}  // namespace eddy::storage
