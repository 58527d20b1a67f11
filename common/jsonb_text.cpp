#include "common/jsonb_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "common/error.h"
#include "common/utf8_encode.h"

namespace eddy {

namespace {

constexpr int kMaxDepth = 1000;
constexpr size_t kMaxNumberDigits = 200000;  // beyond NUMERIC's 131072 + 16383 digits anyway

// A parsed value, kept as the canonical text of its scalars so that writing is a concatenation.
struct Node {
  enum class Kind { Scalar, Array, Object } kind = Kind::Scalar;
  std::string text;                                  // Scalar: canonical text
  std::vector<std::unique_ptr<Node>> items;          // Array
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> members;  // Object: unescaped key
};

class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) {}

  std::unique_ptr<Node> document() {
    skip_space();
    auto v = value(0);
    skip_space();
    if (pos_ < in_.size()) fail("Expected end of input, but found \"" + token_at(pos_) + "\".");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& detail, const char* state = sqlstate::kInvalidTextRepresentation,
                         const char* message = "invalid input syntax for type json") const {
    throw SqlError(state, message).with_detail(detail);
  }
  [[noreturn]] void ended() const { fail("The input string ended unexpectedly."); }

  // The text PostgreSQL's lexer would call the token at `at`: a run of letters, digits and
  // '_' / '-' / '+' / '.' (or one other character).
  std::string token_at(size_t at) const {
    size_t end = at;
    auto word = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' || c == '.' ||
             (static_cast<unsigned char>(c) & 0x80);
    };
    while (end < in_.size() && word(in_[end])) ++end;
    if (end == at) end = std::min(in_.size(), at + 1);
    return std::string(in_.substr(at, end - at));
  }

  void skip_space() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }

  std::unique_ptr<Node> value(int depth) {
    if (depth > kMaxDepth) fail("JSON nesting is too deep.", "54001", "stack depth limit exceeded");
    if (pos_ >= in_.size()) ended();
    auto node = std::make_unique<Node>();
    const char c = in_[pos_];
    if (c == '{') {
      node->kind = Node::Kind::Object;
      ++pos_;
      skip_space();
      if (pos_ < in_.size() && in_[pos_] == '}') {
        ++pos_;
        return node;
      }
      for (;;) {
        skip_space();
        if (pos_ >= in_.size()) ended();
        if (in_[pos_] != '"') fail("Expected string, but found \"" + token_at(pos_) + "\".");
        std::string key = string_body();
        skip_space();
        if (pos_ >= in_.size()) ended();
        if (in_[pos_] != ':') fail("Expected \":\", but found \"" + token_at(pos_) + "\".");
        ++pos_;
        skip_space();
        node->members.emplace_back(std::move(key), value(depth + 1));
        skip_space();
        if (pos_ >= in_.size()) ended();
        if (in_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (in_[pos_] == '}') {
          ++pos_;
          return node;
        }
        fail("Expected \",\" or \"}\", but found \"" + token_at(pos_) + "\".");
      }
    }
    if (c == '[') {
      node->kind = Node::Kind::Array;
      ++pos_;
      skip_space();
      if (pos_ < in_.size() && in_[pos_] == ']') {
        ++pos_;
        return node;
      }
      for (;;) {
        skip_space();
        node->items.push_back(value(depth + 1));
        skip_space();
        if (pos_ >= in_.size()) ended();
        if (in_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (in_[pos_] == ']') {
          ++pos_;
          return node;
        }
        fail("Expected \",\" or \"]\", but found \"" + token_at(pos_) + "\".");
      }
    }
    if (c == '"') {
      node->text = quote(string_body());
      return node;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      node->text = number();
      return node;
    }
    for (const char* literal : {"true", "false", "null"}) {
      std::string_view l(literal);
      if (in_.substr(pos_, l.size()) == l && token_at(pos_) == l) {
        pos_ += l.size();
        node->text = std::string(l);
        return node;
      }
    }
    if (c == '}' || c == ']' || c == ',' || c == ':')
      fail("Expected JSON value, but found \"" + std::string(1, c) + "\".");
    fail("Token \"" + token_at(pos_) + "\" is invalid.");
  }

  unsigned hex4() {
    if (pos_ + 4 > in_.size()) fail("\"\\u\" must be followed by four hexadecimal digits.");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = in_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= unsigned(h - '0');
      else if (h >= 'a' && h <= 'f') v |= unsigned(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= unsigned(h - 'A' + 10);
      else fail("\"\\u\" must be followed by four hexadecimal digits.");
    }
    return v;
  }

  // At an opening quote: returns the unescaped string and moves past the closing quote.
  std::string string_body() {
    ++pos_;
    std::string out;
    for (;;) {
      if (pos_ >= in_.size()) ended();
      const char c = in_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(c));
        fail(std::string("Character with value ") + hex + " must be escaped.");
      }
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= in_.size()) ended();
      const char e = in_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (pos_ + 2 > in_.size() || in_[pos_] != '\\' || in_[pos_ + 1] != 'u')
              fail("Unicode low surrogate must follow a high surrogate.");
            pos_ += 2;
            uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("Unicode low surrogate must follow a high surrogate.");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("Unicode low surrogate must follow a high surrogate.");
          } else if (cp == 0) {
            fail("\\u0000 cannot be converted to text.", "22P05", "unsupported Unicode escape sequence");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail("Escape sequence \"\\" + token_at(pos_ - 1) + "\" is invalid.");
      }
    }
  }

  // A JSON number as NUMERIC prints it: exponent applied, scale kept, no negative zero.
  std::string number() {
    const size_t start = pos_;
    bool negative = false;
    if (in_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') ++pos_;
      return std::string(in_.substr(from, pos_ - from));
    };
    auto invalid = [&] { fail("Token \"" + token_at(start) + "\" is invalid."); };
    std::string whole = digits();
    if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) invalid();
    std::string fraction;
    if (pos_ < in_.size() && in_[pos_] == '.') {
      ++pos_;
      fraction = digits();
      if (fraction.empty()) invalid();
    }
    int64_t exponent = 0;
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
      ++pos_;
      bool minus = false;
      if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-')) minus = in_[pos_++] == '-';
      std::string e = digits();
      if (e.empty()) invalid();
      if (e.size() > 7)
        throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
      exponent = std::stoll(e) * (minus ? -1 : 1);
    }
    if (pos_ < in_.size() && (std::isalpha(static_cast<unsigned char>(in_[pos_])) || in_[pos_] == '_')) invalid();

    const std::string all = whole + fraction;
    const int64_t point = static_cast<int64_t>(whole.size()) + exponent;  // digits before the point
    const int64_t scale = std::max<int64_t>(0, static_cast<int64_t>(fraction.size()) - exponent);
    if (std::max<int64_t>(point, 0) + scale > static_cast<int64_t>(kMaxNumberDigits))
      throw SqlError(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    std::string int_part, frac_part;
    if (point <= 0) {
      frac_part = std::string(static_cast<size_t>(-point), '0') + all;
    } else if (point >= static_cast<int64_t>(all.size())) {
      int_part = all + std::string(static_cast<size_t>(point) - all.size(), '0');
    } else {
      int_part = all.substr(0, static_cast<size_t>(point));
      frac_part = all.substr(static_cast<size_t>(point));
    }
    frac_part.resize(static_cast<size_t>(scale), '0');  // exactly `scale` digits
    size_t nz = int_part.find_first_not_of('0');
    int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
    const bool zero = int_part == "0" && frac_part.find_first_not_of('0') == std::string::npos;
    std::string out = (negative && !zero) ? "-" : "";
    out += int_part;
    if (!frac_part.empty()) out += "." + frac_part;
    return out;
  }

  std::string_view in_;
  size_t pos_ = 0;

 public:
  static std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned char>(c));
            out += hex;
          } else {
            out.push_back(c);
          }
      }
    }
    out.push_back('"');
    return out;
  }
};

// jsonb's key order: shorter keys first, then bytewise.
bool key_less(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void write(const Node& n, std::string& out) {
  switch (n.kind) {
    case Node::Kind::Scalar: out += n.text; return;
    case Node::Kind::Array:
      out.push_back('[');
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out += ", ";
        write(*n.items[i], out);
      }
      out.push_back(']');
      return;
    case Node::Kind::Object: {
      // Stable sort keeps duplicates in input order; the last of each run wins.
      std::vector<const std::pair<std::string, std::unique_ptr<Node>>*> members;
      for (const auto& m : n.members) members.push_back(&m);
      std::stable_sort(members.begin(), members.end(),
                       [](const auto* a, const auto* b) { return key_less(a->first, b->first); });
      out.push_back('{');
      bool first = true;
      for (size_t i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members[i + 1]->first == members[i]->first) continue;
        if (!first) out += ", ";
        first = false;
        out += Parser::quote(members[i]->first);
        out += ": ";
        write(*members[i]->second, out);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

std::string canonical_jsonb(std::string_view json) {
  Parser parser(json);
  std::unique_ptr<Node> root = parser.document();
  std::string out;
  out.reserve(json.size());
  write(*root, out);
  return out;
}

}  // namespace eddy
