#pragma once
// `eddy server` command-line options.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/log.h"
#include "server/auth/auth_method.h"

namespace eddy {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 5454;
  std::string data_dir = "./eddy-data";
  std::chrono::milliseconds checkpoint_interval{100};
  log::Level log_level = log::Level::Info;
  unsigned threads = 2;  // io threads serving sessions
  std::string redis_url;  // default Redis for USING redis: redis://[[user]:pass@]host:port[/db]
  // --auth; nullopt: the default for `host` (trust on loopback, scram-sha-256 otherwise).
  std::optional<auth::AuthMethod> auth;
  std::string superuser_password_file;  // the bootstrap superuser's password: the file's first line
  std::string tls_cert;  // PEM certificate chain; TLS is offered when both are set
  std::string tls_key;   // PEM private key
  unsigned max_connections = 100;  // sessions past their startup packet; cancel requests do not count
  std::chrono::milliseconds authentication_timeout{60000};  // accept to AuthenticationOk
  // Changes a SUBSCRIBE may hold for its client; one more and the subscriber is disconnected (53400).
  size_t subscribe_buffer = 100000;

  auth::AuthMethod auth_method() const { return auth ? *auth : auth::default_auth_method(host); }
  bool tls() const { return !tls_cert.empty(); }
};

// Parses the arguments after "server". Accepts "--flag value" and "--flag=value".
// checkpoint interval: "100ms", "1s", "250" (milliseconds), from 1 ms.
// authentication timeout: "60s", "500ms", "1min", "60" (seconds, PostgreSQL's unit), from 1 ms.
// --tls-cert and --tls-key go together.
// Throws std::invalid_argument with a message naming the flag on a bad value.
ServerOptions parse_server_options(const std::vector<std::string>& args);
std::string server_usage();

}  // namespace eddy
