#pragma once
// The server-wide authentication method (`eddy server --auth`) and which exchange it leads to.
//
// There is no pg_hba.conf: one method applies to every connection, whatever its address.
//
//   trust          no password; any existing LOGIN role may connect
//   password       AuthenticationCleartextPassword (R 3), checked against the SCRAM verifier
//   md5            as PostgreSQL when the stored password is a SCRAM verifier (or there is none,
//                  with password_encryption = scram-sha-256): the exchange is SCRAM. Eddy keeps
//                  only SCRAM verifiers, so md5 always runs SCRAM and never sends R 5.
//   scram-sha-256  AuthenticationSASL (R 10) with SCRAM-SHA-256
//
// Pure functions; thread-safe.

#include <optional>
#include <string_view>

namespace eddy::auth {

enum class AuthMethod { Trust, Password, Md5, ScramSha256 };

// "trust", "password", "md5", "scram-sha-256"; nullopt otherwise.
std::optional<AuthMethod> parse_auth_method(std::string_view text);
const char* auth_method_name(AuthMethod method);

// True for "localhost", 127.0.0.0/8, ::1 and ::ffff:127.x.y.z.
bool is_loopback_host(std::string_view host);
// The default for a listen address: trust on loopback, scram-sha-256 otherwise, so a server
// reachable from the network never starts open.
AuthMethod default_auth_method(std::string_view host);

enum class AuthExchange { None, Cleartext, Scram };
AuthExchange exchange_for(AuthMethod method);

}  // namespace eddy::auth
