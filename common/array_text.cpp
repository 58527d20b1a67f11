#include "common/array_text.h"

#include <cctype>

#include "common/error.h"

namespace eddy {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

[[noreturn]] void malformed(std::string_view text, const char* detail) {
  throw SqlError(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(text) + "\"")
      .with_detail(detail);
}

ArrayElements parse_vector(std::string_view text) {
  ArrayElements out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !is_blank(text[i])) ++i;
    if (i > start) out.emplace_back(std::string(text.substr(start, i - start)));
  }
  return out;
}

bool iequals_null(std::string_view s) {
  return s.size() == 4 && std::toupper(static_cast<unsigned char>(s[0])) == 'N' &&
         std::toupper(static_cast<unsigned char>(s[1])) == 'U' && std::toupper(static_cast<unsigned char>(s[2])) == 'L' &&
         std::toupper(static_cast<unsigned char>(s[3])) == 'L';
}

}  // namespace

ArrayElements parse_array_elements(std::string_view text, Type type) {
  if (type.id != TypeId::Array) return parse_vector(text);
  size_t i = 0;
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i == text.size() || text[i] != '{') malformed(text, "Array value must start with \"{\" or dimension information.");
  ++i;
  ArrayElements out;
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i < text.size() && text[i] == '}') {
    ++i;
  } else {
    for (;;) {
      while (i < text.size() && is_blank(text[i])) ++i;
      if (i == text.size()) malformed(text, "Unexpected end of input.");
      if (text[i] == '{') malformed(text, "Multidimensional arrays are not supported.");
      std::string element;
      bool quoted = false;
      if (text[i] == '"') {
        quoted = true;
        ++i;
        for (;;) {
          if (i == text.size()) malformed(text, "Unexpected end of input.");
          char c = text[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i == text.size()) malformed(text, "Unexpected end of input.");
            c = text[i++];
          }
          element.push_back(c);
        }
        while (i < text.size() && is_blank(text[i])) ++i;
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '}') {
          char c = text[i++];
          if (c == '"' || c == '{') malformed(text, "Unexpected array element.");
          if (c == '\\') {
            if (i == text.size()) malformed(text, "Unexpected end of input.");
            c = text[i++];
          }
          element.push_back(c);
        }
        while (!element.empty() && is_blank(element.back())) element.pop_back();
        if (element.empty()) malformed(text, "Unexpected \",\" character.");
      }
      if (!quoted && iequals_null(element)) out.emplace_back(std::nullopt);
      else out.emplace_back(std::move(element));
      if (i == text.size()) malformed(text, "Unexpected end of input.");
      if (text[i] == ',') { ++i; continue; }
      if (text[i] == '}') { ++i; break; }
      malformed(text, "Unexpected array element.");
    }
  }
  while (i < text.size() && is_blank(text[i])) ++i;
  if (i != text.size()) malformed(text, "Junk after closing right brace.");
  return out;
}

std::string format_array(const ArrayElements& elements, Type type) {
  std::string out;
  if (type.id != TypeId::Array) {
    for (const auto& e : elements) {
      if (!out.empty()) out.push_back(' ');
      out += e.value_or("0");
    }
    return out;
  }
  out.push_back('{');
  for (size_t k = 0; k < elements.size(); ++k) {
    if (k > 0) out.push_back(',');
    if (!elements[k]) {
      out += "NULL";
      continue;
    }
    const std::string& e = *elements[k];
    bool quote = e.empty() || iequals_null(e);
    for (char c : e)
      if (c == '"' || c == '\\' || c == ',' || c == '{' || c == '}' || is_blank(c)) quote = true;
    if (!quote) {
      out += e;
      continue;
    }
    out.push_back('"');
    for (char c : e) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

}  // namespace eddy
