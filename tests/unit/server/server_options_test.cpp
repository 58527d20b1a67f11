// `eddy server` flags: the authentication, TLS and limit flags and their defaults.

#include <catch.hpp>

#include "server/server_options.h"

using namespace eddy;

namespace {

ServerOptions parse(std::vector<std::string> args) { return parse_server_options(args); }

}  // namespace

TEST_CASE("defaults: trust on loopback, SCRAM elsewhere, no TLS, 100 connections, 60 s") {
  ServerOptions o = parse({});
  CHECK(o.host == "127.0.0.1");
  CHECK(o.auth_method() == auth::AuthMethod::Trust);
  CHECK_FALSE(o.tls());
  CHECK(o.max_connections == 100);
  CHECK(o.authentication_timeout == std::chrono::seconds(60));
  CHECK(o.superuser_password_file.empty());
  CHECK(parse({"--host", "0.0.0.0"}).auth_method() == auth::AuthMethod::ScramSha256);
  CHECK(parse({"--host=10.0.0.5"}).auth_method() == auth::AuthMethod::ScramSha256);
  CHECK(parse({"--host", "localhost"}).auth_method() == auth::AuthMethod::Trust);
  CHECK(parse({"--host", "::1"}).auth_method() == auth::AuthMethod::Trust);
}

TEST_CASE("--auth overrides the default, either way") {
  CHECK(parse({"--auth", "scram-sha-256"}).auth_method() == auth::AuthMethod::ScramSha256);
  CHECK(parse({"--auth=md5"}).auth_method() == auth::AuthMethod::Md5);
  CHECK(parse({"--auth", "password"}).auth_method() == auth::AuthMethod::Password);
  CHECK(parse({"--host", "0.0.0.0", "--auth", "trust"}).auth_method() == auth::AuthMethod::Trust);
  CHECK_THROWS_WITH(parse({"--auth", "ident"}),
                    "invalid value for --auth: \"ident\" (trust, scram-sha-256, md5, password)");
  CHECK_THROWS_WITH(parse({"--auth"}), "--auth needs a value");
}

TEST_CASE("--superuser-password-file, --tls-cert and --tls-key") {
  ServerOptions o = parse({"--superuser-password-file", "/run/pw", "--tls-cert", "c.pem", "--tls-key=k.pem"});
  CHECK(o.superuser_password_file == "/run/pw");
  CHECK(o.tls_cert == "c.pem");
  CHECK(o.tls_key == "k.pem");
  CHECK(o.tls());
  CHECK_THROWS_WITH(parse({"--tls-cert", "c.pem"}), "--tls-cert and --tls-key go together");
  CHECK_THROWS_WITH(parse({"--tls-key", "k.pem"}), "--tls-cert and --tls-key go together");
}

TEST_CASE("--max-connections") {
  CHECK(parse({"--max-connections", "2"}).max_connections == 2);
  CHECK_THROWS_WITH(parse({"--max-connections", "0"}), "--max-connections must be between 1 and 262143");
  CHECK_THROWS_WITH(parse({"--max-connections", "many"}), "invalid value for --max-connections: \"many\"");
}

TEST_CASE("--authentication-timeout: seconds by default, or with a unit") {
  CHECK(parse({"--authentication-timeout", "1"}).authentication_timeout == std::chrono::seconds(1));
  CHECK(parse({"--authentication-timeout", "5s"}).authentication_timeout == std::chrono::seconds(5));
  CHECK(parse({"--authentication-timeout", "250ms"}).authentication_timeout == std::chrono::milliseconds(250));
  CHECK(parse({"--authentication-timeout", "2min"}).authentication_timeout == std::chrono::minutes(2));
  CHECK_THROWS_WITH(parse({"--authentication-timeout", "0"}), "--authentication-timeout must be at least 1ms");
  CHECK_THROWS(parse({"--authentication-timeout", "soon"}));
  // --checkpoint-interval keeps milliseconds as its bare unit.
  CHECK(parse({"--checkpoint-interval", "250"}).checkpoint_interval == std::chrono::milliseconds(250));
}

TEST_CASE("--subscribe-buffer: rows a subscriber may fall behind, at least 1") {
  CHECK(parse({}).subscribe_buffer == 100000);
  CHECK(parse({"--subscribe-buffer", "10"}).subscribe_buffer == 10);
  CHECK(parse({"--subscribe-buffer=2000000"}).subscribe_buffer == 2000000);
  CHECK_THROWS_WITH(parse({"--subscribe-buffer", "0"}), "--subscribe-buffer must be between 1 and 2^40 rows");
  CHECK_THROWS(parse({"--subscribe-buffer", "many"}));
}
