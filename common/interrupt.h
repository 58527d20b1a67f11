#pragma once
// Statement interrupts: a cancel request (a CancelRequest on another connection) or the
// statement_timeout deadline, observed by long-running code through check_interrupts().
//
// One StatementInterrupt per session. The thread running a statement holds an InterruptScope
// for it; any thread may call request_cancel(). Code that may run for long (pg_sleep, loops over
// many batches, waits) calls check_interrupts() every few milliseconds: it costs one
// thread-local load when no statement is running on this thread (continuous queries, tests),
// else an atomic load and a steady-clock read.
//
// As in PostgreSQL, a cancel that arrives while the session is idle is discarded: the next
// statement starts with the flag cleared.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

namespace eddy {

class StatementInterrupt {
 public:
  // Any thread. The running statement, if any, fails at its next check with 57014
  // "canceling statement due to user request". Then calls the waker, if any.
  void request_cancel();
  // A function request_cancel() calls (on the cancelling thread) after setting the flag: how a
  // statement that waits without a thread of its own (a SUBSCRIBE waiting for changes) learns
  // of a cancel at once instead of at its next check. Must not block. Null: none. Any thread.
  void set_waker(std::function<void()> waker);

  // The statement's thread (InterruptScope does this): clears a cancel that arrived while idle
  // and arms the deadline `timeout` from now (0: none).
  void begin(std::chrono::milliseconds timeout);
  void end();

  // Throws SqlError 57014 when cancelled ("canceling statement due to user request") or past
  // the deadline ("canceling statement due to statement timeout").
  void check() const;

 private:
  std::atomic<bool> cancel_{false};
  std::mutex waker_mutex_;
  std::function<void()> waker_;  // waker_mutex_
  std::atomic<int64_t> deadline_ns_{0};  // steady_clock nanoseconds; 0: no deadline
};

// Makes `interrupt` the one check_interrupts() consults on this thread, armed with `timeout`,
// for the scope's lifetime. A null interrupt, or the one an enclosing scope on this thread
// already armed, leaves everything as it is (nested statements share the outer deadline).
class InterruptScope {
 public:
  InterruptScope(StatementInterrupt* interrupt, std::chrono::milliseconds timeout);
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  StatementInterrupt* previous_;
  bool armed_ = false;
};

// Throws SqlError 57014 when the statement running on this thread was cancelled or timed out;
// does nothing on a thread without an InterruptScope.
void check_interrupts();

// True when this thread runs a statement under an InterruptScope.
bool interrupts_armed();

// Sleeps `seconds` in slices of at most 10 ms, calling check_interrupts() between them, so a
// cancel or timeout ends the sleep within about 10 ms.
void interruptible_sleep(double seconds);

}  // namespace eddy
