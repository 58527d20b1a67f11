// SCRAM-SHA-256: RFC 7677's test vector, verifiers in PostgreSQL's form, and every way a client
// message can be wrong.

#include <catch.hpp>

#include "protocol/connection_error.h"
#include "server/auth/crypto.h"
#include "server/auth/scram_exchange.h"
#include "server/auth/scram_verifier.h"
#include "tests/unit/server/scram_client.h"

using namespace eddy;
using namespace eddy::auth;

namespace {

// RFC 7677, section 3: user "user", password "pencil".
const std::string kSalt = *base64_decode("W22ZaJ0SNY7soEsUEjb6gQ==");
const std::string kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
const std::string kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
const std::string kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const std::string kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const std::string kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

ScramExchange rfc_exchange() { return ScramExchange(make_scram_verifier("pencil", kSalt, 4096), "", kServerNonce); }

// The SQLSTATE and message of the ConnectionError `f` throws ("" when it throws nothing).
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const protocol::ConnectionError& e) {
    CHECK(e.notify_client());
    return e.sqlstate() + " " + e.message() + (e.detail().empty() ? "" : " | " + e.detail());
  }
  return "";
}

}  // namespace

TEST_CASE("RFC 7677's SCRAM-SHA-256 exchange, message by message") {
  ScramExchange exchange = rfc_exchange();
  CHECK(exchange.first(kClientFirst) == kServerFirst);
  auto server_final = exchange.final(kClientFinal);
  REQUIRE(server_final);
  CHECK(*server_final == kServerFinal);
}

TEST_CASE("a wrong proof fails the exchange without an exception") {
  ScramExchange exchange = rfc_exchange();
  exchange.first(kClientFirst);
  std::string wrong = kClientFinal;
  wrong[wrong.size() - 5] = wrong[wrong.size() - 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(exchange.final(wrong));
}

TEST_CASE("the test client and the server agree, with either gs2 header") {
  for (std::string gs2 : {"n,,", "y,,"}) {
    ScramExchange exchange(make_scram_verifier("s3cret", "saltsaltsaltsalt"), "");
    test::ScramClient client("clientnonce123", gs2);
    std::string server_first = exchange.first(client.first());
    auto server_final = exchange.final(client.final("s3cret", server_first));
    REQUIRE(server_final);
    CHECK(client.verify_server_final(*server_final));

    ScramExchange again(make_scram_verifier("s3cret", "saltsaltsaltsalt"), "");
    test::ScramClient wrong("clientnonce123", gs2);
    CHECK_FALSE(again.final(wrong.final("S3cret", again.first(wrong.first()))));
  }
}

TEST_CASE("a mock exchange looks like a real one and always fails") {
  const std::string salt = mock_salt("server secret", "nobody");
  CHECK(salt.size() == kScramSaltLength);
  CHECK(mock_salt("server secret", "nobody") == salt);        // the same salt on every attempt
  CHECK(mock_salt("server secret", "somebody") != salt);
  CHECK(mock_salt("another secret", "nobody") != salt);

  ScramExchange exchange(std::nullopt, salt);
  test::ScramClient client("abc");
  std::string server_first = exchange.first(client.first());
  CHECK(server_first.find(",s=" + base64_encode(salt) + ",i=4096") != std::string::npos);
  CHECK_FALSE(exchange.final(client.final("any password", server_first)));
}

TEST_CASE("every server nonce is fresh") {
  ScramExchange a(make_scram_verifier("p", "salt"), ""), b(make_scram_verifier("p", "salt"), "");
  CHECK(a.first("n,,n=,r=x") != b.first("n,,n=,r=x"));
}

TEST_CASE("malformed client-first messages close the connection with PostgreSQL's errors") {
  auto first = [](std::string message) { return error_of([&] { rfc_exchange().first(message); }); };
  CHECK(first("") == "08P01 malformed SCRAM message | The message is empty.");
  CHECK(first("p=tls-server-end-point,,n=,r=abc") ==
        "08P01 malformed SCRAM message | The client selected SCRAM-SHA-256 without channel binding, but the SCRAM "
        "message includes channel binding data.");
  CHECK(first("x,,n=,r=abc") == "08P01 malformed SCRAM message | Unexpected channel-binding flag \"'x'\".");
  CHECK(first("n;,n=,r=abc") == "08P01 malformed SCRAM message | Comma expected, but found character \"';'\".");
  CHECK(first("n,a=admin,n=,r=abc") == "0A000 client uses authorization identity, but it is not supported");
  CHECK(first("n,,m=ext,n=,r=abc") == "0A000 client requires an unsupported SCRAM extension");
  CHECK(first("n,,r=abc") == "08P01 malformed SCRAM message | Expected attribute \"n\" but found \"'r'\".");
  CHECK(first("n,,n=,x=abc") == "08P01 malformed SCRAM message | Expected attribute \"r\" but found \"'x'\".");
  CHECK(first("n,,n=,r") == "08P01 malformed SCRAM message | Expected character \"=\" for attribute \"r\".");
  CHECK(first("n,,n=,r=ab\x01") == "08P01 non-printable characters in SCRAM nonce");
  CHECK(first(std::string("n,,n=,r=a\0b", 11)) ==
        "08P01 malformed SCRAM message | Message length does not match input length.");
  CHECK(first("n,,n=,r=abc,1=x") ==
        "08P01 malformed SCRAM message | Attribute expected, but found invalid character \"'1'\".");
  CHECK(first("n,,n=,r=abc,x=ignored") == "");  // unknown extensions are ignored
}

TEST_CASE("malformed client-final messages close the connection with PostgreSQL's errors") {
  const std::string nonce = "rOprNGfwEbeRWgbNEkqO" + kServerNonce;
  const std::string proof = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  auto final = [](std::string message, std::string first = kClientFirst) {
    return error_of([&] {
      ScramExchange exchange = rfc_exchange();
      exchange.first(first);
      exchange.final(message);
    });
  };
  CHECK(final("") == "08P01 malformed SCRAM message | The message is empty.");
  CHECK(final("c=eSws,r=" + nonce + ",p=" + proof) ==
        "08P01 unexpected SCRAM channel-binding attribute in client-final-message");
  CHECK(final("c=biws,r=" + nonce + ",p=" + proof, "y,,n=user,r=rOprNGfwEbeRWgbNEkqO") ==
        "08P01 unexpected SCRAM channel-binding attribute in client-final-message");
  CHECK(final("c=biws,r=" + nonce + "x,p=" + proof) == "08P01 invalid SCRAM response | Nonce does not match.");
  CHECK(final("c=biws,r=" + nonce + ",p=AAAA") ==
        "08P01 malformed SCRAM message | Malformed proof in client-final-message.");
  CHECK(final("c=biws,r=" + nonce + ",p=" + proof + ",x=1") ==
        "08P01 malformed SCRAM message | Garbage found at the end of client-final-message.");
  CHECK(final("c=biws,r=" + nonce) ==
        "08P01 malformed SCRAM message | Attribute expected, but found invalid character \"0x00\".");
  CHECK(final("r=" + nonce + ",p=" + proof) ==
        "08P01 malformed SCRAM message | Expected attribute \"c\" but found \"'r'\".");
  CHECK(final(kClientFinal) == "");
}

TEST_CASE("verifiers in PostgreSQL's text form") {
  ScramVerifier v = make_scram_verifier("pencil", kSalt, 4096);
  const std::string text = format_scram_verifier(v);
  CHECK(text.rfind("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$", 0) == 0);
  auto parsed = parse_scram_verifier(text);
  REQUIRE(parsed);
  CHECK(parsed->iterations == 4096);
  CHECK(parsed->salt == kSalt);
  CHECK(parsed->stored_key == v.stored_key);
  CHECK(parsed->server_key == v.server_key);
  CHECK(verify_scram_password(*parsed, "pencil"));
  CHECK_FALSE(verify_scram_password(*parsed, "pencil "));
  CHECK_FALSE(verify_scram_password(*parsed, ""));

  const std::string keys = base64_encode(v.stored_key) + ":" + base64_encode(v.server_key);
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$" + keys));
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-256$x:W22ZaJ0SNY7soEsUEjb6gQ==$" + keys));
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-256$4096:$" + keys));
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + base64_encode(v.stored_key)));
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$AAAA:AAAA"));
  CHECK_FALSE(parse_scram_verifier("SCRAM-SHA-1$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + keys));
  CHECK_FALSE(parse_scram_verifier("pencil"));

  // Fresh verifiers differ (random salt) yet verify the same password.
  std::string a = scram_verifier_text("pencil"), b = scram_verifier_text("pencil");
  CHECK(a != b);
  CHECK(verify_scram_password(*parse_scram_verifier(a), "pencil"));
  CHECK(parse_scram_verifier(a)->salt.size() == kScramSaltLength);
}

TEST_CASE("what a password given to CREATE ROLE already is") {
  CHECK(password_form(format_scram_verifier(make_scram_verifier("x", "salt"))) == PasswordForm::ScramVerifier);
  CHECK(password_form("md5" + std::string(32, 'a')) == PasswordForm::Md5Hash);
  CHECK(password_form("md5" + std::string(31, 'a')) == PasswordForm::Plain);
  CHECK(password_form("md5" + std::string(32, 'g')) == PasswordForm::Plain);
  CHECK(password_form("SCRAM-SHA-256$nonsense") == PasswordForm::Plain);
  CHECK(password_form("hunter2") == PasswordForm::Plain);
}

TEST_CASE("base64 as SCRAM uses it") {
  for (std::string s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)})
    CHECK(base64_decode(base64_encode(s)) == s);
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("n,,") == "biws");
  CHECK_FALSE(base64_decode("Zm9"));
  CHECK_FALSE(base64_decode("Zm=v"));
  CHECK_FALSE(base64_decode("Zm9v!A=="));
  CHECK_FALSE(base64_decode("====" ));
}
