// Connection slots and cancel keys.

#include <catch.hpp>

#include <set>

#include "common/error.h"
#include "server/session_registry.h"

using namespace eddy;

TEST_CASE("at most max sessions hold a slot; a released slot is free again") {
  SessionRegistry registry(2);
  auto a = registry.admit();
  auto b = registry.admit();
  REQUIRE(a);
  REQUIRE(b);
  CHECK_FALSE(registry.admit());
  CHECK(registry.sessions() == 2);
  b.reset();
  CHECK(registry.sessions() == 1);
  auto c = registry.admit();
  CHECK(c);
  std::optional<SessionRegistry::Slot> moved = std::move(c);  // moving does not release
  c.reset();
  CHECK(registry.sessions() == 2);
}

TEST_CASE("a cancel request with the right key interrupts that session only") {
  SessionRegistry registry(10);
  auto a = registry.admit();
  auto b = registry.admit();
  auto ia = std::make_shared<StatementInterrupt>();
  auto ib = std::make_shared<StatementInterrupt>();
  registry.register_cancel_key(*a, ia);
  registry.register_cancel_key(*b, ib);
  CHECK(a->process_id() != b->process_id());
  CHECK(a->process_id() > 0);

  CHECK_FALSE(registry.cancel(a->process_id(), a->secret_key() + 1));
  CHECK_FALSE(registry.cancel(12345678, a->secret_key()));
  CHECK_NOTHROW(ia->check());
  CHECK_NOTHROW(ib->check());

  CHECK(registry.cancel(a->process_id(), a->secret_key()));
  CHECK_THROWS_WITH(ia->check(), "canceling statement due to user request");
  CHECK_NOTHROW(ib->check());

  // A closed session's key cancels nothing.
  const int32_t pid = b->process_id(), secret = b->secret_key();
  b.reset();
  CHECK_FALSE(registry.cancel(pid, secret));
}

TEST_CASE("process ids are unique and secrets vary") {
  SessionRegistry registry(100);
  std::vector<SessionRegistry::Slot> slots;
  std::set<int32_t> pids, secrets;
  for (int i = 0; i < 50; ++i) {
    slots.push_back(std::move(*registry.admit()));
    registry.register_cancel_key(slots.back(), std::make_shared<StatementInterrupt>());
    pids.insert(slots.back().process_id());
    secrets.insert(slots.back().secret_key());
  }
  CHECK(pids.size() == 50);
  CHECK(secrets.size() > 45);  // 32 random bits each
}

TEST_CASE("cancel_all interrupts every session") {
  SessionRegistry registry(10);
  auto a = registry.admit();
  auto ia = std::make_shared<StatementInterrupt>();
  registry.register_cancel_key(*a, ia);
  registry.cancel_all();
  CHECK_THROWS_AS(ia->check(), SqlError);
}
