#include <catch.hpp>

#include "protocol/copy_splitter.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::sql_error_of;

namespace {

struct Split {
  std::vector<std::string> records;
  std::vector<int64_t> lines;
  bool ended = false;
};

// Feeds `input` cut at `cuts`, then finishes.
Split split(const CopyOptions& o, std::string_view input, std::vector<size_t> cuts = {}) {
  CopyRecordSplitter s(o);
  Split out;
  auto drain = [&] {
    while (auto r = s.next()) {
      out.records.emplace_back(*r);
      out.lines.push_back(s.line());
    }
  };
  size_t prev = 0;
  cuts.push_back(input.size());
  for (size_t cut : cuts) {
    s.feed(input.substr(prev, cut - prev));
    prev = cut;
    drain();
  }
  s.finish();
  drain();
  out.ended = s.at_end_marker();
  return out;
}

using Records = std::vector<std::string>;

// The same records whatever two places the input is cut at.
void check_all_splits(const CopyOptions& o, std::string_view input, const Records& expected) {
  for (size_t a = 0; a <= input.size(); ++a)
    for (size_t b = a; b <= input.size(); ++b) {
      INFO("cuts at " << a << " and " << b);
      REQUIRE(split(o, input, {a, b}).records == expected);
    }
}

}  // namespace

TEST_CASE("text records end at unescaped newlines", "[protocol][copy]") {
  auto o = CopyOptions::text();
  CHECK(split(o, "a\tb\nc\td\n").records == Records{"a\tb", "c\td"});
  CHECK(split(o, "last without newline").records == Records{"last without newline"});
  CHECK(split(o, "").records.empty());
  CHECK(split(o, "\n\n").records == Records{"", ""});
  // A backslash escapes a newline: the record goes on.
  check_all_splits(o, "a\\\nb\nx\\\\\ny\n", Records{"a\\\nb", "x\\\\", "y"});
}

TEST_CASE("CSV records keep quoted newlines, across any chunk split", "[protocol][copy]") {
  auto o = CopyOptions::csv();
  check_all_splits(o, "1,\"two\nlines\"\n2,\"a\"\"b\"\n3,\"x\r\ny\"\n",
                   Records{"1,\"two\nlines\"", "2,\"a\"\"b\"", "3,\"x\r\ny\""});
  auto lines = split(o, "h1,h2\n\"a\nb\",c\nd,e\n").lines;
  CHECK(lines == std::vector<int64_t>{1, 2, 3});  // records, not physical lines
}

TEST_CASE("CSV with a backslash escape inside quotes", "[protocol][copy]") {
  auto o = CopyOptions::csv();
  o.escape = '\\';
  check_all_splits(o, "\"a\\\"\nb\",c\nd\n", Records{"\"a\\\"\nb\",c", "d"});
}

TEST_CASE("line endings: \\n, \\r\\n, \\r, decided by the first record", "[protocol][copy]") {
  auto o = CopyOptions::text();
  check_all_splits(o, "a\r\nb\r\n", Records{"a", "b"});
  check_all_splits(o, "a\rb\r", Records{"a", "b"});
  check_all_splits(CopyOptions::csv(), "a\r\nb\r\n", Records{"a", "b"});
  CHECK(split(o, "a\r").records == Records{"a"});

  auto msg = sql_error_of([&] { split(o, "a\nb\rc\n"); }, "22P04");
  CHECK(msg == "COPY line 2: literal carriage return found in data");
  CHECK(sql_error_of([&] { split(o, "a\r\nb\nc"); }, "22P04") == "COPY line 2: literal newline found in data");
  sql_error_of([&] { split(o, "a\rb\r\n"); }, "22P04");
  sql_error_of([&] { split(o, "a\r\nb\rc\r\n"); }, "22P04");
  CHECK(sql_error_of([&] { split(CopyOptions::csv(), "a\nb\rc\n"); }, "22P04") ==
        "COPY line 2: unquoted carriage return found in data");
  try {
    split(o, "a\nb\r");
  } catch (const SqlError& e) {
    CHECK(e.hint() == "Use \"\\r\" to represent carriage return.");
  }
}

TEST_CASE("the \\. end marker stops the input", "[protocol][copy]") {
  auto o = CopyOptions::text();
  auto s = split(o, "a\n\\.\nignored\n");
  CHECK(s.records == Records{"a"});
  CHECK(s.ended);
  s = split(o, "a\n\\.");
  CHECK(s.records == Records{"a"});
  CHECK(s.ended);
  CHECK_FALSE(split(o, "a\n").ended);
  CHECK(sql_error_of([&] { split(o, "a\n\\.x\n"); }, "22P04") ==
        "COPY line 2: end-of-copy marker is not alone on its line");
  // In CSV, a quoted "\." is data and "\.x" is just text.
  auto c = split(CopyOptions::csv(), "\"\\.\"\n\\.x\n\\.\nz\n");
  CHECK(c.records == Records{"\"\\.\"", "\\.x"});
  CHECK(c.ended);
  // Text: an escaped backslash then a dot is data.
  CHECK(split(o, "\\\\.\n").records == Records{"\\\\."});
}

TEST_CASE("an unterminated CSV quote is reported at the end", "[protocol][copy]") {
  auto o = CopyOptions::csv();
  CHECK(sql_error_of([&] { split(o, "ok\n\"never closed\nstill\n"); }, "22P04") ==
        "COPY line 2: unterminated CSV quoted field");
  CopyRecordSplitter s(o);
  s.feed("\"open\n");
  CHECK_FALSE(s.next());  // without finish() it may still close
  s.feed("\"\n");
  auto r = s.next();
  REQUIRE(r);
  CHECK(*r == "\"open\n\"");
}

TEST_CASE("a record longer than the limit is refused", "[protocol][copy]") {
  CopyRecordSplitter s(CopyOptions::csv(), 10);
  s.feed("\"0123456789abc");
  sql_error_of([&] { s.next(); }, "54000");
}

TEST_CASE("many small chunks keep the buffer bounded", "[protocol][copy]") {
  CopyRecordSplitter s(CopyOptions::text());
  size_t n = 0;
  for (int i = 0; i < 20000; ++i) {
    s.feed("12345\t");
    s.feed("abc\n");
    while (auto r = s.next()) {
      REQUIRE(*r == "12345\tabc");
      ++n;
    }
  }
  CHECK(n == 20000);
  CHECK(s.pending() == 0);
}
