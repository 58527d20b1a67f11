#include "server/auth/auth_method.h"

#include <string>

#include <boost/asio/ip/address.hpp>

namespace eddy::auth {

std::optional<AuthMethod> parse_auth_method(std::string_view text) {
  if (text == "trust") return AuthMethod::Trust;
  if (text == "password") return AuthMethod::Password;
  if (text == "md5") return AuthMethod::Md5;
  if (text == "scram-sha-256") return AuthMethod::ScramSha256;
  return std::nullopt;
}

const char* auth_method_name(AuthMethod method) {
  switch (method) {
    case AuthMethod::Trust: return "trust";
    case AuthMethod::Password: return "password";
    case AuthMethod::Md5: return "md5";
    case AuthMethod::ScramSha256: return "scram-sha-256";
  }
  return "scram-sha-256";
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(host), ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).is_loopback();
  return address.is_loopback();
}

AuthMethod default_auth_method(std::string_view host) {
  return is_loopback_host(host) ? AuthMethod::Trust : AuthMethod::ScramSha256;
}

AuthExchange exchange_for(AuthMethod method) {
  switch (method) {
    case AuthMethod::Trust: return AuthExchange::None;
    case AuthMethod::Password: return AuthExchange::Cleartext;
    case AuthMethod::Md5:  // every stored password is a SCRAM verifier: PostgreSQL then runs SCRAM
    case AuthMethod::ScramSha256: return AuthExchange::Scram;
  }
  return AuthExchange::Scram;
}

}  // namespace eddy::auth
