#pragma once
// `eddy server` command-line options.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/log.h"

namespace eddy {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 5454;
  std::string data_dir = "./eddy-data";
  std::chrono::milliseconds checkpoint_interval{100};
  log::Level log_level = log::Level::Info;
  unsigned threads = 2;  // io threads serving sessions
  std::string redis_url;  // default Redis for USING redis: redis://[[user]:pass@]host:port[/db]
};

// Parses the arguments after "server". Accepts "--flag value" and "--flag=value".
// checkpoint interval: "100ms", "1s", "250" (milliseconds), from 1 ms.
// Throws std::invalid_argument with a message naming the flag on a bad value.
ServerOptions parse_server_options(const std::vector<std::string>& args);
std::string server_usage();

}  // namespace eddy
