#pragma once
// The fields of a Nexmark bid event, after Beam's BidGenerator: an auction that is, 1 time in 2,
// the hot auction (the first of the latest group of 100 auctions) and otherwise one likely still
// open; a bidder that is, 3 times in 4, the hot bidder (the second person of the latest group of
// 100, so hot bidders are not hot sellers) and otherwise an active person; Beam's price; and the
// channel and url of the Nexmark benchmark suite's bids: 99 times in 100 one of four hot
// channels with a fixed url, otherwise "channel-<k>" for k < 10000 with a url of its own (the
// same for every bid through channel k, under a seed).

#include <cstdint>
#include <vector>

#include "common/column.h"
#include "connectors/generator/nexmark_model.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors::nexmark {

inline constexpr uint64_t kHotChannelsRatio = 100;
inline constexpr uint64_t kChannels = 10000;

// Appends field `field` of each bid event in `events` to `out`.
void fill_bid_column(BidField field, const std::vector<uint64_t>& events, const Params& params, Column& out);

}  // namespace eddy::connectors::nexmark
