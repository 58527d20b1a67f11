#include "common/interrupt.h"

#include <algorithm>
#include <thread>

#include "common/error.h"

namespace eddy {

namespace {

thread_local StatementInterrupt* t_current = nullptr;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void StatementInterrupt::request_cancel() {
  cancel_.store(true, std::memory_order_relaxed);
  std::function<void()> waker;
  {
    std::lock_guard lock(waker_mutex_);
    waker = waker_;
  }
  if (waker) waker();
}

void StatementInterrupt::set_waker(std::function<void()> waker) {
  std::lock_guard lock(waker_mutex_);
  waker_ = std::move(waker);
}

void StatementInterrupt::begin(std::chrono::milliseconds timeout) {
  cancel_.store(false, std::memory_order_relaxed);
  int64_t deadline = 0;
  if (timeout.count() > 0) deadline = now_ns() + std::chrono::nanoseconds(timeout).count();
  deadline_ns_.store(deadline, std::memory_order_relaxed);
}

void StatementInterrupt::end() { deadline_ns_.store(0, std::memory_order_relaxed); }

void StatementInterrupt::check() const {
  if (cancel_.load(std::memory_order_relaxed))
    throw SqlError(sqlstate::kQueryCanceled, "canceling statement due to user request");
  const int64_t deadline = deadline_ns_.load(std::memory_order_relaxed);
  if (deadline != 0 && now_ns() >= deadline)
    throw SqlError(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
}

InterruptScope::InterruptScope(StatementInterrupt* interrupt, std::chrono::milliseconds timeout)
    : previous_(t_current) {
  if (interrupt == nullptr || interrupt == previous_) return;
  interrupt->begin(timeout);
  t_current = interrupt;
  armed_ = true;
}

InterruptScope::~InterruptScope() {
  if (!armed_) return;
  t_current->end();
  t_current = previous_;
}

void check_interrupts() {
  if (t_current != nullptr) t_current->check();
}

bool interrupts_armed() { return t_current != nullptr; }

void interruptible_sleep(double seconds) {
  using clock = std::chrono::steady_clock;
  if (!(seconds > 0)) return;
  // Far beyond any real sleep; keeps the time_point arithmetic from overflowing.
  seconds = std::min(seconds, 1e9);
  const auto end = clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
  for (;;) {
    check_interrupts();
    const auto now = clock::now();
    if (now >= end) return;
    std::this_thread::sleep_for(std::min<clock::duration>(end - now, std::chrono::milliseconds(10)));
  }
}

}  // namespace eddy
