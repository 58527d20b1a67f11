#pragma once
// One blocking connection to a Redis server, over hiredis (no RESP code of our own).
//
//   RedisConnection c(endpoint);                 // connect (2 s timeout), AUTH, SELECT
//   RedisReply r = c.command({"HGETALL", key});  // throws RedisError on an error reply
//   c.append({"HSET", ...}); c.append({"EXPIRE", ...});  // pipelining:
//   RedisReply a = c.read_reply(), b = c.read_reply();   // one reply per append, in order
//
// Errors are RedisError (an SqlError), whose message carries host:port and Redis's text:
//   08001  could not connect to Redis at localhost:6379: Connection refused
//   08006  lost the connection to Redis at localhost:6379 (Server closed the connection)
//   58000  Redis at localhost:6379 refused HSET: WRONGTYPE Operation against a key holding ...
// After a connection-level error (connection_lost()) the object is unusable: every later call
// throws the same; make a new one to reconnect.
//
// Threads: one thread at a time per object. Creating the first connection sets SIGPIPE to
// ignored for the process (hiredis writes without MSG_NOSIGNAL; a server dying mid-write must
// not kill Eddy) unless the process already installed a handler.

#include <hiredis/hiredis.h>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "connectors/redis/redis_options.h"

namespace eddy::connectors {

class RedisError : public SqlError {
 public:
  RedisError(std::string sqlstate, std::string message, bool connection_lost, std::string redis_text)
      : SqlError(std::move(sqlstate), std::move(message)),
        connection_lost_(connection_lost), redis_text_(std::move(redis_text)) {}
  // True when the connection is gone (refused, reset, timed out); false for an error reply.
  bool connection_lost() const { return connection_lost_; }
  // The bare text from Redis or the socket: "Connection refused", "NOGROUP No such key ...".
  const std::string& redis_text() const { return redis_text_; }
  // True when an error reply is transient and worth retrying: LOADING, BUSY, TRYAGAIN,
  // MASTERDOWN, CLUSTERDOWN.
  bool transient() const;

 private:
  bool connection_lost_;
  std::string redis_text_;
};

// An owned hiredis reply (or an element borrowed from one).
class RedisReply {
 public:
  RedisReply() = default;
  explicit RedisReply(redisReply* owned) : reply_(owned, &freeReplyObject) {}

  const redisReply* get() const { return reply_.get(); }
  const redisReply* operator->() const { return reply_.get(); }
  explicit operator bool() const { return reply_ != nullptr; }
  bool is_error() const { return reply_ && reply_->type == REDIS_REPLY_ERROR; }
  bool is_nil() const { return !reply_ || reply_->type == REDIS_REPLY_NIL; }
  std::string_view text() const { return reply_ && reply_->str ? std::string_view(reply_->str, reply_->len) : std::string_view(); }

 private:
  std::unique_ptr<redisReply, void (*)(void*)> reply_{nullptr, &freeReplyObject};
};

inline std::string_view reply_text(const redisReply* r) {
  return r && r->str ? std::string_view(r->str, r->len) : std::string_view();
}

class RedisConnection {
 public:
  static constexpr std::chrono::milliseconds kConnectTimeout{2000};
  static constexpr std::chrono::milliseconds kDefaultCommandTimeout{10000};

  // Connects, authenticates (AUTH [user] password) and selects the database. Throws RedisError
  // 08001 when Redis cannot be reached, 28P01 when AUTH is refused, 58000 for other refusals.
  explicit RedisConnection(const RedisEndpoint& endpoint,
                           std::chrono::milliseconds command_timeout = kDefaultCommandTimeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  const RedisEndpoint& endpoint() const { return endpoint_; }
  // How long one reply may take before the connection counts as lost (0 = forever).
  void set_command_timeout(std::chrono::milliseconds timeout);

  // Sends one command and waits for its reply. command() throws RedisError on an error reply;
  // try_command() returns it (is_error()) and throws only when the connection is lost.
  RedisReply command(const std::vector<std::string_view>& argv);
  RedisReply command(std::initializer_list<std::string_view> argv) { return command(std::vector<std::string_view>(argv)); }
  RedisReply try_command(const std::vector<std::string_view>& argv);

  // Pipelining: append() queues a command in the output buffer (no I/O); read_reply() flushes
  // what is queued and returns the oldest outstanding reply, error replies included.
  void append(const std::vector<std::string_view>& argv);
  void append(std::initializer_list<std::string_view> argv) { append(std::vector<std::string_view>(argv)); }
  // The same with a raw argv (pointers and lengths), for callers that build large commands
  // without string_views.
  void append_argv(int argc, const char** argv, const size_t* lengths);
  RedisReply read_reply();
  // Writes what append() queued to the socket now, without waiting for replies, so the server
  // works on them while the caller does something else.
  void send();
  size_t outstanding() const { return outstanding_; }
  // Reads and checks every outstanding reply; throws the first error reply (after reading all,
  // so the connection stays in step). `what` names the commands in the error.
  void drain_replies(const char* what);

  // Throws the RedisError for an error reply to command `what`.
  [[noreturn]] void throw_reply_error(std::string_view what, const RedisReply& reply) const;

 private:
  [[noreturn]] void throw_io_error();

  RedisEndpoint endpoint_;
  redisContext* ctx_ = nullptr;
  size_t outstanding_ = 0;
  bool broken_ = false;
  std::string broken_text_;
  std::vector<const char*> argv_;
  std::vector<size_t> argv_len_;
};

// Connects and PINGs; throws SqlError 08001 "could not connect to Redis at host:port: <why>"
// (AUTH/SELECT refusals keep their own SQLSTATE). For CREATE time. Any thread.
void check_reachable(const RedisEndpoint& endpoint);

}  // namespace eddy::connectors
