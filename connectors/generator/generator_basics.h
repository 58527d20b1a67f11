#pragma once
// What every generator kind shares: the stateless hash its rows are drawn from, the event time
// its first row carries, its batch size, and how its whole-number options are read.

#include <cstdint>
#include <string>

namespace eddy::connectors {

// Rows per poll() when the stream is not paced: large enough to amortise the per-batch work,
// small enough that a batch stays in cache.
inline constexpr uint64_t kGeneratorBatchRows = 4096;

// 2026-01-01 00:00:00 UTC in microseconds since the epoch: the event time of every kind's first
// event, so generated timestamps are the same on every run and every machine.
inline constexpr int64_t kGeneratorBaseMicros = 1767225600LL * 1000000LL;

// splitmix64's finalizer (with its increment): a good, cheap, stateless 64-bit hash. Rows are
// pure functions of (seed, row), so a generator restarted at an offset repeats itself exactly.
inline uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The value of generator option `key` as a non-negative whole number. Throws SqlError 22023
// naming the option when `value` is anything else.
uint64_t parse_generator_count(const std::string& key, const std::string& value);

}  // namespace eddy::connectors
