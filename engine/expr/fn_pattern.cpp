// LIKE / ILIKE (and their negations) and the POSIX-style regex match operators.
//
// LIKE: `%` any run of characters, `_` exactly one (UTF-8) character, the escape character
// (backslash unless ESCAPE says otherwise; ESCAPE '' disables escaping) makes the next character
// literal. ILIKE lower-cases both sides first. NOT LIKE is bound as its own operator
// ("not like", "not ilike"), so callers need not wrap it in NOT.
//
// Regex: ~ ~* !~ !~* with std::regex's ECMAScript grammar (close to PostgreSQL's AREs for the
// usual patterns; no back-references across syntaxes). A constant pattern is compiled once per
// batch, a varying one again only when it changes from the previous row.
#include <regex>

// GCC 12 reports a false -Wmaybe-uninitialized inside libstdc++'s std::regex (std::function in
// its NFA states) when optimizing with sanitizers; the instantiations land in this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "common/error.h"
#include "engine/expr/binding.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/operators.h"
#include "engine/expr/text_case.h"
#include "engine/expr/utf8.h"

namespace eddy::engine::ops {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

constexpr const char* kInvalidEscape = "22025";

class LikePattern {
 public:
  void compile(std::string_view pattern, std::string_view escape) {
    if (escape.size() > 1 && utf8::count(escape) > 1) {
      throw SqlError(kInvalidEscape, "invalid escape string").with_hint("Escape string must be empty or one character.");
    }
    toks_.clear();
    size_t i = 0;
    while (i < pattern.size()) {
      const size_t n = utf8::char_bytes(pattern, i);
      const std::string_view ch = pattern.substr(i, n);
      i += n;
      if (!escape.empty() && ch == escape) {
        if (i >= pattern.size()) {  // an error only if matching gets this far, as in PostgreSQL
          toks_.push_back({Kind::TrailingEscape, {}});
          break;
        }
        const size_t m = utf8::char_bytes(pattern, i);
        literal(pattern.substr(i, m));
        i += m;
      } else if (ch == "%") {
        if (toks_.empty() || toks_.back().kind != Kind::Any) toks_.push_back({Kind::Any, {}});
      } else if (ch == "_") {
        toks_.push_back({Kind::One, {}});
      } else {
        literal(ch);
      }
    }
    classify();
  }

  bool match(std::string_view s) const {
    switch (shape_) {
      case Shape::Exact: return s == toks_[0].lit;
      case Shape::Prefix: return s.substr(0, toks_[0].lit.size()) == toks_[0].lit;
      case Shape::Suffix:
        return s.size() >= toks_[1].lit.size() && s.substr(s.size() - toks_[1].lit.size()) == toks_[1].lit;
      case Shape::Contains: return s.find(toks_[1].lit) != std::string_view::npos;
      case Shape::General: return match_general(s);
    }
    return false;
  }

 private:
  enum class Kind { Lit, One, Any, TrailingEscape };
  enum class Shape { Exact, Prefix, Suffix, Contains, General };
  struct Tok {
    Kind kind;
    std::string lit;
  };

  void literal(std::string_view ch) {
    if (toks_.empty() || toks_.back().kind != Kind::Lit) toks_.push_back({Kind::Lit, {}});
    toks_.back().lit.append(ch);
  }

  void classify() {
    auto is = [&](size_t i, Kind k) { return i < toks_.size() && toks_[i].kind == k; };
    shape_ = Shape::General;
    if (toks_.size() == 1 && is(0, Kind::Lit)) shape_ = Shape::Exact;
    if (toks_.size() == 2 && is(0, Kind::Lit) && is(1, Kind::Any)) shape_ = Shape::Prefix;
    if (toks_.size() == 2 && is(0, Kind::Any) && is(1, Kind::Lit)) shape_ = Shape::Suffix;
    if (toks_.size() == 3 && is(0, Kind::Any) && is(1, Kind::Lit) && is(2, Kind::Any)) shape_ = Shape::Contains;
  }

  // Greedy matching with backtracking to the last `%` only: linear in practice.
  bool match_general(std::string_view s) const {
    const size_t n = toks_.size();
    size_t t = 0, i = 0, star_t = std::string_view::npos, star_i = 0;
    while (i < s.size() || t < n) {
      if (t < n) {
        const Tok& tok = toks_[t];
        if (tok.kind == Kind::TrailingEscape && i < s.size()) {
          throw SqlError(kInvalidEscape, "LIKE pattern must not end with escape character");
        }
        if (tok.kind == Kind::Any) {
          star_t = t++;
          star_i = i;
          continue;
        }
        if (i < s.size() && tok.kind == Kind::One) {
          i += utf8::char_bytes(s, i);
          ++t;
          continue;
        }
        if (tok.kind == Kind::Lit && s.substr(i, tok.lit.size()) == tok.lit) {
          i += tok.lit.size();
          ++t;
          continue;
        }
      }
      if (star_t == std::string_view::npos || star_i >= s.size()) return false;
      star_i += utf8::char_bytes(s, star_i);
      i = star_i;
      t = star_t + 1;
    }
    return true;
  }

  std::vector<Tok> toks_;
  Shape shape_ = Shape::General;
};

template <bool kIcase, bool kNegated>
void like_kernel(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), p = strings(*args[1], rows);
  const bool has_escape = args.size() > 2;
  In<std::string> esc{};
  if (has_escape) esc = strings(*args[2], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  LikePattern pattern;
  std::string compiled_for, compiled_escape, folded, folded_pattern;
  bool compiled = false;
  const bool constant_pattern = p.constant() && (!has_escape || esc.constant());
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const std::string_view escape = has_escape ? std::string_view(esc[i]) : std::string_view("\\");
    if (!compiled || (!constant_pattern && (p[i] != compiled_for || escape != compiled_escape))) {
      if (kIcase) {
        text::to_lower(p[i], folded_pattern);
        pattern.compile(folded_pattern, escape);
      } else {
        pattern.compile(p[i], escape);
      }
      compiled_for = p[i];
      compiled_escape = escape;
      compiled = true;
    }
    bool m;
    if (kIcase) {
      text::to_lower(s[i], folded);
      m = pattern.match(folded);
    } else {
      m = pattern.match(s[i]);
    }
    o[i] = m != kNegated;
  }
}

template <bool kIcase, bool kNegated>
void regex_kernel(const KArgs& args, size_t rows, Column& out) {
  auto s = strings(*args[0], rows), p = strings(*args[1], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  std::regex re;
  std::string compiled_for;
  bool compiled = false;
  auto flags = std::regex::ECMAScript;
  if (kIcase) flags |= std::regex::icase;
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    if (!compiled || (!p.constant() && p[i] != compiled_for)) {
      try {
        re.assign(p[i], flags);
      } catch (const std::regex_error& err) {
        throw SqlError("2201B", std::string("invalid regular expression: ") + err.what());
      }
      compiled_for = p[i];
      compiled = true;
    }
    o[i] = std::regex_search(s[i], re) != kNegated;
  }
}

// name matches too (PostgreSQL's name ~~ text, name ~ text: psql's \d patterns match relname).
bool textual(const BoundExpr& e) {
  return bind::is_unknown(e) || e.type.id == TypeId::Text || e.type.id == TypeId::Varchar || e.type.id == TypeId::Name;
}

}  // namespace

BoundExprPtr bind_like(std::string_view op, Args& args, int position) {
  for (const auto& a : args) {
    if (!textual(*a)) return nullptr;
  }
  for (auto& a : args) a = bind::coerce_implicit(std::move(a), Type::text());
  ScalarFn fn = &like_kernel<false, false>;
  if (op == "ilike") fn = &like_kernel<true, false>;
  if (op == "not like") fn = &like_kernel<false, true>;
  if (op == "not ilike") fn = &like_kernel<true, true>;
  return bind::make_call(std::string(op), Type::boolean(), fn, std::move(args), position);
}

BoundExprPtr bind_regex(std::string_view op, Args& args, int position) {
  for (const auto& a : args) {
    if (!textual(*a)) return nullptr;
  }
  for (auto& a : args) a = bind::coerce_implicit(std::move(a), Type::text());
  ScalarFn fn = &regex_kernel<false, false>;
  if (op == "~*") fn = &regex_kernel<true, false>;
  if (op == "!~") fn = &regex_kernel<false, true>;
  if (op == "!~*") fn = &regex_kernel<true, true>;
  return bind::make_call(std::string(op), Type::boolean(), fn, std::move(args), position);
}

}  // namespace eddy::engine::ops
