#include <catch.hpp>

#include "protocol/connection_error.h"
#include "protocol/frontend_messages.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be16;
using eddy::protocol::test::be32;
using eddy::protocol::test::sql_error_of;

namespace {

// Encodes `m`, frames it through a FrameReader and decodes it again.
template <typename M>
M round_trip(const M& m) {
  std::string bytes;
  encode(bytes, m);
  FrameReader r;
  r.set_phase(FrameReader::Phase::Normal);
  r.feed(bytes);
  auto f = r.next();
  REQUIRE(f);
  REQUIRE(r.buffered() == 0);
  auto decoded = decode_frontend_message(*f);
  REQUIRE(std::holds_alternative<M>(decoded));
  return std::get<M>(decoded);
}

std::string cstr(std::string_view s) { return std::string(s) + '\0'; }

}  // namespace

TEST_CASE("Query, Parse, Describe, Execute, Close round trips", "[protocol][frontend]") {
  CHECK(round_trip(Query{"SELECT 'é'"}).sql == "SELECT 'é'");
  CHECK(round_trip(Query{""}).sql.empty());

  auto p = round_trip(Parse{"stmt", "SELECT $1, $2", {23, 0}});
  CHECK(p.name == "stmt");
  CHECK(p.query == "SELECT $1, $2");
  CHECK(p.param_types == std::vector<uint32_t>{23, 0});
  CHECK(round_trip(Parse{"", "SELECT 1", {}}).param_types.empty());
  CHECK(round_trip(Parse{"x", "y", {4000000000u}}).param_types[0] == 4000000000u);

  auto d = round_trip(Describe{'P', "portal"});
  CHECK(d.kind == 'P');
  CHECK(d.name == "portal");
  CHECK(round_trip(Describe{'S', ""}).kind == 'S');

  auto e = round_trip(Execute{"p1", 100});
  CHECK(e.portal == "p1");
  CHECK(e.max_rows == 100);

  auto c = round_trip(Close{'S', "stmt"});
  CHECK(c.kind == 'S');
  CHECK(c.name == "stmt");
}

TEST_CASE("Bind round trip with NULLs, empty values and formats", "[protocol][frontend]") {
  Bind b;
  b.portal = "p";
  b.statement = "s";
  b.param_formats = {0, 1, 0};
  b.params = {std::string("42"), std::string("\x00\x01", 2), std::nullopt};
  b.result_formats = {1};
  auto got = round_trip(b);
  CHECK(got.portal == "p");
  CHECK(got.statement == "s");
  CHECK(got.param_formats == b.param_formats);
  CHECK(got.params == b.params);
  CHECK(got.result_formats == b.result_formats);
  CHECK(got.param_format(1) == 1);
  CHECK(got.result_format(5) == 1);

  Bind empty;
  empty.params = {std::string("")};
  auto e = round_trip(empty);
  REQUIRE(e.params.size() == 1);
  REQUIRE(e.params[0].has_value());
  CHECK(e.params[0]->empty());
  CHECK(e.param_format(0) == 0);
  CHECK(e.result_format(3) == 0);
}

TEST_CASE("empty messages, copy messages and auth responses round trip", "[protocol][frontend]") {
  round_trip(Sync{});
  round_trip(Flush{});
  round_trip(Terminate{});
  round_trip(CopyDone{});
  CHECK(round_trip(CopyFail{"client gave up"}).message == "client gave up");

  std::string bytes;
  encode(bytes, CopyData{std::string("a\0b", 3)});
  auto f = FrameReader();
  f.set_phase(FrameReader::Phase::Normal);
  f.feed(bytes);
  auto frame = f.next();
  REQUIRE(frame);
  CHECK(std::get<CopyData>(decode_frontend_message(*frame)).data == std::string("a\0b", 3));

  auto auth_payload = [](const auto& m) {
    std::string out;
    encode(out, m);
    FrameReader r;
    r.set_phase(FrameReader::Phase::Normal);
    r.feed(out);
    auto fr = r.next();
    REQUIRE(fr);
    return std::string(std::get<AuthResponse>(decode_frontend_message(*fr)).payload);
  };
  CHECK(decode_password_message(auth_payload(PasswordMessage{"md5abc"})).password == "md5abc");
  auto init = decode_sasl_initial_response(auth_payload(SaslInitialResponse{"SCRAM-SHA-256", "n,,n=,r=abc"}));
  CHECK(init.mechanism == "SCRAM-SHA-256");
  CHECK(init.data == std::optional<std::string>("n,,n=,r=abc"));
  auto none = decode_sasl_initial_response(auth_payload(SaslInitialResponse{"SCRAM-SHA-256", std::nullopt}));
  CHECK_FALSE(none.data.has_value());
  CHECK(decode_sasl_response(auth_payload(SaslResponse{"c=biws,r=x,p=y"})).data == "c=biws,r=x,p=y");
}

TEST_CASE("malformed frontend payloads throw 08P01 naming the message", "[protocol][frontend]") {
  auto msg = sql_error_of([] { decode_query("SELECT 1"); }, "08P01");  // no NUL
  CHECK(msg.find("Query message") != std::string::npos);
  sql_error_of([] { decode_query(cstr("a") + "b"); }, "08P01");  // trailing byte
  sql_error_of([] { decode_parse(cstr("s") + cstr("q") + be16(2) + be32(23)); }, "08P01");
  sql_error_of([] { decode_parse(cstr("s") + cstr("q")); }, "08P01");
  sql_error_of([] { decode_describe(cstr("x")); }, "08P01");
  CHECK(sql_error_of([] { decode_describe("Xname" + std::string(1, '\0')); }, "08P01") ==
        "invalid DESCRIBE message subtype 88");
  sql_error_of([] { decode_describe(""); }, "08P01");
  CHECK(sql_error_of([] { decode_close("Q" + cstr("n")); }, "08P01") == "invalid CLOSE message subtype 81");
  sql_error_of([] { decode_execute(cstr("p") + "\x00\x00"); }, "08P01");
  sql_error_of([] { decode_password_message(cstr("pw") + "x"); }, "08P01");
  sql_error_of([] { decode_sasl_initial_response(cstr("SCRAM-SHA-256") + be32(10) + "short"); }, "08P01");
  sql_error_of([] { decode_sasl_initial_response(cstr("SCRAM-SHA-256") + be32(uint32_t(-2))); }, "08P01");
  sql_error_of([] { decode_frontend_message(Frame{'S', "x"}); }, "08P01");
  sql_error_of([] { decode_frontend_message(Frame{'c', "x"}); }, "08P01");
  // Invalid UTF-8 in SQL text.
  sql_error_of([] { decode_query(cstr("SELECT '\xc3\x28'")); }, "22021");
}

TEST_CASE("bad Bind counts and lengths", "[protocol][frontend]") {
  const std::string names = cstr("") + cstr("");
  SECTION("more parameter formats than parameters") {
    auto msg = sql_error_of([&] { decode_bind(names + be16(2) + be16(0) + be16(0) + be16(1) + be32(1) + "x" + be16(0)); },
                            "08P01");
    CHECK(msg.find("2 parameter formats but 1 parameters") != std::string::npos);
  }
  SECTION("a parameter count larger than the data") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(3) + be32(1) + "x" + be16(0)); }, "08P01");
  }
  SECTION("a parameter length past the end") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(1) + be32(100) + "x" + be16(0)); }, "08P01");
  }
  SECTION("a negative parameter length other than -1") {
    auto msg = sql_error_of([&] { decode_bind(names + be16(0) + be16(1) + be32(uint32_t(-5)) + be16(0)); }, "08P01");
    CHECK(msg.find("-5") != std::string::npos);
  }
  SECTION("missing result format count") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(0)); }, "08P01");
  }
  SECTION("result format count larger than the data") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(0) + be16(2) + be16(0)); }, "08P01");
  }
  SECTION("an unsupported format code") {
    CHECK(sql_error_of([&] { decode_bind(names + be16(1) + be16(2) + be16(0) + be16(0)); }, "22023") ==
          "unsupported format code: 2");
    sql_error_of([&] { decode_bind(names + be16(0) + be16(0) + be16(1) + be16(7)); }, "22023");
  }
  SECTION("invalid UTF-8 in a text parameter, but not in a binary one") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(1) + be32(1) + "\xff" + be16(0)); }, "22021");
    auto b = decode_bind(names + be16(1) + be16(1) + be16(1) + be32(1) + "\xff" + be16(0));
    CHECK(*b.params[0] == "\xff");
  }
  SECTION("trailing bytes") {
    sql_error_of([&] { decode_bind(names + be16(0) + be16(0) + be16(0) + "z"); }, "08P01");
  }
}

TEST_CASE("FunctionCall is recognised so it can be refused", "[protocol][frontend]") {
  auto m = decode_frontend_message(Frame{'F', "xyz"});
  REQUIRE(std::holds_alternative<FunctionCall>(m));
  CHECK(std::get<FunctionCall>(m).payload == "xyz");
}

TEST_CASE("an unknown message type is fatal", "[protocol][frontend]") {
  try {
    decode_frontend_message(Frame{'x', ""});
    FAIL("expected ConnectionError");
  } catch (const ConnectionError& e) {
    CHECK(e.sqlstate() == "08P01");
    CHECK(e.notify_client());
    CHECK(e.message() == "invalid frontend message type 120");
  }
}
