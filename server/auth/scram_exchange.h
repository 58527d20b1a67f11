#pragma once
// The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it
// (auth-scram.c), without channel binding: the server advertises only SCRAM-SHA-256, so a client
// may send the gs2 header "n,," or "y,," and nothing else.
//
//   client-first   n,,n=<ignored>,r=<client nonce>            (SASLInitialResponse)
//   server-first   r=<client nonce><server nonce>,s=<base64 salt>,i=<iterations>   (R 11)
//   client-final   c=biws,r=<both nonces>,p=<base64 ClientProof>                   (SASLResponse)
//   server-final   v=<base64 ServerSignature>                                        (R 12)
//
//   AuthMessage     = client-first-bare "," server-first "," client-final-without-proof
//   ClientSignature = HMAC(StoredKey, AuthMessage);  ClientKey = ClientProof XOR ClientSignature
//   accepted when SHA-256(ClientKey) == StoredKey;   ServerSignature = HMAC(ServerKey, AuthMessage)
//
// The user name inside the SCRAM messages is ignored, as in PostgreSQL: the startup packet's is
// the one that counts.
//
// A mock exchange (unknown role, or a role without a password) runs the same steps with a
// salt derived from the role name, computes the proof the same way and then fails: the client
// cannot tell it from a wrong password.
//
// Errors: a malformed message throws protocol::ConnectionError (sent as FATAL) with PostgreSQL's
// SQLSTATE and message: 08P01 "malformed SCRAM message" (detail says what), 08P01 "invalid SCRAM
// response" (nonce mismatch), 08P01 "unexpected SCRAM channel-binding attribute in
// client-final-message", 08P01 "non-printable characters in SCRAM nonce", 0A000 "client uses
// authorization identity, but it is not supported", 0A000 "client requires an unsupported SCRAM
// extension". A wrong proof is not an exception: final() returns nullopt.
//
// Not thread-safe; one per connection.

#include <optional>
#include <string>
#include <string_view>

#include "server/auth/scram_verifier.h"

namespace eddy::auth {

class ScramExchange {
 public:
  // `verifier` nullopt: a mock exchange with `salt_for_mock` (see mock_salt()). `server_nonce`
  // is printable ASCII without ','; empty: 18 random bytes in base64, as PostgreSQL. (Tests pass
  // RFC 7677's.)
  ScramExchange(std::optional<ScramVerifier> verifier, std::string salt_for_mock, std::string server_nonce = {});

  // client-first-message -> server-first-message. Call once, first.
  std::string first(std::string_view client_first);
  // client-final-message -> server-final-message, or nullopt when the proof is wrong (or the
  // exchange is a mock one). Call once, after first().
  std::optional<std::string> final(std::string_view client_final);

 private:
  ScramVerifier verifier_;
  bool doomed_;  // a mock exchange: fails at the end whatever the client sends
  std::string server_nonce_;
  char cbind_flag_ = 0;
  std::string client_nonce_;
  std::string client_first_bare_;
  std::string server_first_;
};

// PostgreSQL's mock salt for role names that have no verifier: the first 16 bytes of
// HMAC-SHA-256(secret, name), so it is stable for a name (a second attempt sees the same salt,
// as it would for a real role) and unpredictable without the server's secret.
std::string mock_salt(std::string_view secret, std::string_view role_name);

}  // namespace eddy::auth
