#pragma once
// One connection's password exchange, without I/O: the session sends what begin() and
// respond() append to its output and feeds every 'p' message back.
//
//   Authenticator a(method, user, role_exists, verifier, mock_salt);
//   if (a.begin(out))                      // R 3 or R 10 appended; false for trust
//     do { flush; read a frame (must be 'p'; else unexpected_message()) }
//     while (!a.respond(frame.payload, out));  // R 11 appended / R 12 appended and true
//   then AuthenticationOk.
//
// Failures throw protocol::ConnectionError, sent as FATAL: 28P01 `password authentication failed
// for user "x"` for an unknown role, a role without a password and a wrong password alike (the
// reason goes to the server log only, with PostgreSQL's wording), 28P01 "empty password returned
// by client", 08P01 for malformed messages (see scram_exchange.h).
//
// Not thread-safe; one per connection.

#include <optional>
#include <string>
#include <string_view>

#include "protocol/connection_error.h"
#include "server/auth/auth_method.h"
#include "server/auth/scram_exchange.h"

namespace eddy::auth {

class Authenticator {
 public:
  // `verifier`: the role's stored password (SCRAM verifier text), nullopt when it has none or
  // `role_exists` is false. `salt_for_mock`: mock_salt() of the user name.
  Authenticator(AuthMethod method, std::string user, bool role_exists, std::optional<std::string> verifier,
                std::string salt_for_mock);

  // Appends the first authentication request to `out`; false when the method needs no exchange
  // (trust: the connection is authenticated).
  bool begin(std::string& out);
  // Handles the payload of one 'p' message and appends the reply. True when authenticated.
  bool respond(std::string_view payload, std::string& out);
  // The error for a message other than 'p' during the exchange (PostgreSQL's wording).
  protocol::ConnectionError unexpected_message(char type) const;

 private:
  enum class State { Start, Password, SaslInitial, SaslFinal, Done };

  [[noreturn]] void reject(const std::string& reason) const;
  bool respond_password(std::string_view payload);
  bool respond_sasl_initial(std::string_view payload, std::string& out);
  bool respond_sasl_final(std::string_view payload, std::string& out);

  AuthExchange exchange_;
  std::string user_;
  bool role_exists_;
  std::optional<ScramVerifier> verifier_;
  std::string salt_for_mock_;
  State state_ = State::Start;
  std::optional<ScramExchange> scram_;
};

}  // namespace eddy::auth
