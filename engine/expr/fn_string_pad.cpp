// String functions, part two: trim/btrim/ltrim/rtrim, lpad/rpad, left/right, split_part,
// translate, concat and concat_ws. Character counts are UTF-8 characters.
#include "common/value_text.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/utf8.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

bool in_set(std::string_view set, std::string_view ch) {
  size_t i = 0;
  while (i < set.size()) {
    const size_t n = utf8::char_bytes(set, i);
    if (set.substr(i, n) == ch) return true;
    i += n;
  }
  return false;
}

// kSides: 1 leading, 2 trailing, 3 both.
template <int kSides>
void k_trim(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows);
  const bool has_set = args.size() > 1;
  In<std::string> set{};
  if (has_set) set = strings(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string_view str = s[i];
    const std::string_view chars = has_set ? std::string_view(set[i]) : std::string_view(" ");
    size_t b = 0, e = str.size();
    if (kSides & 1) {
      while (b < e) {
        const size_t n = utf8::char_bytes(str, b);
        if (!in_set(chars, str.substr(b, n))) break;
        b += n;
      }
    }
    if (kSides & 2) {
      while (e > b) {
        size_t start = e - 1;
        while (start > b && utf8::is_continuation(str[start])) --start;
        if (!in_set(chars, str.substr(start, e - start))) break;
        e = start;
      }
    }
    o[i].assign(str.substr(b, e - b));
  }
}

// lpad / rpad (kLeft): fit s to n characters, cutting it or padding with `fill` (default ' ').
template <bool kLeft>
void k_pad(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows);
  auto n = ints(*args[1], rows);
  const bool has_fill = args.size() > 2;
  In<std::string> fill{};
  if (has_fill) fill = strings(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    std::string& d = o[i];
    d.clear();
    const int64_t want = n[i];
    if (want <= 0) continue;
    if (want > (int64_t{1} << 28)) throw SqlError(sqlstate::kProgramLimitExceeded, "requested length too large");
    const std::string_view str = s[i];
    const std::string_view f = has_fill ? std::string_view(fill[i]) : std::string_view(" ");
    const size_t have = utf8::count(str);
    if (have >= static_cast<size_t>(want) || f.empty()) {
      d.assign(str.substr(0, utf8::offset_of(str, static_cast<size_t>(want))));
      continue;
    }
    std::string pad;
    size_t missing = static_cast<size_t>(want) - have, k = 0;
    while (missing > 0) {
      const size_t nb = utf8::char_bytes(f, k);
      pad.append(f.substr(k, nb));
      k = k + nb >= f.size() ? 0 : k + nb;
      --missing;
    }
    if (kLeft) {
      d.append(pad).append(str);
    } else {
      d.append(str).append(pad);
    }
  }
}

// left(s, n) / right(s, n) (kRight): n characters, or all but |n| when n is negative.
template <bool kRight>
void k_left_right(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows);
  auto n = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string_view str = s[i];
    const auto len = static_cast<int64_t>(utf8::count(str));
    const int64_t k = n[i] >= 0 ? std::min(n[i], len) : std::max<int64_t>(len + n[i], 0);
    if (kRight) {
      o[i].assign(str.substr(utf8::offset_of(str, static_cast<size_t>(len - k))));
    } else {
      o[i].assign(str.substr(0, utf8::offset_of(str, static_cast<size_t>(k))));
    }
  }
}

void k_split_part(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), delim = strings(*args[1], rows);
  auto field = ints(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const int64_t f = field[i];
    if (f == 0) throw SqlError(sqlstate::kInvalidParameterValue, "field position must not be zero");
    const std::string_view str = s[i], d = delim[i];
    o[i].clear();
    if (d.empty()) {
      if (!str.empty() && (f == 1 || f == -1)) o[i].assign(str);
      continue;
    }
    std::vector<std::string_view> parts;
    size_t at = 0;
    for (size_t hit; (hit = str.find(d, at)) != std::string_view::npos; at = hit + d.size()) {
      parts.push_back(str.substr(at, hit - at));
    }
    parts.push_back(str.substr(at));
    const int64_t count = static_cast<int64_t>(parts.size());
    const int64_t idx = f > 0 ? f - 1 : count + f;
    if (idx >= 0 && idx < count) o[i].assign(parts[static_cast<size_t>(idx)]);
  }
}

void k_translate(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), from = strings(*args[1], rows), to = strings(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string_view str = s[i], f = from[i], t = to[i];
    std::string& d = o[i];
    d.clear();
    size_t k = 0;
    while (k < str.size()) {
      const size_t n = utf8::char_bytes(str, k);
      const std::string_view ch = str.substr(k, n);
      k += n;
      // Find ch's index in `from`, then the character at that index in `to` (none: dropped).
      size_t fi = 0, index = 0;
      bool found = false;
      while (fi < f.size()) {
        const size_t fn = utf8::char_bytes(f, fi);
        if (f.substr(fi, fn) == ch) {
          found = true;
          break;
        }
        fi += fn;
        ++index;
      }
      if (!found) {
        d.append(ch);
        continue;
      }
      const size_t ti = utf8::offset_of(t, index);
      if (ti < t.size()) d.append(t.substr(ti, utf8::char_bytes(t, ti)));
    }
  }
}

// concat(...) and concat_ws(sep, ...) (kWithSeparator): NULL arguments are skipped; every
// argument reads as its output text (a boolean as t/f).
template <bool kWithSeparator>
void k_concat(const KArgs& args, size_t rows, Column& out) {
  size_output(rows, out);
  auto& o = out.strings();
  const size_t first = kWithSeparator ? 1 : 0;
  std::vector<size_t> steps(args.size());
  for (size_t k = 0; k < args.size(); ++k) steps[k] = stride(*args[k], rows);
  for (size_t i = 0; i < rows; ++i) {
    if (kWithSeparator && args[0]->is_null(i * steps[0])) {
      set_output_null(out, i);
      continue;
    }
    std::string& d = o[i];
    bool any = false;
    for (size_t k = first; k < args.size(); ++k) {
      const Column& c = *args[k];
      const size_t row = i * steps[k];
      if (c.is_null(row)) continue;
      if (kWithSeparator && any) d.append(args[0]->strings()[i * steps[0]]);
      any = true;
      if (c.type().physical() == PhysicalType::String) {
        d.append(c.strings()[row]);
      } else {
        append_value_text(d, c, row);
      }
    }
  }
}

BoundExprPtr bind_concat(std::string_view name, Args& args, int position) {
  const bool ws = name == "concat_ws";
  if (args.empty() || (ws && args.size() < 2)) return nullptr;
  if (ws && !(bind::is_unknown(*args[0]) || bind::category(args[0]->type) == bind::Category::String)) return nullptr;
  for (auto& a : args) {
    if (bind::is_unknown(*a)) a = bind::coerce_implicit(std::move(a), Type::text());
  }
  ScalarFn fn = ws ? &k_concat<true> : &k_concat<false>;
  return bind::make_call(std::string(name), Type::text(), fn, std::move(args), position);
}

}  // namespace

void register_string_more(Registry& r) {
  const Type t = Type::text(), i4 = Type::int32();
  r["btrim"] = {{sig({t}, t, &k_trim<3>), sig({t, t}, t, &k_trim<3>)}, nullptr, {}};
  r["trim"] = r["btrim"];
  r["trim"].node_name = "btrim";
  r["ltrim"] = {{sig({t}, t, &k_trim<1>), sig({t, t}, t, &k_trim<1>)}, nullptr, {}};
  r["rtrim"] = {{sig({t}, t, &k_trim<2>), sig({t, t}, t, &k_trim<2>)}, nullptr, {}};
  r["lpad"] = {{sig({t, i4}, t, &k_pad<true>), sig({t, i4, t}, t, &k_pad<true>)}, nullptr, {}};
  r["rpad"] = {{sig({t, i4}, t, &k_pad<false>), sig({t, i4, t}, t, &k_pad<false>)}, nullptr, {}};
  r["left"] = {{sig({t, i4}, t, &k_left_right<false>)}, nullptr, {}};
  r["right"] = {{sig({t, i4}, t, &k_left_right<true>)}, nullptr, {}};
  r["split_part"] = {{sig({t, t, i4}, t, &k_split_part)}, nullptr, {}};
  r["translate"] = {{sig({t, t, t}, t, &k_translate)}, nullptr, {}};
  r["concat"] = {{}, &bind_concat, {}};
  r["concat_ws"] = {{}, &bind_concat, {}};
}

}  // namespace eddy::engine::fns
