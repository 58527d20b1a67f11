#include "connectors/redis/redis_connection.h"

#include <signal.h>
#include <sys/time.h>

#include <cstring>
#include <mutex>

namespace eddy::connectors {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

void ignore_sigpipe_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction old {};
    if (sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO))
      signal(SIGPIPE, SIG_IGN);
  });
}

// hiredis reports a read timeout as EAGAIN's text; say what happened instead.
std::string io_text(const redisContext* ctx) {
  std::string text = ctx->errstr;
  if (text == "Resource temporarily unavailable") return "timed out waiting for a reply";
  return text.empty() ? "I/O error" : text;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

bool RedisError::transient() const {
  if (connection_lost_) return true;
  for (std::string_view p : {"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN"})
    if (starts_with(redis_text_, p)) return true;
  return false;
}

RedisConnection::RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds command_timeout)
    : endpoint_(endpoint) {
  ignore_sigpipe_once();
  ctx_ = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(kConnectTimeout));
  if (ctx_ == nullptr)
    throw RedisError("08001", "could not connect to Redis at " + endpoint_.describe() + ": out of memory", true,
                     "out of memory");
  if (ctx_->err) {
    std::string text = ctx_->errstr;
    if (text == "Resource temporarily unavailable" || text.find("timed out") != std::string::npos)
      text = "connection timed out";
    redisFree(ctx_);
    ctx_ = nullptr;
    throw RedisError("08001", "could not connect to Redis at " + endpoint_.describe() + ": " + text, true, text);
  }
  set_command_timeout(command_timeout);
  // hiredis frees its input buffer after each reply beyond 16 KiB; large XREADGROUP replies
  // would reallocate it on every call.
  if (ctx_->reader) ctx_->reader->maxbuf = 0;
  try {
    if (!endpoint_.password.empty()) {
      std::vector<std::string_view> auth{"AUTH"};
      if (!endpoint_.user.empty()) auth.push_back(endpoint_.user);
      auth.push_back(endpoint_.password);
      RedisReply r = try_command(auth);
      if (r.is_error())
        throw RedisError("28P01", "could not connect to Redis at " + endpoint_.describe() + ": " + std::string(r.text()),
                         false, std::string(r.text()));
    }
    if (endpoint_.db != 0) {
      const std::string db = std::to_string(endpoint_.db);
      RedisReply r = try_command({"SELECT", db});
      if (r.is_error())
        throw RedisError("08001", "could not select database " + db + " of Redis at " + endpoint_.describe() + ": " +
                                      std::string(r.text()),
                         false, std::string(r.text()));
    }
  } catch (...) {
    redisFree(ctx_);
    ctx_ = nullptr;
    throw;
  }
}

RedisConnection::~RedisConnection() {
  if (ctx_) redisFree(ctx_);
}

void RedisConnection::set_command_timeout(std::chrono::milliseconds timeout) {
  if (ctx_ && !broken_) redisSetTimeout(ctx_, to_timeval(timeout));
}

void RedisConnection::throw_io_error() {
  if (!broken_) {
    broken_ = true;
    broken_text_ = io_text(ctx_);
  }
  throw RedisError("08006", "lost the connection to Redis at " + endpoint_.describe() + " (" + broken_text_ + ")",
                   true, broken_text_);
}

void RedisConnection::throw_reply_error(std::string_view what, const RedisReply& reply) const {
  const std::string text(reply.text());
  std::string sqlstate = "58000";
  if (starts_with(text, "NOAUTH") || starts_with(text, "WRONGPASS")) sqlstate = "28P01";
  throw RedisError(sqlstate, "Redis at " + endpoint_.describe() + " refused " + std::string(what) + ": " + text, false,
                   text);
}

void RedisConnection::append_argv(int argc, const char** argv, const size_t* lengths) {
  if (broken_) throw_io_error();
  if (redisAppendCommandArgv(ctx_, argc, argv, lengths) != REDIS_OK) throw_io_error();
  ++outstanding_;
}

void RedisConnection::append(const std::vector<std::string_view>& argv) {
  argv_.clear();
  argv_len_.clear();
  for (auto a : argv) {
    argv_.push_back(a.data());
    argv_len_.push_back(a.size());
  }
  append_argv(static_cast<int>(argv_.size()), argv_.data(), argv_len_.data());
}

void RedisConnection::send() {
  if (broken_) throw_io_error();
  int done = 0;
  while (!done)
    if (redisBufferWrite(ctx_, &done) != REDIS_OK) throw_io_error();
}

RedisReply RedisConnection::read_reply() {
  if (broken_) throw_io_error();
  if (outstanding_ == 0)
    throw SqlError(sqlstate::kInternalError, "RedisConnection::read_reply with no command outstanding");
  void* raw = nullptr;
  if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) throw_io_error();
  --outstanding_;
  return RedisReply(static_cast<redisReply*>(raw));
}

void RedisConnection::drain_replies(const char* what) {
  RedisReply first_error;
  while (outstanding_ > 0) {
    RedisReply r = read_reply();
    if (r.is_error() && !first_error) first_error = std::move(r);
  }
  if (first_error) throw_reply_error(what, first_error);
}

RedisReply RedisConnection::try_command(const std::vector<std::string_view>& argv) {
  if (outstanding_ != 0) drain_replies("a pipelined command");
  append(argv);
  return read_reply();
}

RedisReply RedisConnection::command(const std::vector<std::string_view>& argv) {
  RedisReply r = try_command(argv);
  if (r.is_error()) throw_reply_error(argv.empty() ? std::string_view("a command") : argv[0], r);
  return r;
}

void check_reachable(const RedisEndpoint& endpoint) {
  try {
    RedisConnection c(endpoint, RedisConnection::kConnectTimeout);
    RedisReply r = c.try_command({"PING"});
    if (r.is_error())
      throw RedisError(std::string(r.text()).rfind("NOAUTH", 0) == 0 ? "28P01" : "08001",
                       "could not connect to Redis at " + endpoint.describe() + ": " + std::string(r.text()), false,
                       std::string(r.text()));
  } catch (const RedisError& e) {
    if (e.sqlstate() == "08006")  // lost during the PING: still "could not connect"
      throw RedisError("08001", "could not connect to Redis at " + endpoint.describe() + ": " + e.redis_text(), true,
                       e.redis_text());
    throw;
  }
}

}  // namespace eddy::connectors
