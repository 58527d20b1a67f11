#pragma once
// ErrorResponse and NoticeResponse, built from an SqlError.
//
//   'E' / 'N'  { byte field_code | cstring value }* | byte 0
// Fields written, in this order, when present:
//   S  severity, localized (Eddy does not localize, so the same as V)
//   V  severity, never localized ("ERROR", "FATAL", "PANIC", "WARNING", "NOTICE", "DEBUG",
//      "INFO", "LOG")
//   C  SQLSTATE
//   M  message
//   D  detail       (only when non-empty)
//   H  hint         (only when non-empty)
//   P  position     (decimal, 1-based character index into the statement; only when > 0)

#include <string>

#include "common/error.h"

namespace eddy::protocol {

enum class Severity { Error, Fatal, Panic, Warning, Notice, Debug, Info, Log };

const char* severity_name(Severity s);

// Appends an ErrorResponse. Use Severity::Fatal right before closing the connection.
void error_response(std::string& out, const SqlError& e, Severity severity = Severity::Error);
// Appends a NoticeResponse (warnings and notices; e.g. 01000 or 00000 with Severity::Notice).
void notice_response(std::string& out, const SqlError& e, Severity severity = Severity::Notice);

}  // namespace eddy::protocol
