#include "tests/support/eddy_process.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <libpq-fe.h>

namespace eddy::test {

namespace {

using Clock = std::chrono::steady_clock;

std::filesystem::path make_temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/eddy-test-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) {
    throw std::runtime_error("mkdtemp(" + templ + "): " + std::strerror(errno));
  }
  return templ;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  return "ended with wait status " + std::to_string(status);
}

}  // namespace

int free_tcp_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::string err = std::strerror(errno);
    ::close(fd);
    throw std::runtime_error("cannot find a free port: " + err);
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string try_connect(const std::string& conninfo, int connect_timeout_seconds) {
  std::string full = conninfo + " connect_timeout=" + std::to_string(connect_timeout_seconds);
  PGconn* conn = PQconnectdb(full.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
    if (error.empty()) error = "connection failed";
  }
  PQfinish(conn);
  return error;
}

EddyProcess::EddyProcess(EddyProcessOptions options) : options_(std::move(options)) {}

EddyProcess::~EddyProcess() {
  stop();
  if (!temp_dir_.empty() && !options_.keep_temp) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
}

std::string EddyProcess::conninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=eddy dbname=eddy";
}

void EddyProcess::start() {
  if (pid_ > 0) throw std::logic_error("EddyProcess::start called twice");
  temp_dir_ = make_temp_dir();
  std::filesystem::path data_dir = temp_dir_ / "data";
  std::filesystem::create_directory(data_dir);
  port_ = free_tcp_port();

  std::vector<std::string> args = {options_.binary, "server",     "--host", "127.0.0.1",
                                   "--port",        std::to_string(port_), "--data-dir",
                                   data_dir.string()};
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::string log_path = (temp_dir_ / "server.log").string();
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("open " + log_path + ": " + std::strerror(errno));
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_t parent = ::getpid();

  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::setpgid(0, 0);  // its own group, so a SIGKILL reaches anything it forked
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    const char msg[] = "eddy_process: execv failed\n";
    ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);  // also here, so the group exists before we may signal it
  ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);

  auto deadline = Clock::now() + options_.ready_timeout;
  std::string last_error;
  for (;;) {
    if (!running()) {
      throw std::runtime_error("eddy server " + exit_description_ +
                               " before accepting connections; its output:\n" + log_tail());
    }
    last_error = try_connect(conninfo(), 2);
    if (last_error.empty()) return;
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::string tail = log_tail();
  stop();
  throw std::runtime_error("eddy server did not accept a connection on port " +
                           std::to_string(port_) + " within " +
                           std::to_string(options_.ready_timeout.count()) + " ms (last error: " +
                           last_error + "); its output:\n" + tail);
}

void EddyProcess::reap() {
  // The process has exited but is not reaped yet, so its pid (and group id) cannot have been
  // reused: clean up anything it forked and left behind, then reap it.
  ::kill(-pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_description_ = describe_status(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  crashed_ = sig != 0 && sig != SIGTERM && sig != SIGKILL && sig != SIGINT;
  pid_ = -1;
}

bool EddyProcess::running() {
  if (pid_ <= 0) return false;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    exit_description_ = std::string("lost (waitid: ") + std::strerror(errno) + ")";
    pid_ = -1;
    return false;
  }
  if (info.si_pid == 0) return true;  // still running
  reap();
  return false;
}

std::string EddyProcess::stop() {
  if (!running()) return exit_description_;
  ::kill(pid_, SIGTERM);
  auto deadline = Clock::now() + options_.stop_grace;
  while (Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!running()) return exit_description_;
  }
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
  reap();
  exit_description_ += " (after SIGTERM timed out)";
  return exit_description_;
}

std::string EddyProcess::log_tail(size_t lines) const {
  std::ifstream in(temp_dir_ / "server.log");
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);) all.push_back(std::move(line));
  size_t from = all.size() > lines ? all.size() - lines : 0;
  std::string out;
  for (size_t i = from; i < all.size(); ++i) out += "  | " + all[i] + "\n";
  if (out.empty()) out = "  | (no output)\n";
  return out;
}

}  // namespace eddy::test
