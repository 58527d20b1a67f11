// Locale-independent strtod/strtof. PostgreSQL parses floats with strtod() in the "C" locale
// (its LC_NUMERIC is always C); Eddy must not depend on whatever locale a library may set, so
// the glibc *_l variants are called with a "C" locale object made once.

#include <clocale>
#include <cstdlib>

#include "common/value_text_internal.h"

namespace eddy::text {

namespace {
locale_t c_locale() {
  static const locale_t loc = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return loc;
}
}  // namespace

double c_strtod(const char* s, char** end) { return strtod_l(s, end, c_locale()); }
float c_strtof(const char* s, char** end) { return strtof_l(s, end, c_locale()); }

}  // namespace eddy::text
