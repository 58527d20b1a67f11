#include "server/server_options.h"

#include <charconv>
#include <stdexcept>

namespace eddy {

namespace {

uint64_t parse_number(const std::string& flag, std::string_view text) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty())
    throw std::invalid_argument("invalid value for " + flag + ": \"" + std::string(text) + "\"");
  return v;
}

// `unit_ms`: the unit of a bare number.
std::chrono::milliseconds parse_duration(const std::string& flag, std::string_view text, uint64_t unit_ms = 1) {
  uint64_t scale = unit_ms;
  if (text.size() > 2 && text.substr(text.size() - 2) == "ms") { text.remove_suffix(2); scale = 1; }
  else if (text.size() > 3 && text.substr(text.size() - 3) == "min") { text.remove_suffix(3); scale = 60000; }
  else if (text.size() > 1 && text.back() == 's') { text.remove_suffix(1); scale = 1000; }
  uint64_t v = parse_number(flag, text) * scale;
  if (v < 1) throw std::invalid_argument(flag + " must be at least 1ms");
  return std::chrono::milliseconds(v);
}

}  // namespace

std::string server_usage() {
  return "usage: eddy server [--host ADDR] [--port N] [--data-dir DIR]\n"
         "                   [--checkpoint-interval 100ms] [--log-level debug|info|warning|error]\n"
         "                   [--redis-url redis://host:port[/db]] [--threads N]\n"
         "                   [--auth trust|scram-sha-256|md5|password] [--superuser-password-file PATH]\n"
         "                   [--tls-cert PATH --tls-key PATH] [--max-connections N]\n"
         "                   [--authentication-timeout 60s] [--subscribe-buffer 100000]\n";
}

ServerOptions parse_server_options(const std::vector<std::string>& args) {
  ServerOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    bool has_value = false;
    if (auto eq = flag.find('='); eq != std::string::npos && flag.rfind("--", 0) == 0) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    if (flag == "--help" || flag == "-h") throw std::invalid_argument("");
    auto need = [&]() -> std::string {
      if (has_value) return value;
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--host") o.host = need();
    else if (flag == "--port") {
      uint64_t p = parse_number(flag, need());
      if (p > 65535) throw std::invalid_argument("--port must be at most 65535");
      o.port = static_cast<uint16_t>(p);
    } else if (flag == "--data-dir") o.data_dir = need();
    else if (flag == "--checkpoint-interval") o.checkpoint_interval = parse_duration(flag, need());
    else if (flag == "--log-level") {
      std::string v = need();
      if (!log::parse_level(v, o.log_level))
        throw std::invalid_argument("invalid value for --log-level: \"" + v + "\" (debug, info, warning, error)");
    } else if (flag == "--redis-url") {
      o.redis_url = need();
      if (o.redis_url.rfind("redis://", 0) != 0)
        throw std::invalid_argument("--redis-url must look like redis://[[user]:password@]host:port[/db]");
    } else if (flag == "--threads") {
      o.threads = static_cast<unsigned>(parse_number(flag, need()));
      if (o.threads == 0) o.threads = 1;
    } else if (flag == "--auth") {
      std::string v = need();
      o.auth = auth::parse_auth_method(v);
      if (!o.auth)
        throw std::invalid_argument("invalid value for --auth: \"" + v + "\" (trust, scram-sha-256, md5, password)");
    } else if (flag == "--superuser-password-file") {
      o.superuser_password_file = need();
    } else if (flag == "--tls-cert") {
      o.tls_cert = need();
    } else if (flag == "--tls-key") {
      o.tls_key = need();
    } else if (flag == "--max-connections") {
      uint64_t n = parse_number(flag, need());
      if (n < 1 || n > 262143) throw std::invalid_argument("--max-connections must be between 1 and 262143");
      o.max_connections = static_cast<unsigned>(n);
    } else if (flag == "--authentication-timeout") {
      o.authentication_timeout = parse_duration(flag, need(), 1000);
    } else if (flag == "--subscribe-buffer") {
      uint64_t n = parse_number(flag, need());
      if (n < 1 || n > (uint64_t{1} << 40)) throw std::invalid_argument("--subscribe-buffer must be between 1 and 2^40 rows");
      o.subscribe_buffer = static_cast<size_t>(n);
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  return o;
}

}  // namespace eddy
