#include "server/auth/authenticator.h"

#include <array>

#include "common/error.h"
#include "common/log.h"
#include "protocol/backend_messages.h"
#include "protocol/frontend_messages.h"

namespace eddy::auth {

namespace {

// A malformed 'p' payload ends the connection: during authentication PostgreSQL's ERROR is FATAL.
template <typename Decode>
auto decode_or_close(Decode decode) {
  try {
    return decode();
  } catch (const protocol::ConnectionError&) {
    throw;
  } catch (const SqlError& e) {
    throw protocol::ConnectionError(e.sqlstate(), e.message(), /*notify_client=*/true);
  }
}

}  // namespace

Authenticator::Authenticator(AuthMethod method, std::string user, bool role_exists,
                             std::optional<std::string> verifier, std::string salt_for_mock)
    : exchange_(exchange_for(method)),
      user_(std::move(user)),
      role_exists_(role_exists),
      salt_for_mock_(std::move(salt_for_mock)) {
  if (role_exists_ && verifier) {
    verifier_ = parse_scram_verifier(*verifier);
    if (!verifier_) log::error("the stored password of role \"" + user_ + "\" is not a SCRAM-SHA-256 verifier");
  }
}

bool Authenticator::begin(std::string& out) {
  switch (exchange_) {
    case AuthExchange::None:
      state_ = State::Done;
      return false;
    case AuthExchange::Cleartext:
      protocol::authentication_cleartext_password(out);
      state_ = State::Password;
      return true;
    case AuthExchange::Scram: {
      const std::array<std::string_view, 1> mechanisms{kScramMechanism};
      protocol::authentication_sasl(out, mechanisms);
      state_ = State::SaslInitial;
      return true;
    }
  }
  return false;
}

bool Authenticator::respond(std::string_view payload, std::string& out) {
  switch (state_) {
    case State::Password: return respond_password(payload);
    case State::SaslInitial: return respond_sasl_initial(payload, out);
    case State::SaslFinal: return respond_sasl_final(payload, out);
    case State::Start:
    case State::Done: break;
  }
  throw protocol::ConnectionError(sqlstate::kProtocolViolation, "unexpected password message", true);
}

protocol::ConnectionError Authenticator::unexpected_message(char type) const {
  const char* what = exchange_ == AuthExchange::Scram ? "SASL" : "password";
  return protocol::ConnectionError(sqlstate::kProtocolViolation,
                                   std::string("expected ") + what + " response, got message type " +
                                       std::to_string(static_cast<int>(static_cast<unsigned char>(type))),
                                   /*notify_client=*/true);
}

void Authenticator::reject(const std::string& reason) const {
  // As PostgreSQL: the client learns nothing but the failure, the log learns why.
  log::info("password authentication failed for user \"" + user_ + "\": " + reason);
  throw protocol::ConnectionError(sqlstate::kInvalidPassword,
                                  "password authentication failed for user \"" + user_ + "\"",
                                  /*notify_client=*/true);
}

bool Authenticator::respond_password(std::string_view payload) {
  auto message = decode_or_close([&] { return protocol::decode_password_message(payload); });
  state_ = State::Done;
  if (message.password.empty())
    throw protocol::ConnectionError(sqlstate::kInvalidPassword, "empty password returned by client", true);
  if (!role_exists_) reject("Role \"" + user_ + "\" does not exist.");
  if (!verifier_) reject("User \"" + user_ + "\" has no password assigned.");
  if (!verify_scram_password(*verifier_, message.password)) reject("Password does not match for user \"" + user_ + "\".");
  return true;
}

bool Authenticator::respond_sasl_initial(std::string_view payload, std::string& out) {
  auto message = decode_or_close([&] { return protocol::decode_sasl_initial_response(payload); });
  if (message.mechanism != kScramMechanism)
    throw protocol::ConnectionError(sqlstate::kProtocolViolation,
                                    "client selected an invalid SASL authentication mechanism", true);
  scram_.emplace(verifier_, salt_for_mock_);
  std::string server_first = scram_->first(message.data ? std::string_view(*message.data) : std::string_view());
  protocol::authentication_sasl_continue(out, server_first);
  state_ = State::SaslFinal;
  return false;
}

bool Authenticator::respond_sasl_final(std::string_view payload, std::string& out) {
  auto message = decode_or_close([&] { return protocol::decode_sasl_response(payload); });
  state_ = State::Done;
  std::optional<std::string> server_final = scram_->final(message.data);
  if (!server_final) {
    if (!role_exists_) reject("Role \"" + user_ + "\" does not exist.");
    if (!verifier_) reject("User \"" + user_ + "\" has no password assigned.");
    reject("Password does not match for user \"" + user_ + "\".");
  }
  protocol::authentication_sasl_final(out, *server_final);
  return true;
}

}  // namespace eddy::auth
