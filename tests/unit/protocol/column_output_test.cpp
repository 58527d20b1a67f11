// Encoders that write values straight from Columns, through common/value_text's text output.
#include <catch.hpp>

#include "common/value_text.h"
#include "protocol/binary_format.h"
#include "protocol/copy_format.h"
#include "protocol/data_row.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::data_row_fields;
using eddy::protocol::test::only_message;

namespace {

std::vector<Column> sample_columns() {
  std::vector<Column> cols;
  cols.emplace_back(Type::int64());
  cols.emplace_back(Type::text());
  cols.emplace_back(Type::boolean());
  cols.emplace_back(Type::timestamp());
  cols[0].append(Value::int64(42));
  cols[0].append(Value::int64(-7));
  cols[1].append(Value::text("tab\there"));
  cols[1].append_null();
  cols[2].append(Value::boolean(true));
  cols[2].append(Value::boolean(false));
  cols[3].append(Value::timestamp(946684800000000));  // 2000-01-01 00:00:00
  cols[3].append_null();
  return cols;
}

using Fields = std::vector<std::optional<std::string>>;

}  // namespace

TEST_CASE("DataRow from Columns in text format", "[protocol][datarow]") {
  auto cols = sample_columns();
  std::string out;
  data_row(out, cols, 0);
  CHECK(data_row_fields(only_message(out, 'D').payload) ==
        Fields{"42", "tab\there", "t", "2000-01-01 00:00:00"});
  out.clear();
  data_row(out, cols, 1);
  CHECK(data_row_fields(only_message(out, 'D').payload) == Fields{"-7", std::nullopt, "f", std::nullopt});
}

TEST_CASE("DataRow from Columns with per-column formats", "[protocol][datarow]") {
  auto cols = sample_columns();
  int16_t formats[] = {1, 0, 1, 1};
  std::string out;
  data_row(out, cols, 0, formats);
  auto f = data_row_fields(only_message(out, 'D').payload);
  REQUIRE(f.size() == 4);
  CHECK(decode_binary(*f[0], Type::int64()).i == 42);
  CHECK(*f[1] == "tab\there");
  CHECK(*f[2] == "\x01");
  CHECK(decode_binary(*f[3], Type::timestamp()).i == 946684800000000);
  CHECK(*f[3] == std::string(8, '\0'));
  int16_t all_binary[] = {1};
  out.clear();
  data_row(out, cols, 1, all_binary);
  f = data_row_fields(only_message(out, 'D').payload);
  CHECK(decode_binary(*f[0], Type::int64()).i == -7);
  CHECK_FALSE(f[1]);
}

TEST_CASE("DataRow from Values matches the Column path", "[protocol][datarow]") {
  auto cols = sample_columns();
  for (size_t r = 0; r < 2; ++r) {
    Row row;
    for (const auto& c : cols) row.push_back(c.get(r));
    for (int16_t fmt : {0, 1}) {
      int16_t formats[] = {fmt};
      std::string a, b;
      data_row(a, cols, r, formats);
      data_row(b, row, formats);
      CHECK(a == b);
    }
  }
}

TEST_CASE("COPY TO lines from Columns", "[protocol][copy]") {
  auto cols = sample_columns();
  std::string text, csv;
  for (size_t r = 0; r < 2; ++r) {
    format_copy_record(text, cols, r, CopyOptions::text());
    format_copy_record(csv, cols, r, CopyOptions::csv());
  }
  CHECK(text == "42\ttab\\there\tt\t2000-01-01 00:00:00\n-7\t\\N\tf\t\\N\n");
  CHECK(csv == "42,tab\there,t,2000-01-01 00:00:00\n-7,,f,\n");
}
