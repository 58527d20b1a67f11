#include <catch.hpp>

#include <thread>

#include "engine/stream_buffer.h"

using namespace eddy;
using namespace eddy::engine;

namespace {
Batch ints(std::initializer_list<int64_t> xs) {
  Batch b = Batch::with_types({Type::int64()});
  for (auto x : xs) {
    b.columns[0].append_int(x);
    b.weights.push_back(1);
  }
  return b;
}
}  // namespace

TEST_CASE("a stream buffer serves every reader from its own offset, across chunks") {
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::int64()});
  buffer->append(ints({1, 2, 3}));
  buffer->append(ints({4, 5}));
  BufferSource early(buffer, "s");
  Batch out;
  REQUIRE(early.poll(out, std::chrono::milliseconds(0)) == PollResult::Data);
  CHECK(out.columns[0].ints() == std::vector<int64_t>{1, 2, 3});
  REQUIRE(early.poll(out, std::chrono::milliseconds(0)) == PollResult::Data);
  CHECK(out.columns[0].ints() == std::vector<int64_t>{4, 5});
  CHECK(early.offset() == 5);
  CHECK(early.poll(out, std::chrono::milliseconds(0)) == PollResult::Idle);

  BufferSource mid(buffer, "s", 2);  // starts inside the first chunk
  REQUIRE(mid.poll(out, std::chrono::milliseconds(0)) == PollResult::Data);
  CHECK(out.columns[0].ints() == std::vector<int64_t>{3});
}

TEST_CASE("a waiting reader wakes when rows arrive") {
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::int64()});
  BufferSource reader(buffer, "s");
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    buffer->append(ints({7}));
  });
  Batch out;
  PollResult r = reader.poll(out, std::chrono::seconds(5));
  writer.join();
  REQUIRE(r == PollResult::Data);
  CHECK(out.columns[0].ints() == std::vector<int64_t>{7});
}
