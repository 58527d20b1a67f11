#include "protocol/error_response.h"

#include "protocol/byte_buffer.h"

namespace eddy::protocol {

namespace {

void field(ByteWriter& w, char code, const std::string& value) {
  w.u8(static_cast<uint8_t>(code));
  // A NUL inside a value would end it early for the client; cut it there rather than send a
  // malformed message (messages may quote client text, which the decoders keep NUL-free anyway).
  w.cstring(std::string_view(value.c_str()));
}

void fields_message(std::string& out, char type, const SqlError& e, Severity severity) {
  ByteWriter w(out);
  size_t at = w.begin_message(type);
  std::string sev = severity_name(severity);
  field(w, 'S', sev);
  field(w, 'V', sev);
  field(w, 'C', e.sqlstate());
  field(w, 'M', e.message());
  if (!e.detail().empty()) field(w, 'D', e.detail());
  if (!e.hint().empty()) field(w, 'H', e.hint());
  if (e.position() > 0) field(w, 'P', std::to_string(e.position()));
  w.u8(0);
  w.end_message(at);
}

}  // namespace

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "ERROR";
    case Severity::Fatal: return "FATAL";
    case Severity::Panic: return "PANIC";
    case Severity::Warning: return "WARNING";
    case Severity::Notice: return "NOTICE";
    case Severity::Debug: return "DEBUG";
    case Severity::Info: return "INFO";
    case Severity::Log: return "LOG";
  }
  return "ERROR";
}

void error_response(std::string& out, const SqlError& e, Severity severity) {
  fields_message(out, 'E', e, severity);
}

void notice_response(std::string& out, const SqlError& e, Severity severity) {
  fields_message(out, 'N', e, severity);
}

}  // namespace eddy::protocol
