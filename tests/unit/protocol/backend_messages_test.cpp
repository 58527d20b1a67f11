#include <catch.hpp>

#include "protocol/backend_messages.h"
#include "protocol/data_row.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be16;
using eddy::protocol::test::be32;
using eddy::protocol::test::data_row_fields;
using eddy::protocol::test::frame;
using eddy::protocol::test::only_message;
using eddy::protocol::test::split_messages;

namespace {
std::string cstr(std::string_view s) { return std::string(s) + '\0'; }
}  // namespace

TEST_CASE("SSL and GSSENC answers are one unframed byte", "[protocol][backend]") {
  std::string out;
  ssl_response(out, false);
  ssl_response(out, true);
  gssenc_response(out, false);
  gssenc_response(out, true);
  CHECK(out == "NSNG");
}

TEST_CASE("authentication requests", "[protocol][backend]") {
  std::string out;
  authentication_ok(out);
  CHECK(out == frame('R', be32(0)));
  out.clear();
  authentication_cleartext_password(out);
  CHECK(out == frame('R', be32(3)));
  out.clear();
  const uint8_t salt[4] = {1, 2, 0xfe, 0};
  authentication_md5_password(out, salt);
  CHECK(out == frame('R', be32(5) + std::string("\x01\x02\xfe\x00", 4)));
  out.clear();
  std::string_view mechs[] = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"};
  authentication_sasl(out, mechs);
  CHECK(out == frame('R', be32(10) + cstr("SCRAM-SHA-256-PLUS") + cstr("SCRAM-SHA-256") + std::string(1, '\0')));
  out.clear();
  authentication_sasl_continue(out, "r=abc,s=xyz,i=4096");
  CHECK(out == frame('R', be32(11) + "r=abc,s=xyz,i=4096"));
  out.clear();
  authentication_sasl_final(out, "v=sig");
  CHECK(out == frame('R', be32(12) + "v=sig"));
}

TEST_CASE("session status messages", "[protocol][backend]") {
  std::string out;
  parameter_status(out, "server_version", "16.0");
  backend_key_data(out, 1234, -99);
  ready_for_query(out, TransactionStatus::Idle);
  ready_for_query(out, TransactionStatus::InTransaction);
  ready_for_query(out, TransactionStatus::Failed);
  std::vector<std::string> options = {"_pq_.a", "_pq_.b"};
  negotiate_protocol_version(out, options);
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 6);
  CHECK(msgs[0].type == 'S');
  CHECK(msgs[0].payload == cstr("server_version") + cstr("16.0"));
  CHECK(msgs[1].type == 'K');
  CHECK(msgs[1].payload == be32(1234) + be32(uint32_t(-99)));
  CHECK(msgs[2].type == 'Z');
  CHECK(msgs[2].payload == "I");
  CHECK(msgs[3].payload == "T");
  CHECK(msgs[4].payload == "E");
  CHECK(msgs[5].type == 'v');
  CHECK(msgs[5].payload == be32(196608) + be32(2) + cstr("_pq_.a") + cstr("_pq_.b"));
}

TEST_CASE("RowDescription uses PostgreSQL's OIDs, typlen and typmod", "[protocol][backend]") {
  std::vector<FieldDescription> fields = {
      FieldDescription::of("id", Type::int64()),
      FieldDescription::of("name", Type::varchar(10)),
      FieldDescription::of("ts", Type::timestamptz(), 1),
  };
  fields[0].table_oid = 16384;
  fields[0].column_number = 1;
  std::string out;
  row_description(out, fields);
  auto m = only_message(out, 'T');
  ByteReader in(m.payload, "RowDescription");
  CHECK(in.i16() == 3);
  // id bigint: int8 oid 20, typlen 8, typmod -1, text
  CHECK(in.cstring() == "id");
  CHECK(in.u32() == 16384);
  CHECK(in.i16() == 1);
  CHECK(in.u32() == 20);
  CHECK(in.i16() == 8);
  CHECK(in.i32() == -1);
  CHECK(in.i16() == 0);
  // name varchar(10): oid 1043, typlen -1, typmod 14
  CHECK(in.cstring() == "name");
  CHECK(in.u32() == 0);
  CHECK(in.i16() == 0);
  CHECK(in.u32() == 1043);
  CHECK(in.i16() == -1);
  CHECK(in.i32() == 14);
  CHECK(in.i16() == 0);
  // ts timestamptz: oid 1184, typlen 8, binary
  CHECK(in.cstring() == "ts");
  in.u32();
  in.i16();
  CHECK(in.u32() == 1184);
  CHECK(in.i16() == 8);
  CHECK(in.i32() == -1);
  CHECK(in.i16() == 1);
  in.expect_end();
  CHECK(pg_type_modifier(Type::varchar()) == -1);
  CHECK(pg_type_modifier(Type::text()) == -1);
}

TEST_CASE("command cycle and extended-protocol acknowledgements", "[protocol][backend]") {
  std::string out;
  command_complete(out, "SELECT 3");
  empty_query_response(out);
  parse_complete(out);
  bind_complete(out);
  close_complete(out);
  no_data(out);
  portal_suspended(out);
  uint32_t oids[] = {23, 25};
  parameter_description(out, oids);
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 8);
  CHECK(msgs[0].type == 'C');
  CHECK(msgs[0].payload == cstr("SELECT 3"));
  std::string types;
  for (size_t i = 1; i < 7; ++i) {
    types.push_back(msgs[i].type);
    CHECK(msgs[i].payload.empty());
  }
  CHECK(types == "I123ns");
  CHECK(msgs[7].type == 't');
  CHECK(msgs[7].payload == be16(2) + be32(23) + be32(25));
}

TEST_CASE("COPY responses and data", "[protocol][backend]") {
  std::string out;
  auto text3 = uniform_formats(3, 0);
  copy_in_response(out, 0, text3);
  int16_t bin[] = {1, 1};
  copy_out_response(out, 1, bin);
  copy_both_response(out, 0, {});
  copy_data(out, "1\tx\n");
  copy_done(out);
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 5);
  CHECK(msgs[0].type == 'G');
  CHECK(msgs[0].payload == std::string(1, '\0') + be16(3) + be16(0) + be16(0) + be16(0));
  CHECK(msgs[1].type == 'H');
  CHECK(msgs[1].payload == std::string(1, '\1') + be16(2) + be16(1) + be16(1));
  CHECK(msgs[2].type == 'W');
  CHECK(msgs[2].payload == std::string(1, '\0') + be16(0));
  CHECK(msgs[3].type == 'd');
  CHECK(msgs[3].payload == "1\tx\n");
  CHECK(msgs[4].type == 'c');
  CHECK(msgs[4].payload.empty());
}

TEST_CASE("DataRow from pre-encoded fields", "[protocol][backend]") {
  std::optional<std::string_view> fields[] = {std::string_view("1"), std::nullopt, std::string_view(""),
                                              std::string_view("a\0b", 3)};
  std::string out;
  data_row(out, fields);
  auto m = only_message(out, 'D');
  CHECK(m.payload == be16(4) + be32(1) + "1" + be32(uint32_t(-1)) + be32(0) + be32(3) + std::string("a\0b", 3));
  auto got = data_row_fields(m.payload);
  REQUIRE(got.size() == 4);
  CHECK(got[1] == std::nullopt);
  CHECK(got[2] == std::optional<std::string>(""));
  out.clear();
  data_row(out, std::span<const std::optional<std::string_view>>{});
  CHECK(only_message(out, 'D').payload == be16(0));
}
