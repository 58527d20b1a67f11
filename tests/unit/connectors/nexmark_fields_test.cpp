#include <catch.hpp>

#include <map>
#include <set>

#include "connectors/generator/generator_basics.h"
#include "connectors/generator/nexmark_model.h"
#include "nexmark_test_support.h"

using namespace eddy;
using namespace eddy::nexmark_test;
using connectors::kGeneratorBaseMicros;
using namespace eddy::connectors::nexmark;

namespace {

// Beam's random text: letters and spaces, trimmed (so empty, rarely, when all were spaces).
bool random_text(const std::string& s, size_t max_length) {
  if (s.size() > max_length || (!s.empty() && (s.front() == ' ' || s.back() == ' '))) return false;
  for (char ch : s)
    if (ch != ' ' && (ch < 'a' || ch > 'z')) return false;
  return true;
}

double share(uint64_t part, uint64_t whole) { return static_cast<double>(part) / static_cast<double>(whole); }

}  // namespace

TEST_CASE("nexmark bids: auctions and bidders exist or are just ahead, hot ones as often as Beam's ratios say") {
  catalog::Options options = {{"kind", "nexmark_bid"}, {"events", "50000"}, {"seed", "11"}};
  auto stream = generator_stream(options);
  auto bids = generate(options);
  const auto& auction = bids[col(stream, "auction")].ints();
  const auto& bidder = bids[col(stream, "bidder")].ints();
  REQUIRE(auction.size() == 46000);
  uint64_t hot_auction = 0, hot_bidder = 0, existing_auction = 0;
  for (size_t r = 0; r < auction.size(); ++r) {
    const uint64_t n = event_of_row(EventKind::Bid, r);
    const int64_t last_auction = kFirstAuctionId + last_base0_auction_id(n);  // highest created so far
    const int64_t last_person = kFirstPersonId + last_base0_person_id(n);
    REQUIRE(auction[r] >= kFirstAuctionId);
    REQUIRE(auction[r] <= last_auction + kAuctionIdLead);
    REQUIRE(bidder[r] >= kFirstPersonId);
    REQUIRE(bidder[r] <= last_person + kPersonIdLead);
    if (auction[r] <= last_auction) ++existing_auction;
    if (auction[r] == kFirstAuctionId + last_base0_auction_id(n) / 100 * 100) ++hot_auction;
    if (bidder[r] == kFirstPersonId + last_base0_person_id(n) / 100 * 100 + 1) ++hot_bidder;
  }
  // 1 - 1/hotAuctionRatio = 1/2 hot, plus the odd random pick of the same auction.
  CHECK(share(hot_auction, auction.size()) > 0.49);
  CHECK(share(hot_auction, auction.size()) < 0.53);
  // 1 - 1/hotBiddersRatio = 3/4.
  CHECK(share(hot_bidder, bidder.size()) > 0.74);
  CHECK(share(hot_bidder, bidder.size()) < 0.77);
  CHECK(share(existing_auction, auction.size()) > 0.95);
}

TEST_CASE("nexmark bids: prices, event time, channels and urls") {
  catalog::Options options = {{"kind", "nexmark_bid"}, {"events", "100000"}, {"event_rate", "1000"}};
  auto stream = generator_stream(options);
  auto bids = generate(options);
  const auto& price = bids[col(stream, "price")].ints();
  const auto& date_time = bids[col(stream, "date_time")].ints();
  const auto& channel = bids[col(stream, "channel")].strings();
  const auto& url = bids[col(stream, "url")].strings();
  const auto& extra = bids[col(stream, "extra")].strings();
  const std::map<std::string, std::string> hot = {{"Google", "https://www.nexmark.com/googl/item.htm?query=1"},
                                                   {"Facebook", "https://www.nexmark.com/meta/item.htm?query=1"},
                                                   {"Baidu", "https://www.nexmark.com/bidu/item.htm?query=1"},
                                                   {"Apple", "https://www.nexmark.com/aapl/item.htm?query=1"}};
  std::map<std::string, std::string> cold_urls;
  std::set<std::string> hot_seen;
  uint64_t cold = 0;
  for (size_t r = 0; r < price.size(); ++r) {
    REQUIRE(price[r] >= 100);
    REQUIRE(price[r] <= 100000000);
    // event_rate 1000: event n happens n milliseconds after the base time.
    REQUIRE(date_time[r] == kGeneratorBaseMicros + static_cast<int64_t>(event_of_row(EventKind::Bid, r)) * 1000);
    REQUIRE(extra[r].empty());
    auto h = hot.find(channel[r]);
    if (h != hot.end()) {
      REQUIRE(url[r] == h->second);
      hot_seen.insert(channel[r]);
      continue;
    }
    ++cold;
    REQUIRE(channel[r].rfind("channel-", 0) == 0);
    REQUIRE(std::stoi(channel[r].substr(8)) < 10000);
    REQUIRE(url[r].rfind("https://www.nexmark.com/", 0) == 0);
    REQUIRE(url[r].find("/item.htm?query=1") != std::string::npos);
    auto [it, fresh] = cold_urls.emplace(channel[r], url[r]);
    REQUIRE(it->second == url[r]);  // one url per channel
  }
  CHECK(hot_seen.size() == 4);
  CHECK(share(cold, price.size()) > 0.007);  // 1 in 100
  CHECK(share(cold, price.size()) < 0.013);
}

TEST_CASE("nexmark auctions: sellers, categories, prices, names and expiry") {
  catalog::Options options = {{"kind", "nexmark_auction"}, {"events", "100000"}, {"seed", "3"}, {"event_rate", "10000"}};
  auto stream = generator_stream(options);
  auto auctions = generate(options);
  const auto& id = auctions[col(stream, "id")].ints();
  const auto& seller = auctions[col(stream, "seller")].ints();
  const auto& category = auctions[col(stream, "category")].ints();
  const auto& initial_bid = auctions[col(stream, "initial_bid")].ints();
  const auto& reserve = auctions[col(stream, "reserve")].ints();
  const auto& date_time = auctions[col(stream, "date_time")].ints();
  const auto& expires = auctions[col(stream, "expires")].ints();
  const auto& item_name = auctions[col(stream, "item_name")].strings();
  const auto& description = auctions[col(stream, "description")].strings();
  REQUIRE(id.size() == 6000);
  uint64_t hot_seller = 0;
  std::set<int64_t> categories;
  double open_for = 0;
  for (size_t r = 0; r < id.size(); ++r) {
    const uint64_t n = event_of_row(EventKind::Auction, r);
    REQUIRE(id[r] == kFirstAuctionId + static_cast<int64_t>(r));
    REQUIRE(seller[r] >= kFirstPersonId);
    REQUIRE(seller[r] <= kFirstPersonId + last_base0_person_id(n) + kPersonIdLead);
    if (seller[r] == kFirstPersonId + last_base0_person_id(n) / 100 * 100) ++hot_seller;
    categories.insert(category[r]);
    REQUIRE(initial_bid[r] >= 100);
    REQUIRE(initial_bid[r] <= 100000000);
    REQUIRE(reserve[r] >= initial_bid[r] + 100);
    REQUIRE(date_time[r] == event_time_micros(n, 10000));
    if (r > 0) REQUIRE(date_time[r] > date_time[r - 1]);
    REQUIRE(expires[r] > date_time[r]);
    open_for += static_cast<double>(expires[r] - date_time[r]);
    REQUIRE(random_text(item_name[r], 19));
    REQUIRE(random_text(description[r], 99));
  }
  CHECK(share(hot_seller, id.size()) > 0.72);  // 1 - 1/hotSellersRatio = 3/4
  CHECK(share(hot_seller, id.size()) < 0.79);
  CHECK(categories == std::set<int64_t>{10, 11, 12, 13, 14});
  // On average the event time of 1666 events (100 more auctions) at 10,000 events/s.
  CHECK(open_for / static_cast<double>(id.size()) == Approx(166600).epsilon(0.05));
}

TEST_CASE("nexmark people: Beam's names, cities and states, an email, a card number") {
  catalog::Options options = {{"kind", "nexmark_person"}, {"limit", "3000"}, {"seed", "8"}};
  auto stream = generator_stream(options);
  auto people = generate(options);
  const std::set<std::string> first = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky",
                                       "Kate", "Julie", "Sarah", "Deiter", "Walter"};
  const std::set<std::string> last = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                      "Walton", "Smith", "Jones", "Noris"};
  const std::set<std::string> cities = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
                                        "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"};
  const std::set<std::string> states = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  std::set<std::string> cities_seen, states_seen;
  const auto& date_time = people[col(stream, "date_time")].ints();
  for (size_t r = 0; r < 3000; ++r) {
    const std::string& name = people[col(stream, "name")].strings()[r];
    const size_t space = name.find(' ');
    REQUIRE(space != std::string::npos);
    REQUIRE(first.count(name.substr(0, space)) == 1);
    REQUIRE(last.count(name.substr(space + 1)) == 1);
    const std::string& email = people[col(stream, "email_address")].strings()[r];
    const size_t at = email.find('@');
    REQUIRE(at != std::string::npos);
    REQUIRE(random_text(email.substr(0, at), 6));
    REQUIRE(email.size() >= at + 5);
    REQUIRE(email.substr(email.size() - 4) == ".com");
    REQUIRE(random_text(email.substr(at + 1, email.size() - at - 5), 4));
    const std::string& card = people[col(stream, "credit_card")].strings()[r];
    REQUIRE(card.size() == 19);
    for (size_t i = 0; i < card.size(); ++i) REQUIRE((i % 5 == 4 ? card[i] == ' ' : (card[i] >= '0' && card[i] <= '9')));
    const std::string& city = people[col(stream, "city")].strings()[r];
    const std::string& state = people[col(stream, "state")].strings()[r];
    REQUIRE(cities.count(city) == 1);
    REQUIRE(states.count(state) == 1);
    cities_seen.insert(city);
    states_seen.insert(state);
    REQUIRE(people[col(stream, "extra")].strings()[r].empty());
    // default event_rate, 10,000,000 events/s: 50 events (one person) take 5 microseconds
    REQUIRE(date_time[r] == kGeneratorBaseMicros + static_cast<int64_t>(r) * 5);
  }
  CHECK(cities_seen == cities);
  CHECK(states_seen == states);
}
