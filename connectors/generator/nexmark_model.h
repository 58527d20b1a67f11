#pragma once
// The Nexmark event model behind the generator kinds nexmark_person, nexmark_auction and
// nexmark_bid, after Apache Beam's Nexmark generator (GeneratorConfig, PersonGenerator,
// AuctionGenerator, BidGenerator) with its default configuration.
//
// One global sequence of events n = 0, 1, 2, ...: in every run of 50 events, offset 0 is a
// person, offsets 1-3 are auctions and 4-49 are bids (Beam's proportions 1 : 3 : 46). Each kind's
// stream holds only its own events, in order; its row r is one global event number.
//
// Every field of event n is a pure function of (seed, n): Beam draws from one java.util.Random
// carried from event to event, we draw from EventDraws(seed, n) instead, so that any row can be
// made without the rows before it (a restart at an offset is exact, and a stream that declares
// only some columns computes only those). Ids, ratios and formulas are Beam's; the random
// numbers are not, so rows are not Beam's rows value for value.
//
// Hot paths call these per row: they are inline.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

#include "connectors/generator/generator_basics.h"

namespace eddy::connectors::nexmark {

enum class EventKind { Person, Auction, Bid };

// Beam's GeneratorConfig and NexmarkConfiguration defaults.
inline constexpr uint64_t kPersonProportion = 1;
inline constexpr uint64_t kAuctionProportion = 3;
inline constexpr uint64_t kBidProportion = 46;
inline constexpr uint64_t kProportionDenominator = kPersonProportion + kAuctionProportion + kBidProportion;
inline constexpr int64_t kFirstPersonId = 1000;
inline constexpr int64_t kFirstAuctionId = 1000;
inline constexpr int64_t kFirstCategoryId = 10;
inline constexpr uint64_t kNumCategories = 5;
inline constexpr int64_t kNumActivePeople = 1000;
inline constexpr int64_t kNumInFlightAuctions = 100;
inline constexpr int64_t kPersonIdLead = 10;   // ids of people not created yet that may be named
inline constexpr int64_t kAuctionIdLead = 10;  // likewise for auctions
// P(a bid is for a hot auction) = 1 - 1/kHotAuctionRatio; likewise sellers and bidders.
inline constexpr uint64_t kHotAuctionRatio = 2;
inline constexpr uint64_t kHotSellersRatio = 4;
inline constexpr uint64_t kHotBiddersRatio = 4;
// The hot auction (seller, bidder) is the first (first, second) of each group of this many.
inline constexpr int64_t kHotAuctionGroup = 100;
inline constexpr int64_t kHotSellerGroup = 100;
inline constexpr int64_t kHotBidderGroup = 100;

// The first event of kind `kind` within each run of kProportionDenominator, and how many follow.
inline constexpr uint64_t first_offset(EventKind kind) {
  return kind == EventKind::Person ? 0 : kind == EventKind::Auction ? kPersonProportion
                                                                    : kPersonProportion + kAuctionProportion;
}
inline constexpr uint64_t proportion(EventKind kind) {
  return kind == EventKind::Person ? kPersonProportion
         : kind == EventKind::Auction ? kAuctionProportion : kBidProportion;
}

inline EventKind event_kind(uint64_t n) {
  uint64_t offset = n % kProportionDenominator;
  return offset < kPersonProportion ? EventKind::Person
         : offset < kPersonProportion + kAuctionProportion ? EventKind::Auction : EventKind::Bid;
}

// The global event number of row `row` of a kind's stream.
inline uint64_t event_of_row(EventKind kind, uint64_t row) {
  const uint64_t p = proportion(kind);
  return row / p * kProportionDenominator + first_offset(kind) + row % p;
}

// How many events of kind `kind` are among events 0 .. events-1: a stream bounded by the
// `events` option ends after that many rows.
uint64_t rows_within_events(EventKind kind, uint64_t events);

// The id (base 0) of the last person created up to event n: the person of event n itself when n
// is a person.
inline int64_t last_base0_person_id(uint64_t n) {
  const int64_t epoch = static_cast<int64_t>(n / kProportionDenominator);
  int64_t offset = static_cast<int64_t>(n % kProportionDenominator);
  if (offset >= static_cast<int64_t>(kPersonProportion)) offset = kPersonProportion - 1;
  return epoch * static_cast<int64_t>(kPersonProportion) + offset;
}

// The id (base 0) of the last auction created up to event n, the auction of event n itself when
// n is an auction. -1 before the first auction (event 0).
inline int64_t last_base0_auction_id(uint64_t n) {
  int64_t epoch = static_cast<int64_t>(n / kProportionDenominator);
  int64_t offset = static_cast<int64_t>(n % kProportionDenominator);
  if (offset < static_cast<int64_t>(kPersonProportion)) {
    --epoch;  // a person: the last auction of the previous run
    offset = kAuctionProportion - 1;
  } else if (offset >= static_cast<int64_t>(kPersonProportion + kAuctionProportion)) {
    offset = kAuctionProportion - 1;  // a bid: the last auction of this run
  } else {
    offset -= kPersonProportion;
  }
  return epoch * static_cast<int64_t>(kAuctionProportion) + offset;
}

// A uniform whole number in [0, bound) from a 64-bit draw (Lemire's multiply-shift; the bias is
// below 2^-40 for every bound used here).
__extension__ using UInt128 = unsigned __int128;  // __extension__: no -Wpedantic warning
inline uint64_t below(uint64_t draw, uint64_t bound) {
  return static_cast<uint64_t>((static_cast<UInt128>(draw) * bound) >> 64);
}

// A uniform double in [0, 1) from a 64-bit draw.
inline double unit(uint64_t draw) { return static_cast<double>(draw >> 11) * 0x1.0p-53; }

// A person among the active ones (the last kNumActivePeople), or one of the next
// kPersonIdLead not created yet: Beam's nextBase0PersonId.
inline int64_t next_base0_person_id(uint64_t n, uint64_t draw) {
  const int64_t people = last_base0_person_id(n) + 1;
  const int64_t active = people < kNumActivePeople ? people : kNumActivePeople;
  return people - active + static_cast<int64_t>(below(draw, static_cast<uint64_t>(active + kPersonIdLead)));
}

// An auction among those likely still open (the last kNumInFlightAuctions), or one of the next
// kAuctionIdLead not created yet: Beam's nextBase0AuctionId.
inline int64_t next_base0_auction_id(uint64_t n, uint64_t draw) {
  const int64_t last = last_base0_auction_id(n);
  const int64_t first = last - kNumInFlightAuctions > 0 ? last - kNumInFlightAuctions : 0;
  return first + static_cast<int64_t>(below(draw, static_cast<uint64_t>(last - first + 1 + kAuctionIdLead)));
}

// Beam's price: round(10^(u*6) * 100) for u uniform in [0, 1), so from 100 to 10^8 (cents),
// log-uniformly.
inline int64_t price(uint64_t draw) { return std::llround(std::exp(unit(draw) * 6.0 * std::numbers::ln10) * 100.0); }

// The event time of event n when `event_rate` events happen per second of event time:
// kGeneratorBaseMicros + n / event_rate seconds, in whole microseconds (exact, no overflow for
// event_rate up to 10^12).
inline int64_t event_time_micros(uint64_t n, uint64_t event_rate) {
  return kGeneratorBaseMicros + static_cast<int64_t>(n / event_rate * 1000000 + n % event_rate * 1000000 / event_rate);
}

// The random draws of one event: draw(k) is the k-th independent 64-bit value of event n under a
// seed. Each field reads its own fixed draws, so a field's value does not depend on which other
// fields are made.
class EventDraws {
 public:
  EventDraws(uint64_t seed_key, uint64_t n) : base_(splitmix64(seed_key ^ n)) {}
  uint64_t draw(uint64_t k) const { return splitmix64(base_ + k * 0xd1b54a32d192ed03ULL); }

 private:
  uint64_t base_;
};

// The seed as EventDraws takes it: mixed once, so seeds 0, 1, 2 give unrelated streams.
inline uint64_t seed_key(uint64_t seed) { return splitmix64(seed ^ 0x6e65786d61726bULL); }

// What every field of every event depends on besides the event number.
struct Params {
  uint64_t seed_key = 0;     // seed_key(seed)
  uint64_t event_rate = 1;   // events per second of event time
};

// A stream of draws started from one draw, for fields that need many (strings).
class DrawStream {
 public:
  explicit DrawStream(uint64_t start) : state_(start) {}
  uint64_t next() { return splitmix64(state_ += 0x9e3779b97f4a7c15ULL); }

 private:
  uint64_t state_;
};

// Beam's nextString(max_length): 3 to max_length-1 characters, each a space with probability
// 1/13 or else a lowercase letter, with leading and trailing spaces trimmed. Appended to `out`.
void append_random_text(DrawStream& draws, int max_length, std::string& out);

}  // namespace eddy::connectors::nexmark
