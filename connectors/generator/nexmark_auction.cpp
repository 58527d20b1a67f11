#include "connectors/generator/nexmark_auction.h"

#include "connectors/generator/column_fill.h"

namespace eddy::connectors::nexmark {

namespace {

// Each field's draws (EventDraws indexes).
enum Draw : uint64_t { kHotSeller, kSeller, kCategory, kInitialBid, kReserve, kLength, kItemName, kDescription };

int64_t seller(uint64_t n, const EventDraws& d) {
  // P(the auction is by the hot seller) = 1 - 1/kHotSellersRatio.
  const int64_t base0 = below(d.draw(kHotSeller), kHotSellersRatio) > 0
                            ? last_base0_person_id(n) / kHotSellerGroup * kHotSellerGroup
                            : next_base0_person_id(n, d.draw(kSeller));
  return base0 + kFirstPersonId;
}

}  // namespace

int64_t auction_length_micros(uint64_t n, uint64_t event_rate, uint64_t draw) {
  constexpr uint64_t kEventsForInFlightAuctions =
      static_cast<uint64_t>(kNumInFlightAuctions) * kProportionDenominator / kAuctionProportion;
  const int64_t horizon =
      event_time_micros(n + kEventsForInFlightAuctions, event_rate) - event_time_micros(n, event_rate);
  return 1 + static_cast<int64_t>(below(draw, static_cast<uint64_t>(horizon > 0 ? 2 * horizon : 1)));
}

void fill_auction_column(AuctionField field, const std::vector<uint64_t>& events, const Params& params,
                         Column& out) {
  const uint64_t key = params.seed_key;
  const uint64_t rate = params.event_rate;
  switch (field) {
    case AuctionField::Id:
      fill_ints(out, events, [](uint64_t n) { return last_base0_auction_id(n) + kFirstAuctionId; });
      return;
    case AuctionField::ItemName:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        DrawStream draws(EventDraws(key, n).draw(kItemName));
        append_random_text(draws, 20, s);
      });
      return;
    case AuctionField::Description:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        DrawStream draws(EventDraws(key, n).draw(kDescription));
        append_random_text(draws, 100, s);
      });
      return;
    case AuctionField::InitialBid:
      fill_ints(out, events, [key](uint64_t n) { return price(EventDraws(key, n).draw(kInitialBid)); });
      return;
    case AuctionField::Reserve:
      fill_ints(out, events, [key](uint64_t n) {
        const EventDraws d(key, n);
        return price(d.draw(kInitialBid)) + price(d.draw(kReserve));
      });
      return;
    case AuctionField::DateTime:
      fill_ints(out, events, [rate](uint64_t n) { return event_time_micros(n, rate); });
      return;
    case AuctionField::Expires:
      fill_ints(out, events, [key, rate](uint64_t n) {
        return event_time_micros(n, rate) + auction_length_micros(n, rate, EventDraws(key, n).draw(kLength));
      });
      return;
    case AuctionField::Seller:
      fill_ints(out, events, [key](uint64_t n) { return seller(n, EventDraws(key, n)); });
      return;
    case AuctionField::Category:
      fill_ints(out, events, [key](uint64_t n) {
        return kFirstCategoryId + static_cast<int64_t>(below(EventDraws(key, n).draw(kCategory), kNumCategories));
      });
      return;
    case AuctionField::Extra:
      fill_strings(out, events, [](uint64_t, std::string&) {});
      return;
  }
}

}  // namespace eddy::connectors::nexmark
