#pragma once
// The fields of a Nexmark auction event, after Beam's AuctionGenerator: id from the event number
// (auctions are numbered in order from kFirstAuctionId); a seller that is, 3 times in 4, the hot
// seller (the first person of the latest group of 100) and otherwise an active person; one of
// 5 categories from kFirstCategoryId; Beam's prices for the initial bid and the reserve (the
// initial bid plus another price); a random item name and description; and an expiry a random
// time after the event, on average the event time it takes to create kNumInFlightAuctions
// more auctions.

#include <cstdint>
#include <vector>

#include "common/column.h"
#include "connectors/generator/nexmark_model.h"
#include "connectors/generator/nexmark_schema.h"

namespace eddy::connectors::nexmark {

// How long auction event n stays open, in microseconds of event time: Beam's
// nextAuctionLengthMs kept in microseconds (Beam's milliseconds would round every auction to
// 1 ms at high event rates), 1 to twice the horizon, the horizon being the event time from n
// to the event that creates the kNumInFlightAuctions-th auction after it.
int64_t auction_length_micros(uint64_t n, uint64_t event_rate, uint64_t draw);

// Appends field `field` of each auction event in `events` to `out`.
void fill_auction_column(AuctionField field, const std::vector<uint64_t>& events, const Params& params, Column& out);

}  // namespace eddy::connectors::nexmark
