#pragma once
// A minimal SCRAM-SHA-256 client for the tests, written from RFC 5802 independently of the
// server's exchange code (it only shares the crypto primitives): it builds client-final from a
// password and server-first, and checks server-final.

#include <string>
#include <string_view>

#include "server/auth/crypto.h"

namespace eddy::test {

struct ScramClient {
  std::string gs2_header = "n,,";
  std::string client_first_bare;
  std::string auth_message;
  std::string server_key;

  explicit ScramClient(std::string client_nonce, std::string gs2 = "n,,")
      : gs2_header(std::move(gs2)), client_first_bare("n=,r=" + client_nonce) {}

  std::string first() const { return gs2_header + client_first_bare; }

  // client-final-message for `password` given server-first "r=...,s=...,i=...".
  std::string final(std::string_view password, const std::string& server_first) {
    auto attr = [&](char a) {
      size_t at = server_first.find(std::string(1, a) + "=");
      size_t end = server_first.find(',', at);
      return server_first.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
    };
    const std::string nonce = attr('r');
    const std::string salt = *auth::base64_decode(attr('s'));
    const int iterations = std::stoi(attr('i'));
    const std::string salted = auth::pbkdf2_sha256(password, salt, iterations);
    const std::string client_key = auth::hmac_sha256(salted, "Client Key");
    const std::string stored_key = auth::sha256(client_key);
    server_key = auth::hmac_sha256(salted, "Server Key");
    const std::string without_proof = "c=" + auth::base64_encode(gs2_header) + ",r=" + nonce;
    auth_message = client_first_bare + "," + server_first + "," + without_proof;
    std::string proof = auth::hmac_sha256(stored_key, auth_message);
    for (size_t i = 0; i < proof.size(); ++i) proof[i] = static_cast<char>(proof[i] ^ client_key[i]);
    return without_proof + ",p=" + auth::base64_encode(proof);
  }

  bool verify_server_final(std::string_view server_final) const {
    return server_final == "v=" + auth::base64_encode(auth::hmac_sha256(server_key, auth_message));
  }
};

}  // namespace eddy::test
