// eddy_slt: runs sqllogictest files against a live server (format and usage: tests/README.md).
//
//   eddy_slt --eddy PATH [options] file.slt...      a fresh server per file (free port, temp dir)
//   eddy_slt --connect "host=... port=..." [options] file.slt...   an already running server
//
// Exit status: 0 when every record of every file passed, 1 otherwise, 2 on a usage error.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/slt/slt_executor.h"
#include "tests/slt/slt_record.h"
#include "tests/support/eddy_process.h"

namespace {

struct Options {
  std::string eddy;
  std::string connect;
  double timeout_seconds = 30;
  std::vector<std::string> server_args;
  bool keep_temp = false;
  bool verbose = false;
  std::vector<std::string> files;
};

void usage() {
  std::fprintf(stderr,
               "usage: eddy_slt (--eddy PATH | --connect CONNINFO) [--timeout-seconds N]\n"
               "                [--server-arg ARG]... [--keep-temp] [--verbose] file.slt...\n"
               "  --eddy PATH          start PATH server --host 127.0.0.1 --port <free> --data-dir <tmp>\n"
               "                       for each file, and stop it afterwards\n"
               "  --connect CONNINFO   use a running server (libpq connection string)\n"
               "  --timeout-seconds N  how long a query is retried, and the bound on any statement (30)\n"
               "  --server-arg ARG     one more argument for `eddy server` (repeatable)\n"
               "  --keep-temp          keep the server's temp dir (data and server.log)\n"
               "  --verbose            print every record as it passes\n");
}

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--eddy") {
      if (!value(o.eddy)) return false;
    } else if (a == "--connect") {
      if (!value(o.connect)) return false;
    } else if (a == "--timeout-seconds") {
      if (!value(v)) return false;
      o.timeout_seconds = std::atof(v.c_str());
      if (o.timeout_seconds <= 0) return false;
    } else if (a == "--server-arg") {
      if (!value(v)) return false;
      o.server_args.push_back(v);
    } else if (a == "--keep-temp") {
      o.keep_temp = true;
    } else if (a == "--verbose" || a == "-v") {
      o.verbose = true;
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "eddy_slt: unknown option %s\n", a.c_str());
      return false;
    } else {
      o.files.push_back(a);
    }
  }
  return !o.files.empty() && (o.eddy.empty() != o.connect.empty());
}

struct FileResult {
  int passed = 0;
  int failed = 0;
};

// Runs one file; every problem is printed and counted as a failed record.
FileResult run_file_records(const Options& opt, const std::string& file) {
  FileResult result;
  std::ifstream in(file);
  if (!in) {
    std::printf("%s: cannot read the file\n", file.c_str());
    result.failed = 1;
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::vector<eddy::slt::Record> records;
  eddy::slt::ParseError perr;
  if (!eddy::slt::parse_slt(text.str(), records, perr)) {
    std::printf("%s:%d: malformed record: %s\n", file.c_str(), perr.line, perr.message.c_str());
    result.failed = 1;
    return result;
  }

  auto timeout = std::chrono::milliseconds(static_cast<long long>(opt.timeout_seconds * 1000));
  eddy::slt::ExecutorOptions xo;
  xo.timeout = timeout;
  xo.verbose = opt.verbose;
  std::unique_ptr<eddy::test::EddyProcess> server;
  if (!opt.eddy.empty()) {
    eddy::test::EddyProcessOptions po;
    po.binary = opt.eddy;
    po.extra_args = opt.server_args;
    po.keep_temp = opt.keep_temp;
    server = std::make_unique<eddy::test::EddyProcess>(po);
    try {
      server->start();
    } catch (const std::exception& e) {
      std::printf("%s: cannot start the server: %s\n", file.c_str(), e.what());
      result.failed = 1;
      return result;
    }
    if (opt.verbose) std::printf("%s: server on port %d, temp dir %s\n", file.c_str(), server->port(),
                                 server->temp_dir().c_str());
    xo.conninfo = server->conninfo();
    xo.server_gone = [s = server.get()]() -> std::string {
      return s->running() ? "" : s->exit_description();
    };
  } else {
    xo.conninfo = opt.connect;
  }

  {
    eddy::slt::Executor executor(xo);  // closes its connections before the server stops
    executor.run(file, records);
    result.passed = executor.passed();
    result.failed = executor.failed();
  }

  if (server) {
    bool was_running = server->running();
    std::string ended = server->stop();
    if (was_running && server->crashed()) {
      std::printf("%s: the server crashed while stopping: %s\n", file.c_str(), ended.c_str());
      ++result.failed;
    } else if (opt.verbose || ended.find("timed out") != std::string::npos) {
      std::printf("%s: server stopped: %s\n", file.c_str(), ended.c_str());
    }
    if (result.failed > 0) {
      std::printf("%s: the server's last output:\n%s", file.c_str(), server->log_tail().c_str());
      if (opt.keep_temp) std::printf("%s: kept %s\n", file.c_str(), server->temp_dir().c_str());
    }
  }
  return result;
}

FileResult run_file(const Options& opt, const std::string& file) {
  FileResult result = run_file_records(opt, file);
  std::printf("%s: %d passed, %d failed\n", file.c_str(), result.passed, result.failed);
  std::fflush(stdout);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, opt)) {
    usage();
    return 2;
  }
  int passed = 0;
  int failed = 0;
  for (const auto& file : opt.files) {
    FileResult r = run_file(opt, file);
    passed += r.passed;
    failed += r.failed;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
