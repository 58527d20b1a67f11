// The password exchange of a connection, per --auth method: the messages the server sends, the
// md5 -> SCRAM fallback, and failures that look the same whatever their reason.

#include <catch.hpp>

#include "protocol/frontend_messages.h"
#include "server/auth/authenticator.h"
#include "server/auth/scram_verifier.h"
#include "tests/unit/server/scram_client.h"

using namespace eddy;
using namespace eddy::auth;

namespace {

const std::string kVerifier = scram_verifier_text("right");

// The authentication request code of one 'R' message, and its payload after the code.
std::pair<int32_t, std::string> request(const std::string& bytes) {
  REQUIRE(bytes.size() >= 9);
  REQUIRE(bytes[0] == 'R');
  const uint32_t len = (uint8_t(bytes[1]) << 24) | (uint8_t(bytes[2]) << 16) | (uint8_t(bytes[3]) << 8) | uint8_t(bytes[4]);
  REQUIRE(bytes.size() == 1 + len);
  const int32_t code = (uint8_t(bytes[5]) << 24) | (uint8_t(bytes[6]) << 16) | (uint8_t(bytes[7]) << 8) | uint8_t(bytes[8]);
  return {code, bytes.substr(9)};
}

// The payload of an encoded frontend message (after type and length).
template <typename M>
std::string payload(const M& message) {
  std::string out;
  protocol::encode(out, message);
  return out.substr(5);
}

Authenticator make(AuthMethod method, const std::string& user, bool exists, std::optional<std::string> verifier) {
  return Authenticator(method, user, exists, std::move(verifier), mock_salt("secret", user));
}

// Runs a whole SCRAM exchange with `password`; returns "ok" or the error's SQLSTATE and message.
std::string scram_login(Authenticator a, const std::string& password) {
  std::string out;
  REQUIRE(a.begin(out));
  auto [code, mechanisms] = request(out);
  CHECK(code == 10);
  CHECK(mechanisms == std::string("SCRAM-SHA-256\0\0", 15));
  test::ScramClient client("nonce-of-the-client");
  try {
    out.clear();
    // Not inside CHECK: CHECK would swallow the exception a failure throws.
    const bool done_early = a.respond(payload(protocol::SaslInitialResponse{"SCRAM-SHA-256", client.first()}), out);
    CHECK_FALSE(done_early);
    auto [continue_code, server_first] = request(out);
    CHECK(continue_code == 11);
    out.clear();
    const bool done = a.respond(payload(protocol::SaslResponse{client.final(password, server_first)}), out);
    CHECK(done);
    auto [final_code, server_final] = request(out);
    CHECK(final_code == 12);
    CHECK(client.verify_server_final(server_final));
    return "ok";
  } catch (const protocol::ConnectionError& e) {
    CHECK(e.notify_client());
    return e.sqlstate() + " " + e.message();
  }
}

std::string cleartext_login(Authenticator a, const std::string& password) {
  std::string out;
  REQUIRE(a.begin(out));
  CHECK(request(out).first == 3);
  out.clear();
  try {
    const bool done = a.respond(payload(protocol::PasswordMessage{password}), out);
    CHECK(done);
    CHECK(out.empty());
    return "ok";
  } catch (const protocol::ConnectionError& e) {
    return e.sqlstate() + " " + e.message();
  }
}

}  // namespace

TEST_CASE("trust needs no exchange") {
  std::string out;
  CHECK_FALSE(make(AuthMethod::Trust, "eddy", true, std::nullopt).begin(out));
  CHECK(out.empty());
}

TEST_CASE("scram-sha-256: right password, wrong password, unknown role, no password") {
  CHECK(scram_login(make(AuthMethod::ScramSha256, "alice", true, kVerifier), "right") == "ok");
  const std::string failed = "28P01 password authentication failed for user \"alice\"";
  CHECK(scram_login(make(AuthMethod::ScramSha256, "alice", true, kVerifier), "wrong") == failed);
  CHECK(scram_login(make(AuthMethod::ScramSha256, "alice", false, std::nullopt), "right") == failed);
  CHECK(scram_login(make(AuthMethod::ScramSha256, "alice", true, std::nullopt), "") == failed);
}

TEST_CASE("md5 falls back to SCRAM because passwords are stored as SCRAM verifiers") {
  CHECK(exchange_for(AuthMethod::Md5) == AuthExchange::Scram);
  CHECK(scram_login(make(AuthMethod::Md5, "bob", true, kVerifier), "right") == "ok");
  CHECK(scram_login(make(AuthMethod::Md5, "bob", true, kVerifier), "wrong") ==
        "28P01 password authentication failed for user \"bob\"");
}

TEST_CASE("password: cleartext checked against the SCRAM verifier") {
  CHECK(cleartext_login(make(AuthMethod::Password, "carol", true, kVerifier), "right") == "ok");
  const std::string failed = "28P01 password authentication failed for user \"carol\"";
  CHECK(cleartext_login(make(AuthMethod::Password, "carol", true, kVerifier), "wrong") == failed);
  CHECK(cleartext_login(make(AuthMethod::Password, "carol", false, std::nullopt), "right") == failed);
  CHECK(cleartext_login(make(AuthMethod::Password, "carol", true, std::nullopt), "right") == failed);
  CHECK(cleartext_login(make(AuthMethod::Password, "carol", true, kVerifier), "") ==
        "28P01 empty password returned by client");
}

TEST_CASE("malformed or unexpected authentication messages close the connection") {
  SECTION("another mechanism") {
    Authenticator a = make(AuthMethod::ScramSha256, "dave", true, kVerifier);
    std::string out;
    a.begin(out);
    CHECK_THROWS_WITH(a.respond(payload(protocol::SaslInitialResponse{"SCRAM-SHA-256-PLUS", "n,,n=,r=x"}), out),
                      "client selected an invalid SASL authentication mechanism");
  }
  SECTION("a truncated SASLInitialResponse") {
    Authenticator a = make(AuthMethod::ScramSha256, "dave", true, kVerifier);
    std::string out;
    a.begin(out);
    try {
      a.respond(std::string("SCRAM-SHA-256\0\0\0", 16), out);
      FAIL("no error");
    } catch (const protocol::ConnectionError& e) {
      CHECK(e.sqlstate() == "08P01");
      CHECK(e.notify_client());
    }
  }
  SECTION("no data in the SASLInitialResponse") {
    Authenticator a = make(AuthMethod::ScramSha256, "dave", true, kVerifier);
    std::string out;
    a.begin(out);
    CHECK_THROWS_WITH(a.respond(payload(protocol::SaslInitialResponse{"SCRAM-SHA-256", std::nullopt}), out),
                      "malformed SCRAM message");
  }
  SECTION("a message that is not 'p'") {
    CHECK(std::string(make(AuthMethod::ScramSha256, "dave", true, kVerifier).unexpected_message('Q').what()) ==
          "expected SASL response, got message type 81");
    CHECK(std::string(make(AuthMethod::Password, "dave", true, kVerifier).unexpected_message('Q').what()) ==
          "expected password response, got message type 81");
  }
}

TEST_CASE("--auth values, and the default for a listen address") {
  CHECK(parse_auth_method("trust") == AuthMethod::Trust);
  CHECK(parse_auth_method("password") == AuthMethod::Password);
  CHECK(parse_auth_method("md5") == AuthMethod::Md5);
  CHECK(parse_auth_method("scram-sha-256") == AuthMethod::ScramSha256);
  CHECK_FALSE(parse_auth_method("SCRAM"));
  CHECK_FALSE(parse_auth_method(""));
  for (const char* m : {"trust", "password", "md5", "scram-sha-256"})
    CHECK(auth_method_name(*parse_auth_method(m)) == std::string(m));

  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"}) {
    INFO(host);
    CHECK(default_auth_method(host) == AuthMethod::Trust);
  }
  for (const char* host : {"0.0.0.0", "::", "10.1.2.3", "192.168.0.1", "::ffff:10.0.0.1", "example.com"}) {
    INFO(host);
    CHECK(default_auth_method(host) == AuthMethod::ScramSha256);
  }
  CHECK(exchange_for(AuthMethod::Trust) == AuthExchange::None);
  CHECK(exchange_for(AuthMethod::Password) == AuthExchange::Cleartext);
  CHECK(exchange_for(AuthMethod::ScramSha256) == AuthExchange::Scram);
}
