#pragma once
// The records of a sqllogictest file, as eddy_slt reads them (format: tests/README.md).
//
//   statement ok                      SQL until a blank line; must not fail
//   statement error [SQLSTATE [msg]]  SQL until a blank line; must fail (with that SQLSTATE,
//                                     and a message containing msg)
//   query <types> [rowsort|nosort] [retry] [params <v1> <v2> ...]
//                                     SQL, "----", expected rows (TAB-separated) until a blank
//                                     line; retried until the rows match or the timeout passes.
//                                     A COPY ... TO STDOUT's rows are its data lines, split at TAB.
//                                     With params, the SQL is one statement, prepared once per
//                                     connection as a named statement (types left to the server)
//                                     and run with $1, $2, ... bound to the values as text (NULL
//                                     is NULL, (empty) the empty string): Bind/Describe/Execute
//   copy <table [(cols)]> <csv|text> [error <SQLSTATE>]
//                                     data lines until a blank line, sent with COPY FROM STDIN;
//                                     with `error`, the COPY must fail with that SQLSTATE
//   sleep <ms>                        (also "sleep 2s", "sleep 100ms")
//   loop <var> <from> <to>            records up to the matching endloop run with ${var} = from..to-1
//   connection <name>                 later records run on that named connection
//   halt                              stop the file here
//
// Lines starting with '#' between records are comments.

#include <optional>
#include <string>
#include <vector>

namespace eddy::slt {

enum class RecordKind { StatementOk, StatementError, Query, Copy, Sleep, Loop, Connection, Halt };

enum class SortMode { None, Rows };

struct Record {
  RecordKind kind = RecordKind::StatementOk;
  int line = 0;  // 1-based line of the record's header

  std::string sql;                     // StatementOk, StatementError, Query
  std::string sqlstate;                // StatementError: "" means any SQL error; Copy: "" = ok
  std::string message;                 // StatementError: substring of the message, "" for any
  std::string types;                   // Query: one of I, T, R, B per column
  SortMode sort = SortMode::None;      // Query
  std::vector<std::string> expected;   // Query: rows as written, one line each
  bool has_params = false;             // Query: sent with parameters (possibly none)
  std::vector<std::optional<std::string>> params;  // Query: $1, $2, ... (nullopt: NULL)
  std::string copy_target;             // Copy: "events" or "events (a, b)"
  std::string copy_format;             // Copy: "csv" or "text"
  std::vector<std::string> copy_data;  // Copy: data lines, without the newline
  int sleep_ms = 0;                    // Sleep
  std::string name;                    // Connection: the name; Loop: the variable
  long loop_from = 0, loop_to = 0;     // Loop: [from, to)
  std::vector<Record> body;            // Loop
};

struct ParseError {
  int line = 0;
  std::string message;
};

// Parses a whole file. On a malformed record, returns false and fills `error`.
bool parse_slt(const std::string& text, std::vector<Record>& records, ParseError& error);

// Replaces every ${name} of `vars` in `text`.
std::string substitute(std::string text, const std::vector<std::pair<std::string, long>>& vars);

}  // namespace eddy::slt
