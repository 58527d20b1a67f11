// The session's ResultWriter: what each call puts on the wire.

#include <catch.hpp>

#include "server/wire_result_writer.h"
#include "tests/unit/protocol/wire_test_util.h"

using namespace eddy;
using protocol::test::data_row_fields;
using protocol::test::split_messages;

namespace {

Batch one_int(int64_t v) {
  Batch b = Batch::with_types({Type::int32()});
  b.append_row({Value::int32(v)});
  return b;
}

}  // namespace

TEST_CASE("a BINARY cursor's rows are binary until the statement completes", "[server][wire]") {
  std::string out;
  WireResultWriter w(out);
  w.set_binary(true);
  w.describe({{"n", Type::int32()}});
  w.rows(one_int(7));
  w.complete("FETCH 1");
  w.describe({{"n", Type::int32()}});  // the next statement of the same query string
  w.rows(one_int(8));
  w.complete("SELECT 1");
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 6);
  CHECK(msgs[0].type == 'T');
  CHECK(msgs[0].payload.substr(msgs[0].payload.size() - 2) == std::string("\0\1", 2));  // format 1
  CHECK(*data_row_fields(msgs[1].payload)[0] == std::string("\0\0\0\7", 4));
  CHECK(msgs[3].payload.substr(msgs[3].payload.size() - 2) == std::string("\0\0", 2));  // format 0
  CHECK(*data_row_fields(msgs[4].payload)[0] == "8");
}

TEST_CASE("COPY TO STDOUT messages", "[server][wire]") {
  std::string out;
  WireResultWriter w(out);
  w.copy_out(2);
  w.copy_data("a\tb\n");
  w.copy_done();
  w.complete("COPY 1");
  w.warning(SqlError(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress"));
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 5);
  CHECK(msgs[0].type == 'H');
  CHECK(msgs[0].payload == std::string("\0\0\2\0\0\0\0", 7));  // text, 2 columns of format 0
  CHECK(msgs[1].type == 'd');
  CHECK(msgs[1].payload == "a\tb\n");
  CHECK(msgs[2].type == 'c');
  CHECK(msgs[3].type == 'C');
  CHECK(msgs[4].type == 'N');
  auto fields = protocol::test::error_fields(msgs[4].payload);
  CHECK(fields['S'] == "WARNING");
  CHECK(fields['C'] == "25P01");
}
