#include <catch.hpp>

#include "protocol/connection_error.h"
#include "protocol/startup_messages.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be32;

namespace {

// The payload of an encoded startup packet (what FrameReader hands over).
std::string payload_of(const std::string& packet) {
  REQUIRE(packet.size() >= 4);
  ByteReader in(packet, "packet");
  CHECK(static_cast<size_t>(in.i32()) == packet.size());
  return packet.substr(4);
}

// Requires decode_startup_packet to throw ConnectionError; returns it.
ConnectionError startup_error(const std::string& payload) {
  try {
    decode_startup_packet(payload);
  } catch (const ConnectionError& e) {
    return e;
  }
  FAIL("expected ConnectionError");
  return ConnectionError("", "", false);
}

}  // namespace

TEST_CASE("StartupMessage round trip", "[protocol][startup]") {
  auto packet = encode_startup_message(
      {{"user", "alice"}, {"database", "shop"}, {"application_name", "psql"}, {"client_encoding", "UTF8"}});
  auto decoded = decode_startup_packet(payload_of(packet));
  REQUIRE(std::holds_alternative<StartupMessage>(decoded));
  const auto& m = std::get<StartupMessage>(decoded);
  CHECK(m.protocol_version == 196608);
  CHECK(m.minor_version() == 0);
  CHECK(m.user == "alice");
  CHECK(m.database == "shop");
  REQUIRE(m.parameters.size() == 4);
  CHECK(m.parameters[2].first == "application_name");
  REQUIRE(m.find("client_encoding"));
  CHECK(*m.find("client_encoding") == "UTF8");
  CHECK(m.find("nope") == nullptr);
  CHECK_FALSE(m.needs_negotiation());
}

TEST_CASE("database defaults to the user name", "[protocol][startup]") {
  auto m = std::get<StartupMessage>(decode_startup_packet(payload_of(encode_startup_message({{"user", "bob"}}))));
  CHECK(m.database == "bob");
}

TEST_CASE("newer minor version and _pq_ options ask for negotiation", "[protocol][startup]") {
  auto m = std::get<StartupMessage>(decode_startup_packet(payload_of(
      encode_startup_message({{"user", "u"}, {"_pq_.compression", "on"}}, (3 << 16) | 2))));
  CHECK(m.minor_version() == 2);
  CHECK(m.needs_negotiation());
  REQUIRE(m.unrecognized_options.size() == 1);
  CHECK(m.unrecognized_options[0] == "_pq_.compression");
  CHECK(m.find("_pq_.compression") == nullptr);
}

TEST_CASE("SSLRequest, GSSENCRequest, CancelRequest", "[protocol][startup]") {
  CHECK(encode_ssl_request() == be32(8) + be32(80877103));
  CHECK(std::holds_alternative<SslRequest>(decode_startup_packet(payload_of(encode_ssl_request()))));
  CHECK(std::holds_alternative<GssEncRequest>(decode_startup_packet(payload_of(encode_gssenc_request()))));
  auto c = decode_startup_packet(payload_of(encode_cancel_request(4242, -7)));
  REQUIRE(std::holds_alternative<CancelRequest>(c));
  CHECK(std::get<CancelRequest>(c).process_id == 4242);
  CHECK(std::get<CancelRequest>(c).secret_key == -7);
}

TEST_CASE("malformed startup packets", "[protocol][startup]") {
  SECTION("protocol 2.0 is refused with FATAL 0A000") {
    auto e = startup_error(payload_of(encode_startup_message({{"user", "u"}}, 2 << 16)));
    CHECK(e.sqlstate() == "0A000");
    CHECK(e.notify_client());
    CHECK(e.message() == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
  }
  SECTION("protocol 4.0 too") {
    CHECK(startup_error(payload_of(encode_startup_message({{"user", "u"}}, 4 << 16))).sqlstate() == "0A000");
  }
  SECTION("missing final terminator") {
    std::string p = payload_of(encode_startup_message({{"user", "u"}}));
    p.pop_back();
    auto e = startup_error(p);
    CHECK(e.sqlstate() == "08P01");
    CHECK(e.notify_client());
    CHECK(e.message() == "invalid startup packet layout: expected terminator as last byte");
  }
  SECTION("a name without a value") {
    std::string p = be32(196608) + std::string("user\0", 5);
    CHECK(startup_error(p).sqlstate() == "08P01");
    CHECK(startup_error(p + std::string("\0", 1)).sqlstate() == "08P01");
  }
  SECTION("a value without its NUL") {
    CHECK(startup_error(be32(196608) + std::string("user\0alice", 10)).sqlstate() == "08P01");
  }
  SECTION("bytes after the terminator") {
    std::string p = payload_of(encode_startup_message({{"user", "u"}})) + "x";
    CHECK(startup_error(p).sqlstate() == "08P01");
  }
  SECTION("no parameters at all, not even the terminator") {
    CHECK(startup_error(be32(196608)).sqlstate() == "08P01");
  }
  SECTION("no user") {
    auto e = startup_error(payload_of(encode_startup_message({{"database", "d"}})));
    CHECK(e.sqlstate() == "28000");
    CHECK(e.notify_client());
    CHECK(startup_error(payload_of(encode_startup_message({{"user", ""}}))).sqlstate() == "28000");
  }
  SECTION("invalid UTF-8 in a parameter") {
    CHECK(startup_error(payload_of(encode_startup_message({{"user", "\xff"}}))).sqlstate() == "22021");
  }
  SECTION("cancel request of the wrong length closes silently") {
    auto e = startup_error(be32(80877102) + be32(1));
    CHECK(e.sqlstate() == "08P01");
    CHECK_FALSE(e.notify_client());
  }
  SECTION("payload shorter than its code") {
    CHECK_FALSE(startup_error("ab").notify_client());
  }
}
