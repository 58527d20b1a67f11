#include "tests/slt/slt_record.h"

#include <cctype>
#include <charconv>
#include <sstream>

namespace eddy::slt {

namespace {

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool parse_long(const std::string& s, long& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool is_sqlstate(const std::string& s) {
  if (s.size() != 5) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

bool is_blank(const std::string& line) {
  for (char c : line) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Walks the file's lines; one Parser per file.
class Parser {
 public:
  explicit Parser(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(std::move(line));
    }
  }

  // Parses records up to the end of the file (in_loop false) or up to the matching `endloop`.
  bool parse(std::vector<Record>& out, bool in_loop, int loop_line) {
    for (;;) {
      while (pos_ < lines_.size() && (is_blank(lines_[pos_]) || lines_[pos_][0] == '#')) ++pos_;
      if (pos_ >= lines_.size()) {
        if (in_loop) return fail(loop_line, "loop without endloop");
        return true;
      }
      int line_no = static_cast<int>(pos_) + 1;
      std::string header = lines_[pos_++];
      std::vector<std::string> words = split_words(header);  // not empty: the line is not blank
      const std::string& cmd = words[0];
      if (cmd == "endloop") {
        if (!in_loop) return fail(line_no, "endloop without loop");
        return true;
      }
      Record r;
      r.line = line_no;
      if (cmd == "statement") {
        if (!parse_statement(words, header, r)) return false;
      } else if (cmd == "query") {
        if (!parse_query(words, r)) return false;
      } else if (cmd == "copy") {
        if (words.size() >= 5 && words[words.size() - 2] == "error") {
          if (!is_sqlstate(words.back())) return fail(line_no, "'" + words.back() + "' is not a SQLSTATE");
          r.sqlstate = words.back();
          words.resize(words.size() - 2);
        }
        if (words.size() < 3 || (words.back() != "csv" && words.back() != "text")) {
          return fail(line_no, "expected: copy <table> <csv|text> [error <SQLSTATE>]");
        }
        r.kind = RecordKind::Copy;
        r.copy_format = words.back();
        for (size_t i = 1; i + 1 < words.size(); ++i) r.copy_target += (i > 1 ? " " : "") + words[i];
        r.copy_data = block();
      } else if (cmd == "sleep") {
        if (!parse_sleep(words, r)) return false;
      } else if (cmd == "loop") {
        r.kind = RecordKind::Loop;
        if (words.size() != 4 || !parse_long(words[2], r.loop_from) || !parse_long(words[3], r.loop_to)) {
          return fail(line_no, "expected: loop <var> <from> <to>");
        }
        r.name = words[1];
        if (!parse(r.body, true, line_no)) return false;
      } else if (cmd == "connection") {
        if (words.size() != 2) return fail(line_no, "expected: connection <name>");
        r.kind = RecordKind::Connection;
        r.name = words[1];
      } else if (cmd == "halt") {
        r.kind = RecordKind::Halt;
      } else {
        return fail(line_no, "unknown record type '" + cmd + "'");
      }
      out.push_back(std::move(r));
    }
  }

  ParseError error;

 private:
  bool fail(int line, std::string message) {
    error = {line, std::move(message)};
    return false;
  }

  // The lines from the current one up to a blank line, an `endloop` line or the end of the file
  // (or a "----" line when stop_at_dashes).
  std::vector<std::string> block(bool stop_at_dashes = false) {
    std::vector<std::string> out;
    while (pos_ < lines_.size() && !is_blank(lines_[pos_]) && lines_[pos_] != "endloop") {
      if (stop_at_dashes && lines_[pos_] == "----") break;
      out.push_back(lines_[pos_++]);
    }
    return out;
  }

  static std::string join(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += (s.empty() ? "" : "\n") + l;
    return s;
  }

  bool parse_statement(const std::vector<std::string>& words, const std::string& header, Record& r) {
    if (words.size() == 2 && words[1] == "ok") {
      r.kind = RecordKind::StatementOk;
    } else if (words.size() >= 2 && words[1] == "error") {
      r.kind = RecordKind::StatementError;
      if (words.size() >= 3) {
        if (!is_sqlstate(words[2])) {
          return fail(r.line, "'" + words[2] + "' is not a SQLSTATE (5 characters, 0-9 A-Z)");
        }
        r.sqlstate = words[2];
        size_t at = header.find(words[2]) + words[2].size();
        while (at < header.size() && std::isspace(static_cast<unsigned char>(header[at]))) ++at;
        r.message = header.substr(at);
      }
    } else {
      return fail(r.line, "expected: statement ok | statement error [SQLSTATE [message]]");
    }
    r.sql = join(block());
    if (r.sql.empty()) return fail(r.line, "statement without SQL");
    return true;
  }

  bool parse_query(const std::vector<std::string>& words, Record& r) {
    r.kind = RecordKind::Query;
    if (words.size() < 2) return fail(r.line, "expected: query <types> [rowsort|nosort] [retry] [params ...]");
    r.types = words[1];
    for (char c : r.types) {
      if (c != 'I' && c != 'T' && c != 'R' && c != 'B') {
        return fail(r.line, std::string("unknown column type '") + c + "' (use I, T, R or B)");
      }
    }
    for (size_t i = 2; i < words.size(); ++i) {
      if (words[i] == "params") {
        r.has_params = true;
        for (++i; i < words.size(); ++i) {
          if (words[i] == "NULL") r.params.emplace_back(std::nullopt);
          else r.params.emplace_back(words[i] == "(empty)" ? std::string() : words[i]);
        }
        break;
      }
      if (words[i] == "rowsort") {
        r.sort = SortMode::Rows;
      } else if (words[i] == "nosort") {
        r.sort = SortMode::None;
      } else if (words[i] != "retry") {  // every query retries; the word is accepted for clarity
        return fail(r.line, "unknown query option '" + words[i] + "'");
      }
    }
    r.sql = join(block(true));
    if (r.sql.empty()) return fail(r.line, "query without SQL");
    if (pos_ < lines_.size() && lines_[pos_] == "----") {
      ++pos_;
      r.expected = block();
    }
    return true;
  }

  bool parse_sleep(const std::vector<std::string>& words, Record& r) {
    r.kind = RecordKind::Sleep;
    std::string arg = words.size() >= 2 ? words[1] : "";
    std::string unit = words.size() >= 3 ? words[2] : "";
    long scale = 1;
    auto ends_with = [](const std::string& s, const std::string& suffix) {
      return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with(arg, "ms")) {
      arg.resize(arg.size() - 2);
    } else if (ends_with(arg, "s")) {
      arg.resize(arg.size() - 1);
      scale = 1000;
    }
    if (unit == "s" || unit == "second" || unit == "seconds") scale = 1000;
    long value = 0;
    if (words.size() > 3 || !parse_long(arg, value) || value < 0) {
      return fail(r.line, "expected: sleep <milliseconds> (or 100ms, 2s)");
    }
    r.sleep_ms = static_cast<int>(value * scale);
    return true;
  }

  std::vector<std::string> lines_;
  size_t pos_ = 0;
};

}  // namespace

bool parse_slt(const std::string& text, std::vector<Record>& records, ParseError& error) {
  Parser parser(text);
  bool ok = parser.parse(records, false, 0);
  if (!ok) error = parser.error;
  return ok;
}

std::string substitute(std::string text, const std::vector<std::pair<std::string, long>>& vars) {
  for (const auto& [name, value] : vars) {
    std::string key = "${" + name + "}";
    std::string replacement = std::to_string(value);
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + replacement.size())) {
      text.replace(at, key.size(), replacement);
    }
  }
  return text;
}

}  // namespace eddy::slt
