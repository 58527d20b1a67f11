#include "storage/status.h"

namespace eddy::storage {

Status Status::with_context(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

const char* Status::sqlstate() const {
  switch (code_) {
    case Code::Ok: return "00000";
    case Code::NotFound: return "58P01";           // undefined_file
    case Code::Corruption: return "XX001";         // data_corrupted
    case Code::IOError: return "58030";            // io_error
    case Code::Busy: return "55006";               // object_in_use
    case Code::MapFull: return "53100";            // disk_full
    case Code::DiskFull: return "53100";           // disk_full
    case Code::InvalidArgument: return "22023";    // invalid_parameter_value
    case Code::ResourceExhausted: return "53000";  // insufficient_resources
  }
  return "XX000";
}

const char* Status::code_name(Code code) {
  switch (code) {
    case Code::Ok: return "OK";
    case Code::NotFound: return "NotFound";
    case Code::Corruption: return "Corruption";
    case Code::IOError: return "IOError";
    case Code::Busy: return "Busy";
    case Code::MapFull: return "MapFull";
    case Code::DiskFull: return "DiskFull";
    case Code::InvalidArgument: return "InvalidArgument";
    case Code::ResourceExhausted: return "ResourceExhausted";
  }
  return "Unknown";
}

std::string Status::to_string() const {
  if (ok()) return "OK";
  return std::string(code_name(code_)) + ": " + message_;
}

}  // namespace eddy::storage
