#include <catch.hpp>

#include "common/error.h"
#include "connectors/generator/nexmark_model.h"
#include "nexmark_test_support.h"
#include "sql_error_of.h"

using namespace eddy;
using namespace eddy::nexmark_test;
using connectors::nexmark::event_of_row;
using connectors::nexmark::EventKind;

namespace {

using eddy::test::error_of;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("nexmark generator: each kind's rows among the first 50,000 events") {
  auto people = generate({{"kind", "nexmark_person"}, {"events", "50000"}});
  auto auctions = generate({{"kind", "nexmark_auction"}, {"events", "50000"}});
  auto bids = generate({{"kind", "nexmark_bid"}, {"events", "50000"}});
  REQUIRE(people[0].size() == 1000);
  REQUIRE(auctions[0].size() == 3000);
  REQUIRE(bids[0].size() == 46000);
  // Default columns, in RisingWave's and Feldera's names, and _time.
  CHECK(people.size() == 9);
  CHECK(auctions.size() == 11);
  CHECK(bids.size() == 8);
  // Every person and auction is created once, numbered in order from 1000.
  for (int64_t i = 0; i < 1000; ++i) REQUIRE(people[0].ints()[static_cast<size_t>(i)] == 1000 + i);
  for (int64_t i = 0; i < 3000; ++i) REQUIRE(auctions[0].ints()[static_cast<size_t>(i)] == 1000 + i);
  // A bound by events that falls inside a run of 50 stops at the right row.
  CHECK(generate({{"kind", "nexmark_bid"}, {"events", "60"}})[0].size() == 46 + 6);
  CHECK(generate({{"kind", "nexmark_auction"}, {"events", "52"}})[0].size() == 4);
  CHECK(generate({{"kind", "nexmark_person"}, {"events", "0"}})[0].size() == 0);
}

TEST_CASE("nexmark generator: limit counts rows of the stream; with events, the first bound reached ends it") {
  CHECK(generate({{"kind", "nexmark_bid"}, {"limit", "10000"}})[0].size() == 10000);
  CHECK(generate({{"kind", "nexmark_bid"}, {"limit", "10000"}, {"events", "5000"}})[0].size() == 4600);
  CHECK(generate({{"kind", "nexmark_bid"}, {"limit", "100"}, {"events", "5000"}})[0].size() == 100);
  CHECK(generate({{"kind", "nexmark_person"}, {"limit", "7"}})[0].size() == 7);
}

TEST_CASE("nexmark generator: the same seed gives the same rows, another seed others") {
  for (const char* kind : {"nexmark_person", "nexmark_auction", "nexmark_bid"}) {
    INFO(kind);
    auto a = generate({{"kind", kind}, {"limit", "5000"}, {"seed", "42"}});
    auto b = generate({{"kind", kind}, {"limit", "5000"}, {"seed", "42"}});
    auto c = generate({{"kind", kind}, {"limit", "5000"}, {"seed", "43"}});
    const size_t visible = a.size() - 1;  // all but _time, the arrival time
    size_t differing = 0;
    for (size_t i = 0; i < visible; ++i) {
      CHECK(a[i].ints() == b[i].ints());
      CHECK(a[i].strings() == b[i].strings());
      if (a[i].ints() != c[i].ints() || a[i].strings() != c[i].strings()) ++differing;
    }
    // Ids and times follow the event number alone; the random fields change with the seed.
    CHECK(differing >= 3);
  }
}

TEST_CASE("nexmark generator: resuming at an offset gives the very same rows") {
  for (const char* kind : {"nexmark_person", "nexmark_auction", "nexmark_bid"}) {
    INFO(kind);
    catalog::Options options = {{"kind", kind}, {"events", "30000"}, {"seed", "5"}};
    auto whole = generate(options);
    const size_t rows = whole[0].size();
    const uint64_t offset = rows / 3 + 17;  // not on a batch or run boundary
    auto rest = generate(options, {}, offset);
    REQUIRE(rest[0].size() == rows - offset);
    for (size_t c = 0; c + 1 < whole.size(); ++c) {
      if (!whole[c].ints().empty())
        CHECK(std::equal(rest[c].ints().begin(), rest[c].ints().end(), whole[c].ints().begin() + offset));
      if (!whole[c].strings().empty())
        CHECK(std::equal(rest[c].strings().begin(), rest[c].strings().end(), whole[c].strings().begin() + offset));
    }
  }
}

TEST_CASE("nexmark generator: a stream that declares some columns gets exactly those values") {
  catalog::Options options = {{"kind", "nexmark_bid"}, {"limit", "9000"}, {"seed", "9"}};
  auto full_stream = generator_stream(options);
  auto full = generate(options);
  std::vector<catalog::ColumnSchema> some = {
      {"url", Type::text()}, {"price", Type::float64()}, {"auction", Type::int32()}, {"date_time", Type::timestamptz()}};
  auto stream = generator_stream(options, some);
  REQUIRE(stream.columns.size() == 5);  // the four and _time
  auto part = generate(options, some);
  REQUIRE(part[0].size() == 9000);
  CHECK(part[0].strings() == full[col(full_stream, "url")].strings());
  CHECK(part[2].ints() == full[col(full_stream, "auction")].ints());
  CHECK(part[3].ints() == full[col(full_stream, "date_time")].ints());
  const auto& prices = full[col(full_stream, "price")].ints();
  REQUIRE(part[1].floats().size() == prices.size());
  for (size_t i = 0; i < prices.size(); ++i) REQUIRE(part[1].floats()[i] == static_cast<double>(prices[i]));
}

TEST_CASE("nexmark generator: bad options and columns are 22023 errors naming them") {
  auto prepare = [](catalog::Options options, std::vector<catalog::ColumnSchema> columns = {}) {
    return error_of([&] { generator_stream(std::move(options), std::move(columns)); });
  };
  auto e = prepare({{"kind", "nexmark_bid"}, {"evnets", "10"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "evnets"));
  e = prepare({{"kind", "nexmark_bid"}, {"limit", "ten"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "limit"));
  e = prepare({{"kind", "nexmark_bid"}, {"event_rate", "0"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "event_rate"));
  e = prepare({{"kind", "nexmark_bid"}, {"seed", "-1"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "seed"));
  e = prepare({{"kind", "nexmark_bids"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "nexmark_bids"));
  e = prepare({{"rate", "1"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "kind"));
  // clicks options are not Nexmark options
  e = prepare({{"kind", "nexmark_person"}, {"assets", "3"}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "assets"));

  e = prepare({{"kind", "nexmark_bid"}}, {{"price", Type::int64()}, {"seller", Type::int64()}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "seller"));
  CHECK(contains(e.second, "nexmark_bid"));
  e = prepare({{"kind", "nexmark_auction"}}, {{"reserve", Type::text()}});
  CHECK(e.first == "22023");
  CHECK(contains(e.second, "reserve"));
  e = prepare({{"kind", "nexmark_auction"}}, {{"id", Type::int16()}});
  CHECK(e.first == "22023");
  e = prepare({{"kind", "nexmark_person"}}, {{"date_time", Type::int64()}});
  CHECK(e.first == "22023");
  try {
    generator_stream({{"kind", "nexmark_person"}}, {{"bidder", Type::int64()}});
    FAIL("no error");
  } catch (const SqlError& err) {
    CHECK(contains(err.hint(), "email_address text"));  // lists what the kind produces
  }
  // Good ones pass.
  CHECK(prepare({{"kind", "nexmark_bid"}, {"rate", "0"}, {"limit", "1"}, {"events", "1"}, {"seed", "3"},
                 {"event_rate", "10000"}})
            .first == "none");
}

TEST_CASE("nexmark generator: a paced stream never runs ahead of its rate") {
  auto stream = generator_stream({{"kind", "nexmark_bid"}, {"rate", "2000"}});
  auto source = connectors::open_generator(stream, 0);
  auto start = std::chrono::steady_clock::now();
  uint64_t n = 0;
  Batch b;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200))
    if (source->poll(b, std::chrono::milliseconds(10)) == engine::PollResult::Data) n += b.rows();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(static_cast<double>(n) <= elapsed * 2000 + 1);
  CHECK(n > 0);
  CHECK(source->offset() == n);
}
