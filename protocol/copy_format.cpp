#include "protocol/copy_format.h"

#include "common/error.h"
#include "common/value_text.h"
#include "protocol/utf8.h"

namespace eddy::protocol {

namespace {

[[noreturn]] void fail(int64_t line, const char* sqlstate, const std::string& message) {
  throw SqlError(sqlstate, "COPY line " + std::to_string(line) + ": " + message);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Returns the slot for field `n`, engaged and empty, reusing its storage.
std::string& slot(CopyFields& fields, size_t n) {
  if (n == fields.size()) fields.emplace_back();
  if (!fields[n]) fields[n].emplace();
  fields[n]->clear();
  return *fields[n];
}

void check_field_utf8(const std::string& v, int64_t line) {
  if (is_valid_utf8(v)) return;
  try {
    check_utf8(v);
  } catch (const SqlError& e) {
    fail(line, kCharacterNotInRepertoire, e.message());
  }
}

void parse_text(std::string_view rec, const CopyOptions& o, int64_t line, CopyFields& fields) {
  size_t n = 0, pos = 0;
  const size_t len = rec.size();
  while (true) {
    size_t start = pos;
    std::string& value = slot(fields, n);
    bool last = true;
    while (pos < len) {
      char c = rec[pos++];
      if (c == o.delimiter) {
        last = false;
        break;
      }
      if (c != '\\') {
        value.push_back(c);
        continue;
      }
      if (pos >= len) break;  // a trailing backslash is dropped, as PostgreSQL does
      c = rec[pos++];
      switch (c) {
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          int v = c - '0';
          for (int k = 0; k < 2 && pos < len && rec[pos] >= '0' && rec[pos] <= '7'; ++k)
            v = v * 8 + (rec[pos++] - '0');
          c = static_cast<char>(v & 0xff);
          break;
        }
        case 'x':
          if (pos < len && hex_value(rec[pos]) >= 0) {
            int v = hex_value(rec[pos++]);
            if (pos < len && hex_value(rec[pos]) >= 0) v = v * 16 + hex_value(rec[pos++]);
            c = static_cast<char>(v);
          }
          break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        default: break;  // the byte itself
      }
      value.push_back(c);
    }
    size_t raw_end = last ? pos : pos - 1;
    if (rec.substr(start, raw_end - start) == o.null_string)
      fields[n].reset();
    else
      check_field_utf8(value, line);
    ++n;
    if (last) break;
  }
  fields.resize(n);
}

void parse_csv(std::string_view rec, const CopyOptions& o, int64_t line, CopyFields& fields) {
  size_t n = 0, pos = 0;
  const size_t len = rec.size();
  while (true) {
    size_t start = pos;
    std::string& value = slot(fields, n);
    bool last = true, saw_quote = false, in_quote = false;
    while (pos < len) {
      char c = rec[pos++];
      if (!in_quote) {
        if (c == o.delimiter) {
          last = false;
          break;
        }
        if (c == o.quote) {
          saw_quote = in_quote = true;
          continue;
        }
        value.push_back(c);
        continue;
      }
      if (c == o.escape && pos < len && (rec[pos] == o.quote || rec[pos] == o.escape)) {
        value.push_back(rec[pos++]);
        continue;
      }
      if (c == o.quote) {
        in_quote = false;
        continue;
      }
      value.push_back(c);
    }
    if (in_quote) fail(line, sqlstate::kBadCopyFileFormat, "unterminated CSV quoted field");
    size_t raw_end = last ? pos : pos - 1;
    bool matches_null = saw_quote ? value == o.null_string : rec.substr(start, raw_end - start) == o.null_string;
    bool is_null = saw_quote ? matches_null && column_flag(o.force_null, n)
                             : matches_null && !column_flag(o.force_not_null, n);
    if (is_null)
      fields[n].reset();
    else
      check_field_utf8(value, line);
    ++n;
    if (last) break;
  }
  fields.resize(n);
}

void append_text_field(std::string& out, std::string_view v, char delim) {
  for (char c : v) {
    char esc = 0;
    switch (c) {
      case '\b': esc = 'b'; break;
      case '\f': esc = 'f'; break;
      case '\n': esc = 'n'; break;
      case '\r': esc = 'r'; break;
      case '\t': esc = 't'; break;
      case '\v': esc = 'v'; break;
      case '\\': esc = '\\'; break;
      default: if (c == delim) esc = c; break;
    }
    if (esc) {
      out.push_back('\\');
      out.push_back(esc);
    } else {
      out.push_back(c);
    }
  }
}

void append_csv_field(std::string& out, std::string_view v, const CopyOptions& o, size_t column,
                      bool single_column) {
  bool quote = column_flag(o.force_quote, column) || v == o.null_string ||
               (single_column && v == "\\.");
  for (size_t i = 0; !quote && i < v.size(); ++i)
    quote = v[i] == o.delimiter || v[i] == o.quote || v[i] == '\n' || v[i] == '\r';
  if (!quote) {
    out.append(v);
    return;
  }
  out.push_back(o.quote);
  for (char c : v) {
    if (c == o.quote || c == o.escape) out.push_back(o.escape);
    out.push_back(c);
  }
  out.push_back(o.quote);
}

}  // namespace

void parse_copy_record(std::string_view record, const CopyOptions& options, int64_t line,
                       CopyFields& fields) {
  if (options.csv_mode())
    parse_csv(record, options, line, fields);
  else
    parse_text(record, options, line, fields);
}

void append_copy_field(std::string& out, std::string_view value, const CopyOptions& options,
                       size_t column, bool single_column) {
  if (options.csv_mode())
    append_csv_field(out, value, options, column, single_column);
  else
    append_text_field(out, value, options.delimiter);
}

void format_copy_record(std::string& out, std::span<const std::optional<std::string_view>> fields,
                        const CopyOptions& options) {
  for (size_t c = 0; c < fields.size(); ++c) {
    if (c > 0) out.push_back(options.delimiter);
    if (!fields[c])
      out.append(options.null_string);
    else
      append_copy_field(out, *fields[c], options, c, fields.size() == 1);
  }
  out.push_back('\n');
}

void format_copy_record(std::string& out, std::span<const Column> columns, size_t row,
                        const CopyOptions& options) {
  thread_local std::string text;  // one value's text; reused to spare an allocation per value
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out.push_back(options.delimiter);
    if (columns[c].is_null(row)) {
      out.append(options.null_string);
      continue;
    }
    text.clear();
    append_value_text(text, columns[c], row);
    append_copy_field(out, text, options, c, columns.size() == 1);
  }
  out.push_back('\n');
}

}  // namespace eddy::protocol
