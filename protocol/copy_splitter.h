#pragma once
// Cuts COPY FROM input, arriving as CopyData chunks split anywhere, into complete records.
//
// A record ends at an unescaped (text) or unquoted (CSV) newline: "\n", "\r" or "\r\n", the
// first record deciding which, as in PostgreSQL; a different one later is an error ("literal
// carriage return found in data", hint: Use "\r" to represent carriage return). In text format
// a backslash escapes the next byte, a newline included; in CSV a newline inside quotes is data.
// A record that is exactly "\." is the end-of-data marker: the splitter stops there and ignores
// everything after it.
//
// Records are numbered from 1 in arrival order (the header too, if any): that is the "line"
// PostgreSQL's errors name, even when a CSV record spans several physical lines.
//
// Errors: SqlError 22P04 bad_copy_file_format, message "COPY line N: ...". Not thread-safe.
//
//   CopyRecordSplitter s(options);
//   for each CopyData chunk:  s.feed(chunk); while (auto r = s.next()) handle(*r, s.line());
//   on CopyDone:              s.finish();    while (auto r = s.next()) handle(*r, s.line());

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/copy_options.h"

namespace eddy::protocol {

class CopyRecordSplitter {
 public:
  // `max_record_bytes` bounds a single record (PostgreSQL: 1 GB); beyond it next() throws 54000.
  explicit CopyRecordSplitter(CopyOptions options, size_t max_record_bytes = 0x3fffffff);

  // Appends a chunk. Invalidates the views previously returned by next().
  void feed(std::string_view chunk);
  // Declares the end of input: a last record without a line terminator becomes available, and
  // an open CSV quote is an error ("unterminated CSV quoted field").
  void finish();

  // The next complete record without its terminator, or nullopt when more input is needed or
  // the end marker was reached. The view is valid until the next feed().
  std::optional<std::string_view> next();

  // The number of the record last returned by next() (1-based).
  int64_t line() const { return line_; }
  // True once the "\." end marker was seen.
  bool at_end_marker() const { return ended_; }
  // Bytes buffered but not yet returned as records.
  size_t pending() const { return buf_.size() - start_; }

 private:
  enum class Eol { Unknown, NL, CR, CRNL };

  [[noreturn]] void fail(const std::string& message, const std::string& hint = "") const;
  void check_eol(Eol found);
  std::optional<std::string_view> take(size_t end, size_t next_start);

  CopyOptions options_;
  size_t max_record_bytes_;
  std::string buf_;
  size_t start_ = 0;  // first byte of the record being assembled
  size_t scan_ = 0;   // first byte not scanned yet
  bool in_quote_ = false;
  bool last_was_escape_ = false;
  Eol eol_ = Eol::Unknown;
  bool finished_ = false;
  bool ended_ = false;
  int64_t line_ = 0;
};

}  // namespace eddy::protocol
