#pragma once
// Runs parsed sqllogictest records against a server over libpq (format: tests/README.md).
//
// Every query record is retried until its rows match or `timeout` passes (streaming results
// arrive eventually); statements and copies run once, bounded by the same timeout so a hung
// server fails the record instead of hanging the runner.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/slt/slt_record.h"

struct pg_conn;

namespace eddy::slt {

struct ExecutorOptions {
  std::string conninfo;                     // libpq connection string for every connection
  std::chrono::milliseconds timeout{30000};  // per record
  std::chrono::milliseconds poll{50};        // between attempts of a query
  bool verbose = false;                     // print every record as it completes
  // Called between attempts; returns "" while the server is alive, else why it is not (the
  // file then stops). May be empty when the runner does not own the server.
  std::function<std::string()> server_gone;
};

class Executor {
 public:
  explicit Executor(ExecutorOptions options);
  ~Executor();  // closes every connection
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Runs `records` of `file` (the name is used in messages only). Failures are printed to
  // stdout as they happen and counted.
  void run(const std::string& file, const std::vector<Record>& records);

  int passed() const { return passed_; }
  int failed() const { return failed_; }

 private:
  struct Halt {};        // thrown by a halt record
  struct ServerGone {};  // thrown when the server died; the file stops

  void run_records(const std::vector<Record>& records);
  void run_statement(const Record& r);
  void run_query(const Record& r);
  void run_copy(const Record& r);
  std::string where(const Record& r) const;  // "file:line", plus the loop variables if any

  pg_conn* connection();  // the current one, connected on first use; nullptr on failure
  void drop_connection();
  void pass(const Record& r, const std::string& what);
  void fail(const Record& r, const std::string& what, const std::string& details);
  void check_server();

  ExecutorOptions options_;
  std::string file_;
  std::vector<std::pair<std::string, long>> vars_;  // loop variables, outermost first
  std::string current_ = "default";
  std::map<std::string, pg_conn*> connections_;
  // Query records with params prepare their SQL once per connection (a named statement, as
  // pgbench -M prepared and drivers do): connection -> SQL -> statement name.
  std::map<std::string, std::map<std::string, std::string>> prepared_;
  std::string connect_error_;
  int passed_ = 0;
  int failed_ = 0;
};

}  // namespace eddy::slt
