#include "connectors/generator/nexmark_generator.h"

#include <algorithm>
#include <limits>

#include "common/error.h"
#include "common/value_text.h"
#include "connectors/generator/generator_basics.h"
#include "connectors/generator/nexmark_auction.h"
#include "connectors/generator/nexmark_bid.h"
#include "connectors/generator/nexmark_person.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors {

NexmarkGenerator::NexmarkGenerator(const catalog::Relation& stream, NexmarkOptions options, uint64_t offset)
    : name_(stream.name),
      options_(options),
      params_{nexmark::seed_key(options.seed), options.event_rate},
      end_(std::numeric_limits<uint64_t>::max()),
      next_(offset),
      start_offset_(offset),
      pacer_(options.rate) {
  if (options_.limit) end_ = std::min(end_, *options_.limit);
  if (options_.events) end_ = std::min(end_, nexmark::rows_within_events(options_.kind, *options_.events));
  for (const auto& c : stream.columns) {
    types_.push_back(c.type);
    if (c.name == "_time") {
      fields_.push_back(kArrivalTime);
      continue;
    }
    const int field = nexmark::field_index(options_.kind, c.name);
    if (field < 0)
      throw SqlError(sqlstate::kInternalError, "column \"" + c.name + "\" of stream \"" + stream.name +
                                                   "\" is not produced by generator kind '" +
                                                   nexmark::kind_name(options_.kind) + "'");
    fields_.push_back(field);
  }
  events_.reserve(kGeneratorBatchRows);
}

std::string NexmarkGenerator::describe() const {
  std::string s = std::string("generator ") + nexmark::kind_name(options_.kind) + " (stream " + name_ + ", rate " +
                  std::to_string(options_.rate);
  if (options_.limit) s += ", limit " + std::to_string(*options_.limit);
  if (options_.events) s += ", events " + std::to_string(*options_.events);
  return s + ")";
}

engine::PollResult NexmarkGenerator::poll(Batch& out, std::chrono::milliseconds wait) {
  if (next_ >= end_) return engine::PollResult::Finished;
  uint64_t want = std::min(kGeneratorBatchRows, end_ - next_);
  want = pacer_.allow(next_ - start_offset_, want, wait);
  if (want == 0) return engine::PollResult::Idle;

  events_.clear();
  for (uint64_t row = next_; row < next_ + want; ++row) events_.push_back(nexmark::event_of_row(options_.kind, row));
  out = Batch::with_types(types_);
  const int64_t arrival = now_micros();
  for (size_t c = 0; c < fields_.size(); ++c) {
    Column& column = out.columns[c];
    column.reserve(want);
    const int field = fields_[c];
    if (field == kArrivalTime) {
      column.ints().assign(want, arrival);
      continue;
    }
    switch (options_.kind) {
      case nexmark::EventKind::Person:
        nexmark::fill_person_column(static_cast<nexmark::PersonField>(field), events_, params_, column);
        break;
      case nexmark::EventKind::Auction:
        nexmark::fill_auction_column(static_cast<nexmark::AuctionField>(field), events_, params_, column);
        break;
      case nexmark::EventKind::Bid:
        nexmark::fill_bid_column(static_cast<nexmark::BidField>(field), events_, params_, column);
        break;
    }
  }
  out.weights.assign(want, 1);
  next_ += want;
  return engine::PollResult::Data;
}

}  // namespace eddy::connectors
