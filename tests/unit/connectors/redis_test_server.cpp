#include "redis_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "connectors/redis/redis_connection.h"

namespace eddy::testing {

int free_tcp_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("could not find a free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

RedisTestServer::RedisTestServer(bool appendonly) : port_(free_tcp_port()), appendonly_(appendonly) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "eddy-redis-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = buf.data();
  start();
}

RedisTestServer::~RedisTestServer() {
  stop(true);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

connectors::RedisEndpoint RedisTestServer::endpoint() const {
  connectors::RedisEndpoint e;
  e.host = "127.0.0.1";
  e.port = port_;
  return e;
}

void RedisTestServer::start() {
  if (pid_ > 0) return;
  const std::string port = std::to_string(port_);
  const std::string log = dir_ + "/redis.log";
  std::vector<std::string> args = {"/usr/bin/redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
                                   "--dir", dir_, "--daemonize", "no", "--logfile", log};
  if (appendonly_) args.insert(args.end(), {"--appendonly", "yes", "--appendfsync", "always"});
  else args.insert(args.end(), {"--appendonly", "no"});
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string last_error;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream in(log);
      std::stringstream text;
      text << in.rdbuf();
      throw std::runtime_error("redis-server exited at start: " + text.str());
    }
    try {
      connectors::RedisConnection c(endpoint(), std::chrono::milliseconds(1000));
      connectors::RedisReply r = c.try_command({"PING"});
      if (!r.is_error()) return;
      last_error = std::string(r.text());
    } catch (const std::exception& e) {
      last_error = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop(true);
  throw std::runtime_error("redis-server did not answer on port " + port + ": " + last_error);
}

void RedisTestServer::stop(bool kill_now) {
  if (pid_ <= 0) return;
  ::kill(pid_, kill_now ? SIGKILL : SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

catalog::Relation redis_stream_relation(const std::string& name, std::vector<catalog::ColumnSchema> columns) {
  catalog::Relation r;
  r.name = name;
  r.kind = catalog::RelationKind::Stream;
  r.connector = "redis";
  r.columns = std::move(columns);
  r.columns.push_back({"_time", Type::timestamp(), false, false, true});
  r.columns.push_back({"_id", Type::text(), false, false, true});
  r.columns.push_back({"_key", Type::text(), false, false, true});
  return r;
}

Batch poll_rows(engine::Source& source, size_t rows, std::chrono::milliseconds timeout,
                const std::function<void()>& after_poll) {
  Batch all;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (all.rows() < rows && std::chrono::steady_clock::now() < deadline) {
    Batch b;
    if (source.poll(b, std::chrono::milliseconds(50)) != engine::PollResult::Data) continue;
    if (all.columns.empty()) {
      for (const auto& c : b.columns) all.columns.emplace_back(c.type());
    }
    for (size_t r = 0; r < b.rows(); ++r) {
      for (size_t c = 0; c < b.columns.size(); ++c) all.columns[c].append_from(b.columns[c], r);
      all.weights.push_back(b.weights[r]);
    }
    if (after_poll) after_poll();
  }
  return all;
}

}  // namespace eddy::testing
