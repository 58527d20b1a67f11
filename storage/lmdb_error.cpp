#include "storage/lmdb_error.h"

#include <lmdb.h>

#include <cerrno>
#include <cstring>

namespace eddy::storage {
namespace {

Status::Code errno_code(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG: return Status::Code::DiskFull;
    case ENOMEM: return Status::Code::ResourceExhausted;
    case EINVAL: return Status::Code::InvalidArgument;
    case EAGAIN:
    case EBUSY: return Status::Code::Busy;
    case ENOENT: return Status::Code::NotFound;
    default: return Status::Code::IOError;
  }
}

Status make(Status::Code code, std::string message) {
  switch (code) {
    case Status::Code::Ok: return Status::OK();
    case Status::Code::NotFound: return Status::NotFound(std::move(message));
    case Status::Code::Corruption: return Status::Corruption(std::move(message));
    case Status::Code::IOError: return Status::IOError(std::move(message));
    case Status::Code::Busy: return Status::Busy(std::move(message));
    case Status::Code::MapFull: return Status::MapFull(std::move(message));
    case Status::Code::DiskFull: return Status::DiskFull(std::move(message));
    case Status::Code::InvalidArgument: return Status::InvalidArgument(std::move(message));
    case Status::Code::ResourceExhausted: return Status::ResourceExhausted(std::move(message));
  }
  return Status::IOError(std::move(message));
}

// "ENOSPC: No space left on device"; glibc >= 2.32 names errno values.
std::string describe_errno(int err) {
  const char* name = strerrorname_np(err);
  std::string text = std::strerror(err);
  return name ? std::string(name) + ": " + text : "errno " + std::to_string(err) + ": " + text;
}

}  // namespace

Status errno_status(const std::string& op, int err) {
  if (err == 0) return Status::OK();
  return make(errno_code(err), op + ": " + describe_errno(err));
}

Status mdb_status(const char* op, int rc) {
  if (rc == MDB_SUCCESS) return Status::OK();
  if (rc > 0) return errno_status(op, rc);  // LMDB passes system errors through as errno values
  Status::Code code = Status::Code::IOError;
  switch (rc) {
    case MDB_NOTFOUND: code = Status::Code::NotFound; break;
    case MDB_MAP_FULL: code = Status::Code::MapFull; break;
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_INCOMPATIBLE: code = Status::Code::Corruption; break;
    case MDB_READERS_FULL:
    case MDB_TXN_FULL:
    case MDB_DBS_FULL:
    case MDB_CURSOR_FULL:
    case MDB_PAGE_FULL:
    case MDB_TLS_FULL: code = Status::Code::ResourceExhausted; break;
    case MDB_BAD_VALSIZE: code = Status::Code::InvalidArgument; break;
    default: break;  // MDB_PANIC, MDB_MAP_RESIZED, MDB_BAD_TXN, MDB_BAD_RSLOT, MDB_BAD_DBI, ...
  }
  // LMDB's own texts already start with the code's name: "MDB_MAP_FULL: Environment ...".
  return make(code, std::string(op) + ": " + mdb_strerror(rc));
}

}  // namespace eddy::storage
