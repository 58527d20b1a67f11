#include <catch.hpp>

#include <cstring>

#include "protocol/connection_error.h"
#include "protocol/frame_reader.h"
#include "protocol/frontend_messages.h"
#include "protocol/startup_messages.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::be32;
using eddy::protocol::test::frame;

namespace {

struct Got {
  char type;
  std::string payload;
  friend bool operator==(const Got&, const Got&) = default;
};

// Feeds `bytes` in pieces cut at `cuts` and collects every frame.
std::vector<Got> read_all(FrameReader& r, std::string_view bytes, std::vector<size_t> cuts) {
  std::vector<Got> out;
  size_t prev = 0;
  cuts.push_back(bytes.size());
  for (size_t cut : cuts) {
    r.feed(bytes.substr(prev, cut - prev));
    prev = cut;
    while (auto f = r.next()) out.push_back(Got{f->type, std::string(f->payload)});
  }
  return out;
}

// Requires `f` to throw ConnectionError 08P01 that closes silently.
template <typename F>
void require_close(F&& f) {
  try {
    f();
  } catch (const ConnectionError& e) {
    CHECK(e.sqlstate() == "08P01");
    CHECK_FALSE(e.notify_client());
    return;
  }
  FAIL("expected ConnectionError");
}

}  // namespace

TEST_CASE("startup packet arrives whole whatever the split", "[protocol][frame]") {
  std::string bytes = encode_startup_message({{"user", "alice"}, {"database", "db"}});
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    FrameReader r;
    auto frames = read_all(r, bytes, {cut});
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].type == 0);
    CHECK(frames[0].payload == bytes.substr(4));
    CHECK(r.buffered() == 0);
  }
}

TEST_CASE("normal-phase frames split at every pair of byte boundaries", "[protocol][frame]") {
  std::string bytes;
  encode(bytes, Query{"SELECT 1"});
  encode(bytes, Sync{});
  encode(bytes, Parse{"s1", "SELECT $1", {23}});
  encode(bytes, CopyData{"a\tb\n"});
  FrameReader whole;
  whole.set_phase(FrameReader::Phase::Normal);
  auto expected = read_all(whole, bytes, {});
  REQUIRE(expected.size() == 4);
  CHECK(expected[0] == Got{'Q', std::string("SELECT 1\0", 9)});
  CHECK(expected[1] == Got{'S', ""});
  for (size_t a = 0; a <= bytes.size(); ++a)
    for (size_t b = a; b <= bytes.size(); ++b) {
      FrameReader r;
      r.set_phase(FrameReader::Phase::Normal);
      REQUIRE(read_all(r, bytes, {a, b}) == expected);
    }
}

TEST_CASE("one byte at a time, through prepare/commit", "[protocol][frame]") {
  std::string bytes;
  encode(bytes, Query{"SELECT 42"});
  encode(bytes, Terminate{});
  FrameReader r;
  r.set_phase(FrameReader::Phase::Normal);
  std::vector<Got> got;
  for (char c : bytes) {
    auto room = r.prepare(64);
    REQUIRE(room.size() == 64);
    room[0] = c;
    r.commit(1);
    while (auto f = r.next()) got.push_back(Got{f->type, std::string(f->payload)});
  }
  REQUIRE(got.size() == 2);
  CHECK(got[0].type == 'Q');
  CHECK(got[1] == Got{'X', ""});
  CHECK_THROWS_AS(r.commit(1), std::logic_error);
}

TEST_CASE("startup packet length limits", "[protocol][frame]") {
  SECTION("shorter than 8 bytes closes the connection") {
    for (uint32_t len : {0u, 4u, 7u}) {
      FrameReader r;
      r.feed(be32(len));
      require_close([&] { r.next(); });
    }
  }
  SECTION("10004 bytes (payload = MAX_STARTUP_PACKET_LENGTH) is accepted, 10005 is not") {
    FrameReader ok;
    ok.feed(be32(10004));
    CHECK_FALSE(ok.next());  // waits for the rest
    ok.feed(std::string(10000, 'x'));
    auto f = ok.next();
    REQUIRE(f);
    CHECK(f->payload.size() == 10000);
    FrameReader bad;
    bad.feed(be32(10005));
    require_close([&] { bad.next(); });
  }
  SECTION("a huge length is refused from its 4 bytes alone") {
    FrameReader r;
    r.feed(be32(0x7fffffff));
    require_close([&] { r.next(); });
    FrameReader negative;
    negative.feed(be32(0xffffffff));
    require_close([&] { negative.next(); });
  }
}

TEST_CASE("normal message length limits", "[protocol][frame]") {
  auto header = [](char type, uint32_t len) { return std::string(1, type) + be32(len); };
  auto check_close = [&](char type, uint32_t len) {
    FrameReader r;
    r.set_phase(FrameReader::Phase::Normal);
    r.feed(header(type, len));
    require_close([&] { r.next(); });
  };
  auto check_waits = [&](char type, uint32_t len) {
    FrameReader r;
    r.set_phase(FrameReader::Phase::Normal);
    r.feed(header(type, len));
    CHECK_FALSE(r.next());
  };
  for (uint32_t len : {0u, 1u, 3u}) check_close('Q', len);
  check_waits('Q', 4 + kMaxMessagePayload);
  check_close('Q', 4 + kMaxMessagePayload + 1);
  check_close('Q', 0xffffffff);
  check_waits('p', 4 + 65535);
  check_close('p', 4 + 65536);
  check_waits('S', 4 + 10000);
  check_close('S', 4 + 10001);
  check_waits('d', 4 + 100000000);
  check_waits('?', 4 + 100000000);  // unknown types are the session's business
}

TEST_CASE("an empty message body and back-to-back frames", "[protocol][frame]") {
  FrameReader r;
  r.set_phase(FrameReader::Phase::Normal);
  r.feed(frame('H', "") + frame('S', "") + frame('Q', std::string("x\0", 2)));
  auto a = r.next();
  REQUIRE(a);
  CHECK(a->type == 'H');
  CHECK(a->payload.empty());
  auto b = r.next();
  REQUIRE(b);
  CHECK(b->type == 'S');
  auto c = r.next();
  REQUIRE(c);
  CHECK(c->type == 'Q');
  CHECK_FALSE(r.next());
  CHECK(r.buffered() == 0);
}

TEST_CASE("bytes after an SSLRequest stay buffered for the session to see", "[protocol][frame]") {
  FrameReader r;
  r.feed(encode_ssl_request() + "junk");
  auto f = r.next();
  REQUIRE(f);
  CHECK(std::holds_alternative<SslRequest>(decode_startup_packet(f->payload)));
  CHECK(r.buffered() == 4);  // the session must refuse TLS-after-plaintext (CVE-2021-23214)
}

TEST_CASE("a startup packet and the first typed message in one read", "[protocol][frame]") {
  // What the session sees when a client pipelines its password response, or the listener hands
  // over more than the first packet: the phase changes between the two frames.
  FrameReader r;
  std::string password;
  encode(password, PasswordMessage{"secret"});
  r.feed(encode_startup_message({{"user", "eddy"}}) + password);
  auto startup = r.next();
  REQUIRE(startup);
  CHECK(startup->type == 0);
  CHECK(std::holds_alternative<StartupMessage>(decode_startup_packet(startup->payload)));
  r.set_phase(FrameReader::Phase::Normal);
  auto p = r.next();
  REQUIRE(p);
  CHECK(p->type == 'p');
  CHECK(decode_password_message(p->payload).password == "secret");
  CHECK(r.buffered() == 0);
}

TEST_CASE("a long stream of frames does not grow the buffer without bound", "[protocol][frame]") {
  FrameReader r;
  r.set_phase(FrameReader::Phase::Normal);
  std::string one;
  encode(one, CopyData{std::string(1000, 'z')});
  size_t frames = 0;
  for (int i = 0; i < 5000; ++i) {
    r.feed(one);
    while (auto f = r.next()) {
      ++frames;
      REQUIRE(f->payload.size() == 1000);
    }
  }
  CHECK(frames == 5000);
  CHECK(r.buffered() == 0);
}
