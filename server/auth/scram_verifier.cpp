#include "server/auth/scram_verifier.h"

#include <charconv>

#include "server/auth/crypto.h"

namespace eddy::auth {

namespace {

constexpr std::string_view kPrefix = "SCRAM-SHA-256$";

// Splits `s` at the first `sep`; false when there is none.
bool split(std::string_view s, char sep, std::string_view& left, std::string_view& right) {
  size_t at = s.find(sep);
  if (at == std::string_view::npos) return false;
  left = s.substr(0, at);
  right = s.substr(at + 1);
  return true;
}

}  // namespace

std::optional<ScramVerifier> parse_scram_verifier(std::string_view text) {
  if (!text.starts_with(kPrefix)) return std::nullopt;
  text.remove_prefix(kPrefix.size());
  std::string_view salt_part, keys_part, iterations_text, salt_text, stored_text, server_text;
  if (!split(text, '$', salt_part, keys_part)) return std::nullopt;
  if (!split(salt_part, ':', iterations_text, salt_text)) return std::nullopt;
  if (!split(keys_part, ':', stored_text, server_text)) return std::nullopt;
  ScramVerifier v;
  auto [end, ec] = std::from_chars(iterations_text.data(), iterations_text.data() + iterations_text.size(), v.iterations);
  if (ec != std::errc() || end != iterations_text.data() + iterations_text.size() || v.iterations <= 0)
    return std::nullopt;
  auto salt = base64_decode(salt_text);
  auto stored = base64_decode(stored_text);
  auto server = base64_decode(server_text);
  if (!salt || salt->empty() || !stored || stored->size() != kSha256Length || !server ||
      server->size() != kSha256Length)
    return std::nullopt;
  v.salt = std::move(*salt);
  v.stored_key = std::move(*stored);
  v.server_key = std::move(*server);
  return v;
}

std::string format_scram_verifier(const ScramVerifier& v) {
  return std::string(kPrefix) + std::to_string(v.iterations) + ":" + base64_encode(v.salt) + "$" +
         base64_encode(v.stored_key) + ":" + base64_encode(v.server_key);
}

ScramVerifier make_scram_verifier(std::string_view password, std::string_view salt, int iterations) {
  const std::string salted = pbkdf2_sha256(password, salt, iterations);
  ScramVerifier v;
  v.iterations = iterations;
  v.salt = std::string(salt);
  v.stored_key = sha256(hmac_sha256(salted, "Client Key"));
  v.server_key = hmac_sha256(salted, "Server Key");
  return v;
}

std::string scram_verifier_text(std::string_view password) {
  return format_scram_verifier(make_scram_verifier(password, random_bytes(kScramSaltLength)));
}

bool verify_scram_password(const ScramVerifier& verifier, std::string_view password) {
  const std::string salted = pbkdf2_sha256(password, verifier.salt, verifier.iterations);
  return constant_time_equal(hmac_sha256(salted, "Server Key"), verifier.server_key);
}

PasswordForm password_form(std::string_view password) {
  if (parse_scram_verifier(password)) return PasswordForm::ScramVerifier;
  if (password.size() == 35 && password.starts_with("md5") &&
      password.find_first_not_of("0123456789abcdef", 3) == std::string_view::npos)
    return PasswordForm::Md5Hash;
  return PasswordForm::Plain;
}

}  // namespace eddy::auth
