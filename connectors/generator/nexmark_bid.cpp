#include "connectors/generator/nexmark_bid.h"

#include <charconv>
#include <string_view>

#include "connectors/generator/column_fill.h"

namespace eddy::connectors::nexmark {

namespace {

constexpr std::string_view kHotChannels[] = {"Google", "Facebook", "Baidu", "Apple"};
constexpr std::string_view kHotUrls[] = {
    "https://www.nexmark.com/googl/item.htm?query=1", "https://www.nexmark.com/meta/item.htm?query=1",
    "https://www.nexmark.com/bidu/item.htm?query=1", "https://www.nexmark.com/aapl/item.htm?query=1"};

// Each field's draws (EventDraws indexes).
enum Draw : uint64_t { kHotAuction, kAuction, kHotBidder, kBidder, kPrice, kHotChannel, kHotChannelIndex, kChannel };

int64_t auction(uint64_t n, const EventDraws& d) {
  // P(the bid is for the hot auction) = 1 - 1/kHotAuctionRatio.
  const int64_t base0 = below(d.draw(kHotAuction), kHotAuctionRatio) > 0
                            ? last_base0_auction_id(n) / kHotAuctionGroup * kHotAuctionGroup
                            : next_base0_auction_id(n, d.draw(kAuction));
  return base0 + kFirstAuctionId;
}

int64_t bidder(uint64_t n, const EventDraws& d) {
  // P(the bid is by the hot bidder) = 1 - 1/kHotBiddersRatio.
  const int64_t base0 = below(d.draw(kHotBidder), kHotBiddersRatio) > 0
                            ? last_base0_person_id(n) / kHotBidderGroup * kHotBidderGroup + 1
                            : next_base0_person_id(n, d.draw(kBidder));
  return base0 + kFirstPersonId;
}

// The channel of a bid: a hot channel's index, or else (hot < 0) the number of a cold one.
struct Channel {
  int hot;
  uint64_t number;
};

Channel channel(const EventDraws& d) {
  if (below(d.draw(kHotChannel), kHotChannelsRatio) > 0)
    return {static_cast<int>(below(d.draw(kHotChannelIndex), std::size(kHotChannels))), 0};
  return {-1, below(d.draw(kChannel), kChannels)};
}

void append_number(uint64_t value, std::string& out) {
  char digits[20];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// Cold channel k's url: "https://www.nexmark.com/<3-4 random letters>/item.htm?query=1", then
// 9 times in 10 "&channel_id=<|Integer.reverse(k)|>" as the benchmark suite's generator does.
void append_channel_url(uint64_t seed_key, uint64_t number, std::string& out) {
  DrawStream draws(splitmix64(seed_key ^ (number * 0x9e3779b97f4a7c15ULL) ^ 0x75726cULL));
  out.append("https://www.nexmark.com/");
  append_random_text(draws, 5, out);
  out.append("/item.htm?query=1");
  if (below(draws.next(), 10) > 0) {
    uint32_t bits = static_cast<uint32_t>(number), reversed = 0;
    for (int i = 0; i < 32; ++i, bits >>= 1) reversed = (reversed << 1) | (bits & 1);
    const int64_t id = static_cast<int32_t>(reversed);
    out.append("&channel_id=");
    append_number(static_cast<uint64_t>(id < 0 ? -id : id), out);
  }
}

}  // namespace

void fill_bid_column(BidField field, const std::vector<uint64_t>& events, const Params& params, Column& out) {
  const uint64_t key = params.seed_key;
  switch (field) {
    case BidField::Auction:
      fill_ints(out, events, [key](uint64_t n) { return auction(n, EventDraws(key, n)); });
      return;
    case BidField::Bidder:
      fill_ints(out, events, [key](uint64_t n) { return bidder(n, EventDraws(key, n)); });
      return;
    case BidField::Price:
      fill_ints(out, events, [key](uint64_t n) { return price(EventDraws(key, n).draw(kPrice)); });
      return;
    case BidField::Channel:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        const Channel c = channel(EventDraws(key, n));
        if (c.hot >= 0) {
          s.assign(kHotChannels[c.hot]);
        } else {
          s.assign("channel-");
          append_number(c.number, s);
        }
      });
      return;
    case BidField::Url:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        const Channel c = channel(EventDraws(key, n));
        if (c.hot >= 0) s.assign(kHotUrls[c.hot]);
        else append_channel_url(key, c.number, s);
      });
      return;
    case BidField::DateTime:
      fill_ints(out, events, [rate = params.event_rate](uint64_t n) { return event_time_micros(n, rate); });
      return;
    case BidField::Extra:
      fill_strings(out, events, [](uint64_t, std::string&) {});
      return;
  }
}

}  // namespace eddy::connectors::nexmark
