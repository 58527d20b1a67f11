#pragma once
// Internal to common/: the pieces of PostgreSQL's DecodeDateTime() that read the date part of a
// timestamp (DecodeDate, DecodeNumber, DecodeNumberField, ValidateDate), with DateStyle MDY.
// datetime_parse.cpp drives them field by field.

#include <cstdint>

#include "common/datetime_tokens.h"

namespace eddy::datetime {

// One bit per kind of field seen so far (PostgreSQL's DTK_M()).
enum FieldBit : uint32_t {
  kYear = 1u << 0,
  kMonth = 1u << 1,
  kDay = 1u << 2,
  kHour = 1u << 3,
  kMinute = 1u << 4,
  kSecond = 1u << 5,
  kMillisecond = 1u << 6,
  kMicrosecond = 1u << 7,
  kTz = 1u << 8,
  kDtz = 1u << 9,
  kDtzMod = 1u << 10,
  kDoy = 1u << 11,
  kDow = 1u << 12,
  kAmPmBit = 1u << 13,
  kAdBcBit = 1u << 14,
  kReservedBit = 1u << 15,  // epoch, infinity, -infinity
};
constexpr uint32_t kDateMask = kYear | kMonth | kDay;
constexpr uint32_t kAllSecs = kSecond | kMillisecond | kMicrosecond;
constexpr uint32_t kTimeMask = kHour | kMinute | kAllSecs;

// A broken-down date and time; year is astronomical (0 = 1 BC) once validate_date() ran.
struct Tm {
  int year = 0, mon = 0, mday = 0, yday = 0;
  int hour = 0, min = 0, sec = 0;
  int64_t fsec = 0;  // microseconds
};

// "20261120", "261120", "100000", "1000", "100000.5". Writes into `str`.
DtErr decode_number_field(char* str, uint32_t fmask, uint32_t& tmask, Tm& tm, bool& is2digits);
// One numeric date field, placed by what `fmask` says is known already.
DtErr decode_number(char* str, bool have_text_month, uint32_t fmask, uint32_t& tmask, Tm& tm, int64_t& fsec,
                    bool& is2digits);
// A field with date delimiters: "2026-11-20", "11/20/2026", "20-nov-2026", "2026.324".
DtErr decode_date(char* str, uint32_t fmask, uint32_t& tmask, bool& is2digits, Tm& tm);
// Years (BC, two digits), day of year, month and day ranges.
DtErr validate_date(uint32_t fmask, bool isjulian, bool is2digits, bool bc, Tm& tm);
bool time_overflows(int hour, int min, int sec, int64_t fsec);
// Julian day / days since 1970 -> year, month, day of `tm`.
void julian_to_tm(int64_t jd, Tm& tm);
void days_to_tm(int64_t days, Tm& tm);
// strtol() clamped to int.
int clamp_atoi(const char* s);

}  // namespace eddy::datetime
