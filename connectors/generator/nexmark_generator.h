#pragma once
// The Source of a stream USING generator OPTIONS (kind 'nexmark_person' | 'nexmark_auction' |
// 'nexmark_bid', ...): the rows of one kind of Nexmark event, in event order (nexmark_model.h
// for the event sequence, nexmark_options.h for the options).
//
// Row r of the stream is the kind's r-th event; offset() is the next row, and a generator opened
// at an offset continues exactly where one stopped there. Only the declared columns are made,
// a batch at a time, column by column; `_time` is the arrival (wall-clock) time of the batch.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "connectors/generator/nexmark_options.h"
#include "connectors/generator/row_pacer.h"
#include "engine/source.h"

namespace eddy::connectors {

class NexmarkGenerator final : public engine::Source {
 public:
  // `stream`'s columns must have passed parse_nexmark_options.
  NexmarkGenerator(const catalog::Relation& stream, NexmarkOptions options, uint64_t offset = 0);
  engine::PollResult poll(Batch& out, std::chrono::milliseconds wait) override;
  uint64_t offset() const override { return next_; }
  std::string describe() const override;

 private:
  static constexpr int kArrivalTime = -1;
  std::vector<int> fields_;  // per stream column: the kind's field index, or kArrivalTime
  std::vector<Type> types_;
  std::string name_;
  NexmarkOptions options_;
  nexmark::Params params_;
  uint64_t end_;  // one past the last row; UINT64_MAX when unbounded
  uint64_t next_;
  uint64_t start_offset_;
  RowPacer pacer_;
  std::vector<uint64_t> events_;  // the event numbers of the batch being made
};

}  // namespace eddy::connectors
