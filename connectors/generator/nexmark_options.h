#pragma once
// USING generator OPTIONS (kind 'nexmark_person' | 'nexmark_auction' | 'nexmark_bid', seed,
// rate, limit, events, event_rate): what a Nexmark generator stream is asked to make.
//
//   seed        picks the random numbers (default 0); the same options give the same rows
//   rate        wall-clock pacing, rows of this stream per second (default 0: unpaced)
//   limit       the stream ends after this many rows
//   events      the stream ends with the last of its rows among the first `events` events of
//               the global sequence (both bounds may be given; the first reached ends it)
//   event_rate  Nexmark events (all kinds) per second of event time, default 10,000,000: the
//               rate of the Nexmark benchmark suite for Flink, and Feldera's default, so that
//               event-time windows hold as many events as in their published runs
//
// `extra` is always the empty string: Beam pads events to an average size with it; benchmarks
// here measure the engine, not the padding (Feldera leaves it empty as well).

#include <cstdint>
#include <optional>
#include <vector>

#include "catalog/relation.h"
#include "connectors/generator/nexmark_model.h"

namespace eddy::connectors {

struct NexmarkOptions {
  nexmark::EventKind kind = nexmark::EventKind::Bid;
  uint64_t seed = 0;
  uint64_t rate = 0;
  std::optional<uint64_t> limit;
  std::optional<uint64_t> events;
  uint64_t event_rate = 10'000'000;
};

inline constexpr uint64_t kMaxNexmarkEventRate = 1'000'000'000'000ULL;  // keeps event time exact

// Checks the options (kind must be a Nexmark kind) and the declared columns: each visible one
// must be a column the kind produces, of a type that holds its values. Throws SqlError 22023
// naming the option or column.
NexmarkOptions parse_nexmark_options(const catalog::Options& options,
                                     const std::vector<catalog::ColumnSchema>& columns);

}  // namespace eddy::connectors
