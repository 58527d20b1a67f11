#include "server/auth/scram_exchange.h"

#include <cctype>

#include "common/error.h"
#include "protocol/connection_error.h"
#include "server/auth/crypto.h"

namespace eddy::auth {

namespace {

constexpr size_t kRawNonceLength = 18;  // SCRAM_RAW_NONCE_LEN

[[noreturn]] void fail(const char* sqlstate, std::string message, std::string detail = {}) {
  protocol::ConnectionError e(sqlstate, std::move(message), /*notify_client=*/true);
  if (!detail.empty()) e.with_detail(std::move(detail));
  throw e;
}

[[noreturn]] void malformed(std::string detail) {
  fail(sqlstate::kProtocolViolation, "malformed SCRAM message", std::move(detail));
}

// PostgreSQL's sanitize_char() of the next character: 'c' when printable, else 0xNN (the end
// of the message is PostgreSQL's terminating NUL, 0x00).
std::string shown(std::string_view in) {
  unsigned char c = in.empty() ? 0 : static_cast<unsigned char>(in.front());
  if (c >= 0x21 && c <= 0x7e) return std::string("'") + static_cast<char>(c) + "'";
  static const char* hex = "0123456789abcdef";
  return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

bool printable(std::string_view s) {
  for (char c : s)
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  return true;
}

// Reads "<attr>=<value>" up to the next ',' (consumed) or the end; throws when the next
// attribute is not `attr`.
std::string_view read_attr_value(std::string_view& in, char attr) {
  if (in.empty() || in.front() != attr)
    malformed(std::string("Expected attribute \"") + attr + "\" but found \"" + shown(in) + "\".");
  in.remove_prefix(1);
  if (in.empty() || in.front() != '=')
    malformed(std::string("Expected character \"=\" for attribute \"") + attr + "\".");
  in.remove_prefix(1);
  size_t end = in.find(',');
  std::string_view value = in.substr(0, end);
  in.remove_prefix(end == std::string_view::npos ? in.size() : end + 1);
  return value;
}

// Reads any "<letter>=<value>" attribute; `attr` receives the letter.
std::string_view read_any_attr(std::string_view& in, char& attr) {
  if (in.empty() || !std::isalpha(static_cast<unsigned char>(in.front())))
    malformed("Attribute expected, but found invalid character \"" + shown(in) + "\".");
  attr = in.front();
  return read_attr_value(in, attr);
}

void check_not_empty(std::string_view message) {
  if (message.empty()) malformed("The message is empty.");
  if (message.find('\0') != std::string_view::npos) malformed("Message length does not match input length.");
}

}  // namespace

ScramExchange::ScramExchange(std::optional<ScramVerifier> verifier, std::string salt_for_mock, std::string server_nonce)
    : doomed_(!verifier), server_nonce_(std::move(server_nonce)) {
  if (verifier) {
    verifier_ = std::move(*verifier);
  } else {
    // Keys no password can match, computed like real ones so the mock costs the same.
    verifier_.salt = std::move(salt_for_mock);
    verifier_.stored_key = sha256(random_bytes(kSha256Length));
    verifier_.server_key = random_bytes(kSha256Length);
  }
  if (server_nonce_.empty()) server_nonce_ = base64_encode(random_bytes(kRawNonceLength));
}

std::string ScramExchange::first(std::string_view message) {
  check_not_empty(message);
  std::string_view in = message;
  cbind_flag_ = in.front();
  switch (cbind_flag_) {
    case 'n':
    case 'y':  // the client could bind but thinks the server cannot: right, Eddy does not
      in.remove_prefix(1);
      if (in.empty() || in.front() != ',')
        malformed("Comma expected, but found character \"" + shown(in) + "\".");
      in.remove_prefix(1);
      break;
    case 'p':
      malformed(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding "
          "data.");
    default:
      malformed("Unexpected channel-binding flag \"" + shown(in) + "\".");
  }
  if (!in.empty() && in.front() == 'a')
    fail(sqlstate::kFeatureNotSupported, "client uses authorization identity, but it is not supported");
  if (in.empty() || in.front() != ',')
    malformed("Unexpected attribute \"" + shown(in) + "\" in client-first-message.");
  in.remove_prefix(1);
  client_first_bare_ = std::string(in);
  if (!in.empty() && in.front() == 'm')
    fail(sqlstate::kFeatureNotSupported, "client requires an unsupported SCRAM extension");
  read_attr_value(in, 'n');  // the user name: ignored, the startup packet's counts
  client_nonce_ = std::string(read_attr_value(in, 'r'));
  if (!printable(client_nonce_)) fail(sqlstate::kProtocolViolation, "non-printable characters in SCRAM nonce");
  char attr = 0;
  while (!in.empty()) read_any_attr(in, attr);  // optional extensions: none supported, ignored

  server_first_ = "r=" + client_nonce_ + server_nonce_ + ",s=" + base64_encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  return server_first_;
}

std::optional<std::string> ScramExchange::final(std::string_view message) {
  check_not_empty(message);
  std::string_view in = message;
  std::string_view binding = read_attr_value(in, 'c');
  if (!(binding == "biws" && cbind_flag_ == 'n') && !(binding == "eSws" && cbind_flag_ == 'y'))
    fail(sqlstate::kProtocolViolation, "unexpected SCRAM channel-binding attribute in client-final-message");
  std::string_view nonce = read_attr_value(in, 'r');
  // Extensions until the proof; client-final-without-proof ends before the ',' preceding "p=".
  size_t proof_at = 0;
  std::string_view proof_text;
  for (char attr = 0; attr != 'p';) {
    proof_at = message.size() - in.size();
    proof_text = read_any_attr(in, attr);
  }
  auto proof = base64_decode(proof_text);
  if (!proof || proof->size() != kSha256Length) malformed("Malformed proof in client-final-message.");
  if (!in.empty()) malformed("Garbage found at the end of client-final-message.");
  if (nonce != client_nonce_ + server_nonce_)
    fail(sqlstate::kProtocolViolation, "invalid SCRAM response", "Nonce does not match.");

  const std::string without_proof(message.substr(0, proof_at - 1));
  const std::string auth_message = client_first_bare_ + "," + server_first_ + "," + without_proof;
  std::string client_key = hmac_sha256(verifier_.stored_key, auth_message);  // ClientSignature
  for (size_t i = 0; i < client_key.size(); ++i) client_key[i] = static_cast<char>(client_key[i] ^ (*proof)[i]);
  // Always computed, mock or not, so that timing does not tell whether the role exists.
  const bool proof_ok = constant_time_equal(sha256(client_key), verifier_.stored_key);
  if (!proof_ok || doomed_) return std::nullopt;
  return "v=" + base64_encode(hmac_sha256(verifier_.server_key, auth_message));
}

std::string mock_salt(std::string_view secret, std::string_view role_name) {
  return hmac_sha256(secret, role_name).substr(0, kScramSaltLength);
}

}  // namespace eddy::auth
