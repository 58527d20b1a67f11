#pragma once
// One COPY record to fields and back, in PostgreSQL's text and CSV formats. Records come from
// CopyRecordSplitter (copy_splitter.h), without their line terminator.
//
// Text format: fields split at the delimiter (tab by default). A backslash escapes: \b \f \n \r
//   \t \v, \ooo (1-3 octal digits), \xhh (1-2 hex digits), and any other byte stands for itself
//   (\\ is a backslash, \<delimiter> a delimiter in the data). A field whose raw text equals the
//   null string (\N) is NULL.
// CSV: fields split at the delimiter (comma) outside quotes; inside quotes the escape character
//   (default: the quote) before a quote or an escape stands for that character, so "a""b" is
//   a"b. An unquoted field equal to the null string (default: empty) is NULL; a quoted one never
//   is (unless FORCE_NULL). HEADER lines are the caller's to skip.
//
// Errors: SqlError 22P04 "COPY line N: unterminated CSV quoted field"; 22021 for invalid UTF-8
// after unescaping, also naming the line.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"
#include "protocol/copy_options.h"

namespace eddy::protocol {

// nullopt = NULL. Passed in and out so a loop over records reuses the strings' storage.
using CopyFields = std::vector<std::optional<std::string>>;

// Parses `record` into `fields` (resized to the number of fields found). `line` is the record
// number for error messages (CopyRecordSplitter::line()).
void parse_copy_record(std::string_view record, const CopyOptions& options, int64_t line,
                       CopyFields& fields);

// Appends one line (with "\n") made of `fields` (nullopt = NULL) to `out`.
void format_copy_record(std::string& out, std::span<const std::optional<std::string_view>> fields,
                        const CopyOptions& options);
// Appends one line for row `row` of `columns`, formatting each value as PostgreSQL's text output.
void format_copy_record(std::string& out, std::span<const Column> columns, size_t row,
                        const CopyOptions& options);

// Appends one field, escaped or quoted for `options` (no delimiter, no newline). `single_column`
// matters for CSV only: a lone "\." is then quoted so it cannot read as the end marker.
void append_copy_field(std::string& out, std::string_view value, const CopyOptions& options,
                       size_t column, bool single_column);

}  // namespace eddy::protocol
