// Statement interrupts: cancel, statement timeout, scopes and the interruptible sleep.

#include <catch.hpp>

#include <thread>

#include "common/error.h"
#include "common/interrupt.h"

using namespace eddy;
using namespace std::chrono_literals;

namespace {

std::string error_of(void (*f)()) {
  try {
    f();
  } catch (const SqlError& e) {
    return e.sqlstate() + " " + e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("without a scope, check_interrupts does nothing") {
  StatementInterrupt interrupt;
  interrupt.request_cancel();
  CHECK_FALSE(interrupts_armed());
  CHECK_NOTHROW(check_interrupts());
}

TEST_CASE("a cancel ends the running statement with 57014") {
  StatementInterrupt interrupt;
  InterruptScope scope(&interrupt, 0ms);
  CHECK(interrupts_armed());
  CHECK_NOTHROW(check_interrupts());
  interrupt.request_cancel();
  CHECK(error_of(check_interrupts) == "57014 canceling statement due to user request");
}

TEST_CASE("a cancel that arrived while idle is discarded when the next statement starts") {
  StatementInterrupt interrupt;
  interrupt.request_cancel();
  InterruptScope scope(&interrupt, 0ms);
  CHECK_NOTHROW(check_interrupts());
}

TEST_CASE("the statement timeout") {
  StatementInterrupt interrupt;
  {
    InterruptScope scope(&interrupt, 20ms);
    CHECK_NOTHROW(check_interrupts());
    std::this_thread::sleep_for(30ms);
    CHECK(error_of(check_interrupts) == "57014 canceling statement due to statement timeout");
  }
  CHECK_FALSE(interrupts_armed());
  InterruptScope next(&interrupt, 0ms);  // 0: no timeout, the old deadline is gone
  std::this_thread::sleep_for(5ms);
  CHECK_NOTHROW(check_interrupts());
}

TEST_CASE("a nested scope of the same interrupt keeps the outer deadline") {
  StatementInterrupt interrupt;
  InterruptScope outer(&interrupt, 10ms);
  {
    InterruptScope inner(&interrupt, 0ms);
    std::this_thread::sleep_for(20ms);
    CHECK_THROWS_AS(check_interrupts(), SqlError);
  }
  CHECK_THROWS_AS(check_interrupts(), SqlError);
}

TEST_CASE("interruptible_sleep sleeps, and a cancel from another thread ends it early") {
  auto start = std::chrono::steady_clock::now();
  interruptible_sleep(0.05);
  CHECK(std::chrono::steady_clock::now() - start >= 50ms);

  StatementInterrupt interrupt;
  InterruptScope scope(&interrupt, 0ms);
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    interrupt.request_cancel();
  });
  start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(interruptible_sleep(30), "canceling statement due to user request");
  canceller.join();
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("a cancel calls the waker after setting the flag, so a waiting statement wakes to see it") {
  StatementInterrupt interrupt;
  interrupt.begin(0ms);
  int wakes = 0;
  bool flag_seen = false;
  interrupt.set_waker([&] {
    ++wakes;
    try {
      interrupt.check();
    } catch (const SqlError& e) {
      flag_seen = e.sqlstate() == "57014";
    }
  });
  interrupt.request_cancel();
  CHECK(wakes == 1);
  CHECK(flag_seen);
  interrupt.set_waker(nullptr);
  interrupt.request_cancel();
  CHECK(wakes == 1);
}
