#include "protocol/copy_splitter.h"

#include <algorithm>

#include "common/error.h"

namespace eddy::protocol {

CopyRecordSplitter::CopyRecordSplitter(CopyOptions options, size_t max_record_bytes)
    : options_(std::move(options)), max_record_bytes_(max_record_bytes) {}

void CopyRecordSplitter::fail(const std::string& message, const std::string& hint) const {
  SqlError e(sqlstate::kBadCopyFileFormat, "COPY line " + std::to_string(line_ + 1) + ": " + message);
  if (!hint.empty()) e.with_hint(hint);
  throw e;
}

void CopyRecordSplitter::feed(std::string_view chunk) {
  if (start_ > 0 && (start_ == buf_.size() || start_ * 2 >= buf_.size())) {
    buf_.erase(0, start_);
    scan_ -= start_;
    start_ = 0;
  }
  buf_.append(chunk);
}

void CopyRecordSplitter::finish() { finished_ = true; }

void CopyRecordSplitter::check_eol(Eol found) {
  const bool csv = options_.csv_mode();
  if (eol_ == Eol::Unknown) {
    eol_ = found;
    return;
  }
  if (found == eol_) return;
  if (found == Eol::NL || (eol_ == Eol::CR && found == Eol::CRNL))
    fail(csv ? "unquoted newline found in data" : "literal newline found in data",
         csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.");
  fail(csv ? "unquoted carriage return found in data" : "literal carriage return found in data",
       csv ? "Use quoted CSV field to represent carriage return."
           : "Use \"\\r\" to represent carriage return.");
}

std::optional<std::string_view> CopyRecordSplitter::take(size_t end, size_t next_start) {
  std::string_view record(buf_.data() + start_, end - start_);
  start_ = scan_ = next_start;
  in_quote_ = false;
  last_was_escape_ = false;
  if (record == "\\.") {
    ended_ = true;
    return std::nullopt;
  }
  if (!options_.csv_mode() && record.starts_with("\\."))
    fail("end-of-copy marker is not alone on its line");
  ++line_;
  return record;
}

std::optional<std::string_view> CopyRecordSplitter::next() {
  if (ended_) return std::nullopt;
  const bool csv = options_.csv_mode();
  // An escape equal to the quote is just the quote toggling twice (PostgreSQL ignores it here).
  const char quote = options_.quote;
  const bool has_escape = options_.escape != quote;
  const char escape = options_.escape;
  const size_t size = buf_.size();
  size_t i = scan_;
  while (i < size) {
    char c = buf_[i];
    if (!csv) {
      if (c == '\\') {
        if (i + 1 >= size && !finished_) break;  // the escaped byte has not arrived
        i += 2;
        continue;
      }
    } else {
      const bool is_escape = has_escape && c == escape;
      if (in_quote_ && is_escape) last_was_escape_ = !last_was_escape_;
      if (c == quote && !last_was_escape_) in_quote_ = !in_quote_;
      if (!is_escape) last_was_escape_ = false;
      if (in_quote_) {
        ++i;
        continue;
      }
    }
    if (c == '\n') {
      check_eol(Eol::NL);
      return take(i, i + 1);
    }
    if (c == '\r') {
      if (eol_ == Eol::NL) check_eol(Eol::CR);
      if (eol_ == Eol::CR) return take(i, i + 1);
      if (i + 1 >= size && !finished_) break;  // is it "\r\n"? wait for the next byte
      bool crnl = i + 1 < size && buf_[i + 1] == '\n';
      check_eol(crnl ? Eol::CRNL : Eol::CR);
      return take(i, i + (crnl ? 2 : 1));
    }
    ++i;
  }
  scan_ = std::min(i, size);
  if (scan_ - start_ > max_record_bytes_)
    throw SqlError(sqlstate::kProgramLimitExceeded,
                   "COPY line " + std::to_string(line_ + 1) + ": record longer than " +
                       std::to_string(max_record_bytes_) + " bytes");
  if (!finished_ || start_ == size) return std::nullopt;
  if (csv && in_quote_) fail("unterminated CSV quoted field");
  return take(size, size);
}

}  // namespace eddy::protocol
