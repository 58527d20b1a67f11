#include <catch.hpp>

#include "protocol/copy_format.h"
#include "protocol/copy_splitter.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::sql_error_of;

namespace {

using Fields = std::vector<std::optional<std::string>>;

Fields parse(std::string_view record, const CopyOptions& o) {
  CopyFields f;
  parse_copy_record(record, o, 1, f);
  return f;
}

std::string format(const Fields& fields, const CopyOptions& o) {
  std::vector<std::optional<std::string_view>> views;
  for (const auto& f : fields) views.push_back(f ? std::optional<std::string_view>(*f) : std::nullopt);
  std::string out;
  format_copy_record(out, views, o);
  return out;
}

const std::nullopt_t null = std::nullopt;

}  // namespace

TEST_CASE("text format fields and escapes", "[protocol][copy]") {
  auto o = CopyOptions::text();
  CHECK(parse("a\tb", o) == Fields{"a", "b"});
  CHECK(parse("", o) == Fields{""});
  CHECK(parse("a\t", o) == Fields{"a", ""});
  CHECK(parse("\\N\t\\\\N\tN", o) == Fields{null, "\\N", "N"});
  CHECK(parse("a\\tb\\nc\\\\d\\re", o) == Fields{"a\tb\nc\\d\re"});
  CHECK(parse("\\b\\f\\v", o) == Fields{"\b\f\v"});
  CHECK(parse("\\101\\1010\\7\\x41\\x4a\\xg", o) == Fields{"AA0\aAJxg"});
  CHECK(parse("\\q\\.", o) == Fields{"q."});
  CHECK(parse("a\\\tb", o) == Fields{"a\tb"});  // escaped delimiter is data
  CHECK(parse("a\\", o) == Fields{"a"});        // trailing backslash dropped
  CHECK(parse("x\\\ny", o) == Fields{"x\ny"});  // escaped newline
  auto pipe = CopyOptions::text();
  pipe.delimiter = '|';
  pipe.null_string = "NULL";
  CHECK(parse("1|NULL|a\tb|\\|", pipe) == Fields{"1", null, "a\tb", "|"});
  // Escapes that make invalid UTF-8 or NUL are refused, naming the line.
  CHECK(sql_error_of([&] { parse("\\xff", o); }, "22021").starts_with("COPY line 1: invalid byte sequence"));
  sql_error_of([&] { parse("a\\0b", o); }, "22021");
}

TEST_CASE("CSV fields, quotes and NULLs", "[protocol][copy]") {
  auto o = CopyOptions::csv();
  CHECK(parse("1,\"a,b\",\"he said \"\"hi\"\"\",,\"\"", o) == Fields{"1", "a,b", "he said \"hi\"", null, ""});
  CHECK(parse("\"multi\nline\"", o) == Fields{"multi\nline"});
  CHECK(parse("\"ab\"cd,e", o) == Fields{"abcd", "e"});  // text after a closing quote goes on
  CHECK(parse("a\\b", o) == Fields{"a\\b"});              // backslash is not special
  CHECK(parse("", o) == Fields{null});
  CHECK(parse(",", o) == Fields{null, null});
  CHECK(parse(" a , b ", o) == Fields{" a ", " b "});   // no trimming
  auto msg = sql_error_of([&] {
    CopyFields f;
    parse_copy_record("1,\"open", o, 7, f);
  }, "22P04");
  CHECK(msg == "COPY line 7: unterminated CSV quoted field");

  auto esc = CopyOptions::csv();
  esc.escape = '\\';
  CHECK(parse("\"a\\\"b\",\"c\\\\d\",\"e\\f\"", esc) == Fields{"a\"b", "c\\d", "e\\f"});

  auto n = CopyOptions::csv();
  n.null_string = "NA";
  n.force_not_null = {true, false};
  n.force_null = {false, true, false};
  CHECK(parse("NA,NA,NA", n) == Fields{"NA", null, null});
  CHECK(parse("\"NA\",\"NA\",\"NA\"", n) == Fields{"NA", null, "NA"});
}

TEST_CASE("text format output escapes", "[protocol][copy]") {
  auto o = CopyOptions::text();
  CHECK(format(Fields{"a", null, ""}, o) == "a\t\\N\t\n");
  CHECK(format(Fields{"tab\there", "nl\nx", "back\\slash", "cr\r", "\b\f\v"}, o) ==
        "tab\\there\tnl\\nx\tback\\\\slash\tcr\\r\t\\b\\f\\v\n");
  auto pipe = CopyOptions::text();
  pipe.delimiter = '|';
  CHECK(format(Fields{"a|b", "\x01"}, pipe) == "a\\|b|\x01\n");
}

TEST_CASE("CSV output quotes only when needed", "[protocol][copy]") {
  auto o = CopyOptions::csv();
  CHECK(format(Fields{"plain", null, ""}, o) == "plain,,\"\"\n");
  CHECK(format(Fields{"a,b", "say \"x\"", "two\nlines", "cr\r"}, o) ==
        "\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\"cr\r\"\n");
  CHECK(format(Fields{"\\."}, o) == "\"\\.\"\n");      // alone, it would read as the end marker
  CHECK(format(Fields{"\\.", "x"}, o) == "\\.,x\n");
  auto forced = CopyOptions::csv();
  forced.force_quote = {false, true};
  CHECK(format(Fields{"a", "b", "c"}, forced) == "a,\"b\",c\n");
  auto esc = CopyOptions::csv();
  esc.escape = '\\';
  CHECK(format(Fields{"a\"b\\c"}, esc) == "\"a\\\"b\\\\c\"\n");
}

TEST_CASE("format, split and parse give the fields back", "[protocol][copy]") {
  const Fields rows[] = {
      {"1", "plain", null},
      {"", "\\N", "tab\tand\nnewline"},
      {"quote\"comma,", "\\.", "back\\slash\r\n"},
      {"é ü 中", null, ""},
  };
  for (auto o : {CopyOptions::text(), CopyOptions::csv()}) {
    std::string stream;
    for (const auto& r : rows) stream += format(r, o);
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
      CopyRecordSplitter s(o);
      std::vector<Fields> got;
      auto drain = [&] {
        while (auto rec = s.next()) got.push_back(parse(*rec, o));
      };
      s.feed(std::string_view(stream).substr(0, cut));
      drain();
      s.feed(std::string_view(stream).substr(cut));
      s.finish();
      drain();
      REQUIRE(got.size() == std::size(rows));
      for (size_t i = 0; i < got.size(); ++i) CHECK(got[i] == rows[i]);
    }
  }
}

TEST_CASE("COPY option validation", "[protocol][copy]") {
  validate_copy_options(CopyOptions::text());
  validate_copy_options(CopyOptions::csv());
  auto bad = CopyOptions::text();
  bad.delimiter = '\\';
  sql_error_of([&] { validate_copy_options(bad); }, "22023");
  bad = CopyOptions::csv();
  bad.quote = ',';
  sql_error_of([&] { validate_copy_options(bad); }, "22023");
  bad = CopyOptions::text();
  bad.null_string = "a\tb";
  sql_error_of([&] { validate_copy_options(bad); }, "22023");
  bad.null_string = "\n";
  sql_error_of([&] { validate_copy_options(bad); }, "22023");
}
