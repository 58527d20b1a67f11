#include "server/duration_setting.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/error.h"

namespace eddy {

namespace {

struct Unit {
  const char* name;
  double ms;
};

constexpr Unit kUnits[] = {{"d", 86400000.0}, {"h", 3600000.0}, {"min", 60000.0},
                           {"s", 1000.0},     {"ms", 1.0},       {"us", 0.001}};

constexpr int64_t kMax = std::numeric_limits<int32_t>::max();

SqlError invalid(std::string_view name, std::string_view text) {
  return SqlError(sqlstate::kInvalidParameterValue,
                  "invalid value for parameter \"" + std::string(name) + "\": \"" + std::string(text) + "\"");
}

}  // namespace

int64_t parse_milliseconds_setting(std::string_view name, std::string_view text) {
  std::string s(text);
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  const char* begin = s.c_str() + i;
  char* end = nullptr;
  double value = std::strtod(begin, &end);
  // strtod also reads hex, inf and nan, which PostgreSQL's parse_int does not take.
  bool plain = end != begin;
  for (const char* p = begin; plain && p < end; ++p)
    if (!std::isdigit(static_cast<unsigned char>(*p)) && *p != '.' && *p != '-' && *p != '+' && *p != 'e' && *p != 'E')
      plain = false;
  if (!plain || !std::isfinite(value)) throw invalid(name, text);
  std::string_view rest(end);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
  double scale = 1.0;
  if (!rest.empty()) {
    bool found = false;
    for (const auto& u : kUnits)
      if (rest == u.name) {
        scale = u.ms;
        found = true;
      }
    if (!found)
      throw invalid(name, text).with_hint(
          "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  }
  const double ms = std::rint(value * scale);
  if (ms < 0 || ms > static_cast<double>(kMax)) {
    std::string shown = std::abs(ms) < 9e18 ? std::to_string(static_cast<int64_t>(ms)) : std::string(text);
    throw SqlError(sqlstate::kInvalidParameterValue, shown + " ms is outside the valid range for parameter \"" +
                                                         std::string(name) + "\" (0 .. " + std::to_string(kMax) + ")");
  }
  return static_cast<int64_t>(ms);
}

std::string format_milliseconds_setting(int64_t ms) {
  if (ms == 0) return "0";
  for (const auto& u : kUnits) {
    const auto unit = static_cast<int64_t>(u.ms);
    if (unit >= 1 && ms % unit == 0) return std::to_string(ms / unit) + u.name;
  }
  return std::to_string(ms) + "ms";
}

}  // namespace eddy
