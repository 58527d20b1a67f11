#pragma once
// The result of a storage operation, in the manner of LevelDB's Status: storage code never
// throws; it returns a Status that is either OK or carries a code and a message naming what
// failed ("mdb_txn_commit: MDB_MAP_FULL: Environment mapsize limit reached").
//
// Callers above storage/ turn a non-OK Status into a SqlError with sqlstate() and message().
// A Status is cheap to copy when OK (an empty string) and must be looked at: [[nodiscard]].

#include <cstdint>
#include <string>
#include <utility>

namespace eddy::storage {

class [[nodiscard]] Status {
 public:
  enum class Code : uint8_t {
    Ok,
    NotFound,           // a key, file or directory that must exist does not
    Corruption,         // bytes on disk that cannot be what we wrote (bad row encoding, bad page)
    IOError,            // the operating system refused or failed a read, write, sync or map
    Busy,               // held by someone else: the data dir by another process, a resize by readers
    MapFull,            // the LMDB map cannot grow any more (max_map_size reached)
    DiskFull,           // no space left on the file system (ENOSPC, EDQUOT, a short write)
    InvalidArgument,    // a caller's mistake: empty or oversized key, bad option
    ResourceExhausted,  // reader slots, memory, or a transaction too large for LMDB
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status NotFound(std::string message) { return Status(Code::NotFound, std::move(message)); }
  static Status Corruption(std::string message) { return Status(Code::Corruption, std::move(message)); }
  static Status IOError(std::string message) { return Status(Code::IOError, std::move(message)); }
  static Status Busy(std::string message) { return Status(Code::Busy, std::move(message)); }
  static Status MapFull(std::string message) { return Status(Code::MapFull, std::move(message)); }
  static Status DiskFull(std::string message) { return Status(Code::DiskFull, std::move(message)); }
  static Status InvalidArgument(std::string message) {
    return Status(Code::InvalidArgument, std::move(message));
  }
  static Status ResourceExhausted(std::string message) {
    return Status(Code::ResourceExhausted, std::move(message));
  }

  bool ok() const { return code_ == Code::Ok; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  bool is_not_found() const { return code_ == Code::NotFound; }
  bool is_corruption() const { return code_ == Code::Corruption; }
  bool is_io_error() const { return code_ == Code::IOError; }
  bool is_busy() const { return code_ == Code::Busy; }
  bool is_map_full() const { return code_ == Code::MapFull; }
  bool is_disk_full() const { return code_ == Code::DiskFull; }
  bool is_invalid_argument() const { return code_ == Code::InvalidArgument; }
  bool is_resource_exhausted() const { return code_ == Code::ResourceExhausted; }

  // The same status with `context + ": "` in front of its message (OK stays OK).
  Status with_context(const std::string& context) const;

  // PostgreSQL SQLSTATE for a user-facing error: DiskFull 53100, IOError 58030, Corruption
  // XX001, Busy 55006, MapFull 53100 (the map cannot hold more: the same remedy as a full disk),
  // ResourceExhausted 53000, InvalidArgument 22023, NotFound 58P01, OK 00000.
  const char* sqlstate() const;
  static const char* code_name(Code code);  // "OK", "NotFound", "DiskFull", ...
  // "DiskFull: mdb_txn_commit: ENOSPC: No space left on device", or "OK".
  std::string to_string() const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::Ok;
  std::string message_;
};

}  // namespace eddy::storage
