#include "engine/expr/text_case.h"

#include <clocale>
#include <cwctype>
#include <locale.h>

#include "engine/expr/utf8.h"

namespace eddy::engine::text {
namespace {

locale_t utf8_locale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

enum class Mode { Lower, Upper };

uint32_t map_char(uint32_t cp, Mode mode) {
  if (cp < 0x80) {
    if (mode == Mode::Lower) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  }
  locale_t loc = utf8_locale();
  if (loc == static_cast<locale_t>(nullptr)) return cp;
  const auto wc = static_cast<wint_t>(cp);
  return static_cast<uint32_t>(mode == Mode::Lower ? towlower_l(wc, loc) : towupper_l(wc, loc));
}

bool is_alnum(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  locale_t loc = utf8_locale();
  return loc != static_cast<locale_t>(nullptr) && iswalnum_l(static_cast<wint_t>(cp), loc) != 0;
}

void convert(std::string_view in, std::string& out, Mode mode) {
  out.clear();
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(map_char(c, mode)));
      ++i;
      continue;
    }
    const size_t start = i;
    const uint32_t cp = utf8::decode(in, i);
    if (i - start == 1) {  // malformed: keep the byte
      out.push_back(in[start]);
    } else {
      utf8::encode(map_char(cp, mode), out);
    }
  }
}

}  // namespace

void to_lower(std::string_view in, std::string& out) { convert(in, out, Mode::Lower); }
void to_upper(std::string_view in, std::string& out) { convert(in, out, Mode::Upper); }

void to_initcap(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  bool in_word = false;
  size_t i = 0;
  while (i < in.size()) {
    const size_t start = i;
    const uint32_t cp = utf8::decode(in, i);
    if (i - start == 1 && cp >= 0x80) {  // malformed: keep the byte
      out.push_back(in[start]);
    } else {
      utf8::encode(map_char(cp, in_word ? Mode::Lower : Mode::Upper), out);
    }
    in_word = is_alnum(cp);
  }
}

}  // namespace eddy::engine::text
