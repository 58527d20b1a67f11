#pragma once
// The options of COPY's text and CSV formats, as PostgreSQL defines them. The server builds one
// from the COPY statement; copy_splitter.h and copy_format.h read it.

#include <string>
#include <vector>

namespace eddy::protocol {

enum class CopyFormat { Text, Csv };

struct CopyOptions {
  CopyFormat format = CopyFormat::Text;
  char delimiter = '\t';
  std::string null_string = "\\N";
  // CSV only.
  char quote = '"';
  char escape = '"';
  // CSV only, indexed by column (shorter vectors mean false for the rest).
  std::vector<bool> force_quote;     // COPY TO: quote every non-NULL value of these columns
  std::vector<bool> force_not_null;  // COPY FROM: an unquoted null string is that string, not NULL
  std::vector<bool> force_null;      // COPY FROM: a quoted null string is NULL here too

  static CopyOptions text() { return CopyOptions{}; }
  static CopyOptions csv() {
    CopyOptions o;
    o.format = CopyFormat::Csv;
    o.delimiter = ',';
    o.null_string = "";
    return o;
  }
  bool csv_mode() const { return format == CopyFormat::Csv; }
};

inline bool column_flag(const std::vector<bool>& flags, size_t column) {
  return column < flags.size() && flags[column];
}

// Rejects what PostgreSQL rejects: a delimiter or quote that is a newline or carriage return,
// quote equal to delimiter, a text-format delimiter that is a backslash, a letter or digit or
// '.', a null string containing the delimiter or a newline. Throws SqlError 22023.
void validate_copy_options(const CopyOptions& o);

}  // namespace eddy::protocol
