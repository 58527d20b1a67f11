// Text input of values (PostgreSQL's boolin, int2in/int4in/int8in, float4in/float8in,
// numeric_in, varcharin) and parse_value(), which dispatches on the target type.

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "common/array_text.h"
#include "common/error.h"
#include "common/jsonb_text.h"
#include "common/value_text.h"
#include "common/value_text_internal.h"

namespace eddy {

namespace {

using text::is_digit;
using text::is_space;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

[[noreturn]] void throw_syntax(const char* type_name, std::string_view text) {
  throw SqlError(sqlstate::kInvalidTextRepresentation,
                 std::string("invalid input syntax for type ") + type_name + ": " + quoted(text));
}

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Case-insensitive: is `s` a non-empty prefix of `word` of at least `min_len` characters?
bool is_prefix_of(std::string_view s, std::string_view word, size_t min_len = 1) {
  if (s.size() < min_len || s.size() > word.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (text::to_lower(s[i]) != word[i]) return false;
  return true;
}

bool starts_with_nocase(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && is_prefix_of(s.substr(0, word.size()), word);
}

// A NUL-terminated copy for the strto* functions; short inputs stay on the stack.
class CString {
 public:
  explicit CString(std::string_view s) {
    if (s.size() < sizeof small_) {
      std::memcpy(small_, s.data(), s.size());
      small_[s.size()] = '\0';
      p_ = small_;
    } else {
      big_.assign(s);
      p_ = big_.c_str();
    }
  }
  CString(const CString&) = delete;
  CString& operator=(const CString&) = delete;
  const char* get() const { return p_; }

 private:
  char small_[64];
  std::string big_;
  const char* p_;
};

double parse_numeric(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) throw_syntax("numeric", text);
  std::string_view s = text;
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  // NaN and the infinities, spelled as float8in takes them
  struct Special {
    std::string_view word;
    double value;
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  static constexpr Special kSpecials[] = {{"nan", std::numeric_limits<double>::quiet_NaN()},
                                          {"infinity", kInf}, {"+infinity", kInf}, {"-infinity", -kInf},
                                          {"inf", kInf},      {"+inf", kInf},      {"-inf", -kInf}};
  for (const Special& sp : kSpecials) {
    if (starts_with_nocase(s, sp.word)) {
      if (!trim_space(s.substr(sp.word.size())).empty()) throw_syntax("numeric", text);
      return sp.value;
    }
  }
  // [+-] digits [. digits] | [+-] . digits, then [eE] [+-] digits, then white space
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  bool have_digits = false, have_dp = false;
  for (; i < s.size(); ++i) {
    if (is_digit(s[i])) {
      have_digits = true;
    } else if (s[i] == '.' && !have_dp) {
      have_dp = true;
    } else {
      break;
    }
  }
  if (!have_digits || (i < s.size() && s[i] == '.')) throw_syntax("numeric", text);
  std::string num(s.substr(0, i));  // strtod() must not see the blanks strtol() allows below
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    while (j < s.size() && is_space(s[j])) ++j;  // PostgreSQL reads the exponent with strtol()
    const size_t sign = j;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const size_t digits = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j == digits) throw_syntax("numeric", text);
    num += 'e';
    num.append(s.substr(sign, j - sign));
    i = j;
  }
  if (!trim_space(s.substr(i)).empty()) throw_syntax("numeric", text);
  const double v = text::c_strtod(num.c_str(), nullptr);
  if (std::isinf(v)) throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  return v;
}

// VARCHAR(n): at most n characters (UTF-8), except that extra trailing blanks are cut silently.
std::string check_varchar(std::string_view s, int32_t max_chars) {
  if (max_chars < 0 || s.size() <= static_cast<size_t>(max_chars)) return std::string(s);
  size_t chars = 0, cut = s.size();
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (chars == static_cast<size_t>(max_chars)) {
      cut = i;
      break;
    }
    ++chars;
  }
  for (size_t i = cut; i < s.size(); ++i) {
    if (s[i] != ' ')
      throw SqlError(sqlstate::kStringDataRightTruncation,
                     "value too long for type character varying(" + std::to_string(max_chars) + ")");
  }
  return std::string(s.substr(0, cut));
}

}  // namespace

bool parse_bool(std::string_view text) {
  const std::string_view s = trim_space(text);
  if (!s.empty()) {
    switch (text::to_lower(s.front())) {
      case 't': if (is_prefix_of(s, "true")) return true; break;
      case 'f': if (is_prefix_of(s, "false")) return false; break;
      case 'y': if (is_prefix_of(s, "yes")) return true; break;
      case 'n': if (is_prefix_of(s, "no")) return false; break;
      case 'o':  // "o" alone is ambiguous
        if (is_prefix_of(s, "on", 2)) return true;
        if (is_prefix_of(s, "off", 2)) return false;
        break;
      case '1': if (s.size() == 1) return true; break;
      case '0': if (s.size() == 1) return false; break;
      default: break;
    }
  }
  throw_syntax("boolean", text);
}

int64_t parse_int(std::string_view text, Type target) {
  const char* name = "bigint";
  int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  if (target.id == TypeId::Int16) {
    name = "smallint";
    lo = std::numeric_limits<int16_t>::min();
    hi = std::numeric_limits<int16_t>::max();
  } else if (target.id == TypeId::Int32) {
    name = "integer";
    lo = std::numeric_limits<int32_t>::min();
    hi = std::numeric_limits<int32_t>::max();
  }
  size_t i = 0;
  const size_t n = text.size();
  while (i < n && is_space(text[i])) ++i;
  bool neg = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
  if (i >= n || !is_digit(text[i])) throw_syntax(name, text);
  // Accumulate negatively so that the most negative value fits; stop at the first overflow,
  // before looking at what follows, as PostgreSQL does.
  int64_t acc = 0;
  const int64_t floor = neg ? lo : -hi;
  for (; i < n && is_digit(text[i]); ++i) {
    const int digit = text[i] - '0';
    if (acc < (floor + digit) / 10)
      throw SqlError(sqlstate::kNumericValueOutOfRange, "value " + quoted(text) + " is out of range for type " + name);
    acc = acc * 10 - digit;
  }
  while (i < n && is_space(text[i])) ++i;
  if (i != n) throw_syntax(name, text);
  return neg ? acc : -acc;
}

double parse_double(std::string_view text, Type target) {
  const bool single = target.id == TypeId::Float32;
  const char* name = single ? "real" : "double precision";
  if (target.id == TypeId::Numeric) return parse_numeric(text);
  CString copy(text);
  const char* num = copy.get();
  if (std::strlen(num) != text.size()) throw_syntax(name, text);  // an embedded NUL
  while (*num != '\0' && is_space(*num)) ++num;
  if (*num == '\0') throw_syntax(name, text);
  char* end;
  errno = 0;
  const double val = single ? text::c_strtof(num, &end) : text::c_strtod(num, &end);
  if (end == num) throw_syntax(name, text);
  if (errno == ERANGE) {
    // Denormals also set ERANGE; only zero and infinity mean the input was out of range.
    const double huge = single ? static_cast<double>(std::numeric_limits<float>::infinity()) : HUGE_VAL;
    if (val == 0.0 || val >= huge || val <= -huge) {
      // float8in quotes the number it read, float4in the whole input
      const std::string_view shown = single ? text : std::string_view(num, static_cast<size_t>(end - num));
      throw SqlError(sqlstate::kNumericValueOutOfRange, quoted(shown) + " is out of range for type " + name);
    }
  }
  while (*end != '\0' && is_space(*end)) ++end;
  if (*end != '\0') throw_syntax(name, text);
  return val;
}

Value parse_value(std::string_view text, Type target) {
  switch (target.id) {
    case TypeId::Null:
    case TypeId::Text: return Value::text(std::string(text));
    case TypeId::Varchar: {
      Value v = Value::text(check_varchar(text, target.modifier));
      v.type = target;
      return v;
    }
    case TypeId::Jsonb: {
      Value v = Value::text(canonical_jsonb(text));
      v.type = target;
      return v;
    }
    case TypeId::Bool: return Value::boolean(parse_bool(text));
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64: return Value::make_int(target, parse_int(text, target));
    case TypeId::Float32:
    case TypeId::Float64:
    case TypeId::Numeric: {
      Value v = Value::float64(parse_double(text, target));
      v.type = target;
      return v;
    }
    case TypeId::Timestamp:
    case TypeId::TimestampTz: return Value::make_int(target, parse_timestamp(text, target));
    case TypeId::Date: return Value::make_int(target, parse_date(text));
    case TypeId::Interval: return Value::interval(parse_interval(text));
    case TypeId::Oid:
    case TypeId::RegClass:
    case TypeId::RegType:
    case TypeId::RegProc:
    case TypeId::RegNamespace: {
      // oidin: an unsigned 32-bit number; negative numbers down to -2^31 wrap, as in PostgreSQL.
      // Names for the reg* types are resolved by the planner, which knows the catalog.
      int64_t x = parse_int(text, Type::int64());
      if (x < -2147483648LL || x > 4294967295LL)
        throw SqlError(sqlstate::kNumericValueOutOfRange,
                       "value \"" + std::string(text) + "\" is out of range for type " + target.sql_name());
      if (x < 0) x += 4294967296LL;
      return Value::make_int(target, x);
    }
    case TypeId::Name: {  // NAMEDATALEN - 1 bytes
      Value v = Value::text(std::string(text.substr(0, std::min<size_t>(text.size(), 63))));
      v.type = target;
      return v;
    }
    case TypeId::Char: {
      Value v = Value::text(std::string(text.substr(0, std::min<size_t>(text.size(), 1))));
      v.type = target;
      return v;
    }
    case TypeId::Int2Vector:
    case TypeId::OidVector:
    case TypeId::Array: {
      ArrayElements elements = parse_array_elements(text, target);
      Type element = target.element();
      for (auto& e : elements)
        if (e) e = format_value(parse_value(*e, element));  // validates and normalizes each element
      Value v = Value::text(format_array(elements, target));
      v.type = target;
      return v;
    }
  }
  return Value::text(std::string(text));
}

}  // namespace eddy
