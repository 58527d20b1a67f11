// eddy: the server executable. `eddy server [flags]` runs the server; see server_options.h.

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/version.h"
#include "server/server.h"
#include "server/server_options.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fprintf(stderr, "eddy %s: a streaming SQL database server\n\n%s", eddy::kEddyVersion,
                 eddy::server_usage().c_str());
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("eddy %s\n", eddy::kEddyVersion);
    return 0;
  }
  if (args[0] != "server") {
    std::fprintf(stderr, "eddy: unknown command \"%s\"\n\n%s", args[0].c_str(), eddy::server_usage().c_str());
    return 2;
  }
  eddy::ServerOptions options;
  try {
    options = eddy::parse_server_options(std::vector<std::string>(args.begin() + 1, args.end()));
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    if (what.empty()) {
      std::fprintf(stdout, "%s", eddy::server_usage().c_str());
      return 0;
    }
    std::fprintf(stderr, "eddy: %s\n\n%s", what.c_str(), eddy::server_usage().c_str());
    return 2;
  }
  eddy::Server server(options);
  return server.run();
}
