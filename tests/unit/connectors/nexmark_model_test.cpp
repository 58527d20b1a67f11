#include <catch.hpp>

#include <map>

#include "connectors/generator/nexmark_auction.h"
#include "connectors/generator/nexmark_model.h"

using namespace eddy;
using namespace eddy::connectors;
using namespace eddy::connectors::nexmark;

TEST_CASE("nexmark: one event sequence, 1 person, 3 auctions and 46 bids in every 50") {
  std::map<EventKind, uint64_t> counts;
  for (uint64_t n = 0; n < 50000; ++n) ++counts[event_kind(n)];
  CHECK(counts[EventKind::Person] == 1000);
  CHECK(counts[EventKind::Auction] == 3000);
  CHECK(counts[EventKind::Bid] == 46000);
  CHECK(event_kind(0) == EventKind::Person);
  CHECK(event_kind(1) == EventKind::Auction);
  CHECK(event_kind(3) == EventKind::Auction);
  CHECK(event_kind(4) == EventKind::Bid);
  CHECK(event_kind(49) == EventKind::Bid);
  CHECK(event_kind(50) == EventKind::Person);

  // A kind's rows are its events, in order, with none skipped.
  for (EventKind kind : {EventKind::Person, EventKind::Auction, EventKind::Bid}) {
    uint64_t row = 0;
    for (uint64_t n = 0; n < 5000; ++n) {
      if (event_kind(n) != kind) continue;
      REQUIRE(event_of_row(kind, row) == n);
      ++row;
    }
    CHECK(rows_within_events(kind, 5000) == row);
  }
  CHECK(event_of_row(EventKind::Bid, 0) == 4);
  CHECK(event_of_row(EventKind::Bid, 46) == 54);
  CHECK(event_of_row(EventKind::Auction, 4) == 52);
  CHECK(rows_within_events(EventKind::Person, 0) == 0);
  CHECK(rows_within_events(EventKind::Person, 1) == 1);
  CHECK(rows_within_events(EventKind::Auction, 2) == 1);
  CHECK(rows_within_events(EventKind::Auction, 51) == 3);
  CHECK(rows_within_events(EventKind::Bid, 4) == 0);
  CHECK(rows_within_events(EventKind::Bid, 5) == 1);
  CHECK(rows_within_events(EventKind::Bid, 5000) == 4600);
}

TEST_CASE("nexmark: the last person and auction ids follow the event number as Beam's do") {
  CHECK(last_base0_person_id(0) == 0);
  CHECK(last_base0_person_id(49) == 0);
  CHECK(last_base0_person_id(50) == 1);
  CHECK(last_base0_person_id(50 * 1500 + 7) == 1500);
  CHECK(last_base0_auction_id(1) == 0);
  CHECK(last_base0_auction_id(3) == 2);
  CHECK(last_base0_auction_id(4) == 2);
  CHECK(last_base0_auction_id(50) == 2);  // a person: the previous run's last auction
  CHECK(last_base0_auction_id(52) == 4);
  CHECK(last_base0_auction_id(50 * 34 + 3) == 34 * 3 + 2);
}

TEST_CASE("nexmark: random people and auctions stay among the active ones plus the lead") {
  for (uint64_t n : {4ULL, 60ULL, 5004ULL, 500004ULL, 123456789ULL}) {
    for (uint64_t k = 0; k < 2000; ++k) {
      const uint64_t draw = splitmix64(n * 7919 + k);
      const int64_t person = next_base0_person_id(n, draw);
      REQUIRE(person <= last_base0_person_id(n) + kPersonIdLead);
      REQUIRE(person >= std::max<int64_t>(0, last_base0_person_id(n) + 1 - kNumActivePeople));
      const int64_t auction = next_base0_auction_id(n, draw);
      REQUIRE(auction <= last_base0_auction_id(n) + kAuctionIdLead);
      REQUIRE(auction >= std::max<int64_t>(0, last_base0_auction_id(n) - kNumInFlightAuctions));
    }
  }
}

TEST_CASE("nexmark: prices are log-uniform from 100 to 10^8") {
  uint64_t below_median = 0;
  const uint64_t draws = 100000;
  for (uint64_t k = 0; k < draws; ++k) {
    const int64_t p = price(splitmix64(k));
    REQUIRE(p >= 100);
    REQUIRE(p <= 100000000);
    if (p < 100000) ++below_median;  // 10^3 * 100: the price at u = 0.5
  }
  CHECK(below_median > draws * 49 / 100);
  CHECK(below_median < draws * 51 / 100);
  CHECK(price(0) == 100);
  CHECK(price(~0ULL) == 100000000);
}

TEST_CASE("nexmark: event time advances by 1/event_rate seconds per event") {
  CHECK(event_time_micros(0, 10000000) == kGeneratorBaseMicros);
  CHECK(event_time_micros(10, 10000000) == kGeneratorBaseMicros + 1);
  CHECK(event_time_micros(10000000, 10000000) == kGeneratorBaseMicros + 1000000);
  CHECK(event_time_micros(3, 1000) == kGeneratorBaseMicros + 3000);
  CHECK(event_time_micros(1, 3) == kGeneratorBaseMicros + 333333);
  // Exact at the largest rate, far into the sequence.
  const uint64_t n = 123456789012345ULL;
  CHECK(event_time_micros(n, 1000000000000ULL) == kGeneratorBaseMicros + static_cast<int64_t>(n / 1000000));
}

TEST_CASE("nexmark: auctions last on average the time it takes to open 100 more") {
  // At 10,000 events/s, 1666 events (100 auctions) take 166.6 ms.
  const uint64_t rate = 10000;
  double sum = 0;
  const uint64_t samples = 20000;
  for (uint64_t k = 0; k < samples; ++k) {
    const int64_t length = auction_length_micros(51 + k * 50, rate, splitmix64(k));
    REQUIRE(length >= 1);
    REQUIRE(length <= 2 * 166600);
    sum += static_cast<double>(length);
  }
  CHECK(sum / samples == Approx(166600).epsilon(0.03));
  // At any rate an auction outlives its creation.
  CHECK(auction_length_micros(1, 1000000000000ULL, 0) >= 1);
}
