#pragma once
// The cryptographic primitives authentication needs, over OpenSSL's libcrypto. Byte strings are
// std::string holding raw bytes.
//
// Thread-safe. random_bytes() throws std::runtime_error when OpenSSL's generator fails (it
// never should on Linux); the others do not fail.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace eddy::auth {

inline constexpr size_t kSha256Length = 32;

std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
// PBKDF2-HMAC-SHA-256 with a 32-byte result: SCRAM's Hi(password, salt, iterations).
std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations);
// `n` bytes from OpenSSL's CSPRNG (RAND_bytes).
std::string random_bytes(size_t n);
// Compares in time independent of where the inputs differ (CRYPTO_memcmp); false on different
// lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

// Standard base64 (RFC 4648, '+' '/', '=' padding), as SCRAM and PostgreSQL's verifiers use.
std::string base64_encode(std::string_view bytes);
// Strict: nullopt unless `text` is canonical padded base64 (length a multiple of 4, only the
// alphabet, '=' only at the end).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace eddy::auth
