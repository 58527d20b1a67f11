#pragma once
// SCRAM-SHA-256 password verifiers (RFC 5802, RFC 7677), the only form in which Eddy keeps a
// password, in PostgreSQL's text form (pg_authid.rolpassword):
//
//   SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>
//
//   SaltedPassword = Hi(password, salt, iterations)        (PBKDF2-HMAC-SHA-256)
//   StoredKey      = SHA-256(HMAC(SaltedPassword, "Client Key"))
//   ServerKey      = HMAC(SaltedPassword, "Server Key")
//
// The password is used as given: Eddy does not apply SASLprep (RFC 4013). For passwords of
// printable ASCII, the usual case, that is the same thing; a client that normalizes a
// non-ASCII password differently from how it was set will fail to log in.
//
// Pure functions; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace eddy::auth {

inline constexpr int kScramIterations = 4096;      // PostgreSQL's scram_iterations default
inline constexpr size_t kScramSaltLength = 16;     // SCRAM_DEFAULT_SALT_LEN
inline constexpr std::string_view kScramMechanism = "SCRAM-SHA-256";

struct ScramVerifier {
  int iterations = kScramIterations;
  std::string salt;        // raw bytes
  std::string stored_key;  // 32 raw bytes
  std::string server_key;  // 32 raw bytes
};

// Parses the text form; nullopt unless it is exactly a well-formed SCRAM-SHA-256 verifier
// (positive iteration count, non-empty salt, 32-byte keys).
std::optional<ScramVerifier> parse_scram_verifier(std::string_view text);
std::string format_scram_verifier(const ScramVerifier& verifier);

// The verifier of `password` with the given salt and iteration count.
ScramVerifier make_scram_verifier(std::string_view password, std::string_view salt,
                                  int iterations = kScramIterations);
// The text form of a fresh verifier of `password` with a random 16-byte salt, as CREATE ROLE
// ... PASSWORD stores it.
std::string scram_verifier_text(std::string_view password);

// True when `password` is the one `verifier` was made from (the cleartext `password` method).
bool verify_scram_password(const ScramVerifier& verifier, std::string_view password);

// What a password given to CREATE/ALTER ROLE already is, as PostgreSQL's get_password_type():
// a SCRAM-SHA-256 verifier (stored as is, like pg_dump's output), an MD5 hash ("md5" and 32
// hex digits), or a plain password.
enum class PasswordForm { Plain, ScramVerifier, Md5Hash };
PasswordForm password_form(std::string_view password);

}  // namespace eddy::auth
