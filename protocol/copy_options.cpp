#include "protocol/copy_options.h"

#include <string_view>

#include "common/error.h"

namespace eddy::protocol {

void validate_copy_options(const CopyOptions& o) {
  auto bad = [](const std::string& m) { throw SqlError(sqlstate::kInvalidParameterValue, m); };
  if (o.delimiter == '\n' || o.delimiter == '\r') bad("COPY delimiter cannot be newline or carriage return");
  if (o.null_string.find_first_of("\r\n") != std::string::npos)
    bad("COPY null representation cannot use newline or carriage return");
  if (!o.csv_mode()) {
    if (std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(o.delimiter) != std::string_view::npos)
      bad(std::string("COPY delimiter cannot be \"") + o.delimiter + "\"");
  } else {
    if (o.quote == o.delimiter) bad("COPY delimiter and quote must be different");
    if (o.quote == '\n' || o.quote == '\r' || o.escape == '\n' || o.escape == '\r')
      bad("COPY quote and escape cannot be newline or carriage return");
  }
  if (o.null_string.find(o.delimiter) != std::string::npos)
    bad("COPY delimiter character must not appear in the NULL specification");
}

}  // namespace eddy::protocol
