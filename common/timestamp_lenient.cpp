// parse_timestamp_lenient(): epoch milliseconds or PostgreSQL timestamptz input.

#include "common/timestamp_lenient.h"

#include <charconv>
#include <string>

#include "common/datetime_limits.h"
#include "common/error.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy {

int64_t parse_timestamp_lenient(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && text::is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && text::is_space(s.back())) s.remove_suffix(1);
  const size_t first_digit = !s.empty() && s.front() == '-' ? 1 : 0;
  bool all_digits = s.size() > first_digit;
  for (size_t i = first_digit; i < s.size() && all_digits; ++i) all_digits = text::is_digit(s[i]);
  if (!all_digits) return parse_timestamp(text, Type::timestamptz());
  int64_t millis = 0, micros = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), millis);
  if (r.ec != std::errc() || __builtin_mul_overflow(millis, int64_t{1000}, &micros) || micros < kMinTimestamp)
    throw SqlError(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::string(text) + "\"");
  return micros;
}

}  // namespace eddy
