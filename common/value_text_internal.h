#pragma once
// Internal to common/: the appenders behind format_value() and append_value_text(), and number
// scanning that ignores the process locale. Code outside common/ uses value_text.h instead.
//
// Every appender writes PostgreSQL's text form (see value_text.h) at the end of `out` without
// allocating anything but the string's own growth: no streams, no locale.

#include <cstdint>
#include <string>

#include "common/value.h"

namespace eddy::text {

void append_int64(std::string& out, int64_t x);
void append_float8(std::string& out, double x);   // extra_float_digits 1: shortest round-trip
void append_float4(std::string& out, double x);   // the value rounded to float first
void append_numeric(std::string& out, double x);  // positional notation, never an exponent
void append_timestamp(std::string& out, int64_t micros, bool with_zone);
void append_date(std::string& out, int64_t days);
void append_interval(std::string& out, const Interval& iv);

// strtod / strtof / strtoll in the "C" locale whatever setlocale() says, with errno set as the
// C functions set it. `s` must be NUL-terminated.
double c_strtod(const char* s, char** end);
float c_strtof(const char* s, char** end);

// <cctype> in the "C" locale, without its locale lookups.
inline bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline bool is_punct(char c) { return c > ' ' && c < 127 && !is_alnum(c); }
inline char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace eddy::text
