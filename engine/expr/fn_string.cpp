// String functions, part one: case, length, substr/substring, position/strpos, replace,
// reverse, md5, starts_with, repeat, ascii, chr, and the || operator. Lengths and positions
// count UTF-8 characters; octet_length counts bytes.
#include <openssl/evp.h>

#include "engine/expr/cast_kernels.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/names.h"
#include "engine/expr/operators.h"
#include "engine/expr/text_case.h"
#include "engine/expr/utf8.h"

namespace eddy::engine {
namespace fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

template <class F>  // f(const std::string& in, std::string& out)
void map_text(const KArgs& args, size_t rows, Column& out, F f) {
  auto a = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (!is_null_at(nulls, i)) f(a[i], o[i]);
  }
}

template <class F>  // f(const std::string& in) -> int64_t
void map_text_int(const KArgs& args, size_t rows, Column& out, F f) {
  auto a = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = is_null_at(nulls, i) ? 0 : f(a[i]);
}

void k_lower(const KArgs& a, size_t r, Column& o) { map_text(a, r, o, [](const std::string& s, std::string& d) { text::to_lower(s, d); }); }
void k_upper(const KArgs& a, size_t r, Column& o) { map_text(a, r, o, [](const std::string& s, std::string& d) { text::to_upper(s, d); }); }
void k_initcap(const KArgs& a, size_t r, Column& o) {
  map_text(a, r, o, [](const std::string& s, std::string& d) { text::to_initcap(s, d); });
}
void k_length(const KArgs& a, size_t r, Column& o) {
  map_text_int(a, r, o, [](const std::string& s) { return static_cast<int64_t>(utf8::count(s)); });
}
void k_octet_length(const KArgs& a, size_t r, Column& o) {
  map_text_int(a, r, o, [](const std::string& s) { return static_cast<int64_t>(s.size()); });
}
void k_ascii(const KArgs& a, size_t r, Column& o) {
  map_text_int(a, r, o, [](const std::string& s) {
    size_t i = 0;
    return s.empty() ? int64_t{0} : static_cast<int64_t>(utf8::decode(s, i));
  });
}
void k_reverse(const KArgs& a, size_t r, Column& o) {
  map_text(a, r, o, [](const std::string& s, std::string& d) {
    d.clear();
    d.reserve(s.size());
    size_t end = s.size();
    while (end > 0) {
      size_t start = end - 1;
      while (start > 0 && utf8::is_continuation(s[start])) --start;
      d.append(s, start, end - start);
      end = start;
    }
  });
}

void k_md5(const KArgs& a, size_t r, Column& o) {
  map_text(a, r, o, [](const std::string& s, std::string& d) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(s.data(), s.size(), digest, &len, EVP_md5(), nullptr) != 1) {
      throw SqlError(sqlstate::kInternalError, "could not compute MD5 hash");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    d.resize(2 * len);
    for (unsigned int k = 0; k < len; ++k) {
      d[2 * k] = kHex[digest[k] >> 4];
      d[2 * k + 1] = kHex[digest[k] & 15];
    }
  });
}

void k_chr(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const int64_t cp = a[i];
    if (cp == 0) throw SqlError(sqlstate::kProgramLimitExceeded, "null character not permitted");
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw SqlError(sqlstate::kProgramLimitExceeded, "requested character too large for encoding: " + std::to_string(cp));
    }
    o[i].clear();
    utf8::encode(static_cast<uint32_t>(cp), o[i]);
  }
}

// PostgreSQL's text_substring: characters [from, from + count), from 1-based and clamped to 1.
template <bool kHasCount>
void k_substr(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows);
  auto from = ints(*args[1], rows);
  In<int64_t> count{};
  if (kHasCount) count = ints(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    int64_t start = from[i], end = INT64_MAX;
    if (kHasCount) {
      if (count[i] < 0) throw SqlError("22011", "negative substring length not allowed");
      if (__builtin_add_overflow(start, count[i], &end)) end = INT64_MAX;
    }
    start = std::max<int64_t>(start, 1);
    if (end <= start) {
      o[i].clear();
      continue;
    }
    const std::string& str = s[i];
    const size_t b = utf8::offset_of(str, static_cast<size_t>(start - 1));
    const size_t e = end == INT64_MAX ? str.size() : b + utf8::offset_of(std::string_view(str).substr(b), static_cast<size_t>(end - start));
    o[i].assign(str, b, e - b);
  }
}

// strpos(s, sub) and position(sub IN s) (kSubFirst): 1-based character index, 0 when absent.
template <bool kSubFirst>
void k_strpos(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[kSubFirst ? 1 : 0], rows), sub = strings(*args[kSubFirst ? 0 : 1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const size_t pos = s[i].find(sub[i]);
    o[i] = pos == std::string::npos ? 0 : static_cast<int64_t>(utf8::count(std::string_view(s[i]).substr(0, pos))) + 1;
  }
}

void k_replace(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), from = strings(*args[1], rows), to = strings(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string& str = s[i];
    const std::string& f = from[i];
    std::string& d = o[i];
    d.clear();
    if (f.empty()) {
      d = str;
      continue;
    }
    size_t at = 0;
    for (size_t hit; (hit = str.find(f, at)) != std::string::npos; at = hit + f.size()) {
      d.append(str, at, hit - at);
      d.append(to[i]);
    }
    d.append(str, at, std::string::npos);
  }
}

void k_starts_with(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), p = strings(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  for (size_t i = 0; i < rows; ++i) o[i] = s[i].compare(0, p[i].size(), p[i]) == 0 ? 1 : 0;
}

void k_repeat(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows);
  auto n = ints(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const int64_t times = std::max<int64_t>(n[i], 0);
    if (times > 0 && s[i].size() > (size_t{1} << 30) / static_cast<size_t>(times)) {
      throw SqlError(sqlstate::kProgramLimitExceeded, "requested length too large");
    }
    o[i].clear();
    o[i].reserve(s[i].size() * static_cast<size_t>(times));
    for (int64_t k = 0; k < times; ++k) o[i].append(s[i]);
  }
}

void k_concat2(const KArgs& args, size_t rows, Column& out) {
  auto a = strings(*args[0], rows), b = strings(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  auto& o = out.strings();
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    o[i].reserve(a[i].size() + b[i].size());
    o[i].assign(a[i]).append(b[i]);
  }
}

bool is_text(Type t) { return t.id == TypeId::Text || t.id == TypeId::Varchar; }

}  // namespace

void register_string(Registry& r) {
  const Type t = Type::text(), i4 = Type::int32(), b = Type::boolean();
  r["lower"] = {{sig({t}, t, &k_lower)}, nullptr, {}};
  r["upper"] = {{sig({t}, t, &k_upper)}, nullptr, {}};
  r["initcap"] = {{sig({t}, t, &k_initcap)}, nullptr, {}};
  r["length"] = {{sig({t}, i4, &k_length)}, nullptr, {}};
  r["char_length"] = r["length"];
  r["character_length"] = r["length"];
  r["octet_length"] = {{sig({t}, i4, &k_octet_length)}, nullptr, {}};
  r["ascii"] = {{sig({t}, i4, &k_ascii)}, nullptr, {}};
  r["chr"] = {{sig({i4}, t, &k_chr)}, nullptr, {}};
  r["reverse"] = {{sig({t}, t, &k_reverse)}, nullptr, {}};
  r["md5"] = {{sig({t}, t, &k_md5)}, nullptr, {}};
  r["substr"] = {{sig({t, i4}, t, &k_substr<false>), sig({t, i4, i4}, t, &k_substr<true>)}, nullptr, {}};
  r["substring"] = r["substr"];
  r["strpos"] = {{sig({t, t}, i4, &k_strpos<false>)}, nullptr, {}};
  r["position"] = {{sig({t, t}, i4, &k_strpos<true>)}, nullptr, {}};
  r["replace"] = {{sig({t, t, t}, t, &k_replace)}, nullptr, {}};
  r["starts_with"] = {{sig({t, t}, b, &k_starts_with)}, nullptr, {}};
  r["repeat"] = {{sig({t, i4}, t, &k_repeat)}, nullptr, {}};
}

}  // namespace fns

namespace ops {

BoundExprPtr bind_concat_operator(Args& args, int position) {
  const bool l = fns::is_text(args[0]->type), r = fns::is_text(args[1]->type);
  if (!l && !r) return nullptr;
  for (auto& a : args) {
    if (fns::is_text(a->type)) continue;
    const int pos = a->position;
    std::vector<BoundExprPtr> kids;
    kids.push_back(std::move(a));
    a = bind::make_call(std::string(names::kImplicitCast), Type::text(), &casts::to_text_explicit, std::move(kids), pos);
  }
  return bind::make_call("||", Type::text(), &fns::k_concat2, std::move(args), position);
}

}  // namespace ops
}  // namespace eddy::engine
