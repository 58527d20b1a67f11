// The ceiling: plain C++ loops over the same in-memory events the Nexmark and clicks queries
// read, computing the same results, with no engine around them. Each Eddy figure in
// bench/RESULTS.md is quoted against these.
//
//   eddy_bench_ceiling [--events N] [--repeat R] [--queries q0,q1,...]
//
// The events come from Eddy's own generators (connectors/generator, the same options as
// bench/nexmark/queries/*.sql), made once and held in memory as the generators' batches; only
// the loop over them is timed, in thread CPU time. Results go to memory (vectors and
// boost::unordered_flat_map, the hash map Eddy uses) and a checksum of each is printed, so the
// compiler cannot drop the work. Prints a markdown table: rows, CPU seconds and rows per CPU
// second (min / median / max over the repetitions).

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "catalog/relation.h"
#include "common/column.h"
#include "connectors/generator/generator_factory.h"

using namespace eddy;

namespace {

constexpr int64_t kSecond = 1'000'000;  // timestamps are microseconds

// The batches of a generator stream, as CREATE STREAM name (columns) USING generator OPTIONS
// (kind, events/limit) would give them, in the declared column order.
std::vector<Batch> generate(const std::string& kind, const std::vector<std::string>& columns,
                            const std::string& count_option, uint64_t events) {
  catalog::Relation stream;
  stream.name = kind;
  stream.kind = catalog::RelationKind::Stream;
  stream.connector = "generator";
  stream.options = {{"kind", kind}, {count_option, std::to_string(events)}};
  connectors::prepare_generator_stream(stream);  // every column of the kind
  std::vector<catalog::ColumnSchema> kept;
  for (const auto& name : columns)
    for (const auto& c : stream.columns)
      if (c.name == name) kept.push_back(c);
  stream.columns = kept;
  auto source = connectors::open_generator(stream, 0);
  std::vector<Batch> out;
  for (;;) {
    Batch b;
    engine::PollResult r = source->poll(b, std::chrono::milliseconds(0));
    if (r == engine::PollResult::Finished) break;
    if (r == engine::PollResult::Data) out.push_back(std::move(b));
  }
  return out;
}

size_t rows_of(const std::vector<Batch>& batches) {
  size_t n = 0;
  for (const auto& b : batches) n += b.rows();
  return n;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct PairHash {
  size_t operator()(const std::pair<int64_t, int64_t>& p) const {
    return boost::hash_value(p.first) * 0x9e3779b97f4a7c15ULL ^ boost::hash_value(p.second);
  }
};
struct ViewPairHash {
  size_t operator()(const std::pair<std::string_view, int64_t>& p) const {
    return std::hash<std::string_view>()(p.first) * 0x9e3779b97f4a7c15ULL ^ static_cast<size_t>(p.second);
  }
};

// Each query: the stream(s) it reads and the loop. The loop returns a checksum of its result.
struct Query {
  std::string name;
  std::function<size_t(uint64_t events)> load;  // makes the events; returns the rows read
  std::function<uint64_t()> run;
};

std::vector<Batch> bids, persons, auctions, clicks;

// q0: every bid's (auction, bidder, price, date_time, extra), materialized.
uint64_t q0() {
  std::vector<int64_t> auction, bidder, price, date_time;
  std::vector<std::string> extra;
  for (const auto& b : bids) {
    const auto& c = b.columns;
    auction.insert(auction.end(), c[0].ints().begin(), c[0].ints().end());
    bidder.insert(bidder.end(), c[1].ints().begin(), c[1].ints().end());
    price.insert(price.end(), c[2].ints().begin(), c[2].ints().end());
    date_time.insert(date_time.end(), c[3].ints().begin(), c[3].ints().end());
    extra.insert(extra.end(), c[4].strings().begin(), c[4].strings().end());
  }
  return auction.size() + static_cast<uint64_t>(price.back()) + extra.size();
}

// q1: the same with price * 0.908.
uint64_t q1() {
  std::vector<int64_t> auction, bidder, date_time;
  std::vector<double> price;
  std::vector<std::string> extra;
  for (const auto& b : bids) {
    const auto& c = b.columns;
    auction.insert(auction.end(), c[0].ints().begin(), c[0].ints().end());
    bidder.insert(bidder.end(), c[1].ints().begin(), c[1].ints().end());
    for (int64_t p : c[2].ints()) price.push_back(0.908 * static_cast<double>(p));
    date_time.insert(date_time.end(), c[3].ints().begin(), c[3].ints().end());
    extra.insert(extra.end(), c[4].strings().begin(), c[4].strings().end());
  }
  return auction.size() + static_cast<uint64_t>(price.back()) + extra.size();
}

// q2: (auction, price) of the bids whose auction % 123 = 0.
uint64_t q2() {
  std::vector<int64_t> auction, price;
  for (const auto& b : bids) {
    const auto& a = b.columns[0].ints();
    const auto& p = b.columns[2].ints();
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] % 123 == 0) {
        auction.push_back(a[i]);
        price.push_back(p[i]);
      }
  }
  return auction.size();
}

// q5: bids per (auction, 10 s window sliding by 2 s), and the highest count per window.
uint64_t q5() {
  constexpr int64_t size = 10 * kSecond, slide = 2 * kSecond;
  boost::unordered_flat_map<std::pair<int64_t, int64_t>, int64_t, PairHash> counts;
  for (const auto& b : bids) {
    const auto& a = b.columns[0].ints();
    const auto& t = b.columns[3].ints();
    for (size_t i = 0; i < a.size(); ++i) {
      const int64_t last = t[i] - t[i] % slide;
      for (int64_t start = last; start > t[i] - size; start -= slide) ++counts[{a[i], start}];
    }
  }
  boost::unordered_flat_map<int64_t, int64_t> max_per_window;
  for (const auto& [key, n] : counts) {
    int64_t& m = max_per_window[key.second];
    m = std::max(m, n);
  }
  uint64_t sum = counts.size();
  for (const auto& [w, m] : max_per_window) sum += static_cast<uint64_t>(m);
  return sum;
}

// q7: per 10 s tumbling window, the highest price and the first bid with it.
uint64_t q7() {
  struct Best {
    int64_t price = -1, auction = 0, bidder = 0;
  };
  boost::unordered_flat_map<int64_t, Best> best;
  for (const auto& b : bids) {
    const auto& a = b.columns[0].ints();
    const auto& bd = b.columns[1].ints();
    const auto& p = b.columns[2].ints();
    const auto& t = b.columns[3].ints();
    for (size_t i = 0; i < a.size(); ++i) {
      Best& w = best[t[i] - t[i] % (10 * kSecond)];
      if (p[i] > w.price) w = {p[i], a[i], bd[i]};
    }
  }
  uint64_t sum = 0;
  for (const auto& [w, x] : best) sum += static_cast<uint64_t>(x.price + x.auction + x.bidder);
  return sum;
}

// q8: (person id, name, window) of the people who opened an account and put up an auction in
// the same 10 s tumbling window.
uint64_t q8() {
  constexpr int64_t size = 10 * kSecond;
  boost::unordered_flat_map<std::pair<int64_t, int64_t>, std::string_view, PairHash> people;
  for (const auto& b : persons) {
    const auto& id = b.columns[0].ints();
    const auto& name = b.columns[1].strings();
    const auto& t = b.columns[2].ints();
    for (size_t i = 0; i < id.size(); ++i) people.emplace(std::pair{id[i], t[i] - t[i] % size}, name[i]);
  }
  boost::unordered_flat_set<std::pair<int64_t, int64_t>, PairHash> result;
  for (const auto& b : auctions) {
    const auto& seller = b.columns[0].ints();
    const auto& t = b.columns[1].ints();
    for (size_t i = 0; i < seller.size(); ++i) {
      std::pair key{seller[i], t[i] - t[i] % size};
      if (people.contains(key)) result.insert(key);
    }
  }
  return result.size();
}

// clicks: clicks per (asset, 1 minute tumbling window).
uint64_t clicks_per_minute() {
  boost::unordered_flat_map<std::pair<std::string_view, int64_t>, int64_t, ViewPairHash> counts;
  for (const auto& b : clicks) {
    const auto& asset = b.columns[0].strings();
    const auto& t = b.columns[1].ints();
    for (size_t i = 0; i < asset.size(); ++i) ++counts[{asset[i], t[i] - t[i] % (60 * kSecond)}];
  }
  return counts.size();
}

const std::vector<std::string> kBidColumns = {"auction", "bidder", "price", "date_time", "extra"};

std::vector<Query> queries() {
  auto load_bids = [](uint64_t events) {
    bids = generate("nexmark_bid", kBidColumns, "events", events);
    return rows_of(bids);
  };
  return {
      {"q0", load_bids, q0},
      {"q1", load_bids, q1},
      {"q2", load_bids, q2},
      {"q5", load_bids, q5},
      {"q7", load_bids, q7},
      {"q8",
       [](uint64_t events) {
         persons = generate("nexmark_person", {"id", "name", "date_time"}, "events", events);
         auctions = generate("nexmark_auction", {"seller", "date_time"}, "events", events);
         return rows_of(persons) + rows_of(auctions);
       },
       q8},
      {"clicks",
       [](uint64_t events) {
         clicks = generate("clicks", {"asset", "ts"}, "limit", events);
         return rows_of(clicks);
       },
       clicks_per_minute},
  };
}

std::string number(double v) {
  std::string digits = std::to_string(static_cast<uint64_t>(v + 0.5)), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 10'000'000;
  int repeat = 3;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--events" && i + 1 < argc) events = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--queries" && i + 1 < argc) only = "," + std::string(argv[++i]) + ",";
    else {
      std::fprintf(stderr, "usage: eddy_bench_ceiling [--events N] [--repeat R] [--queries q0,q1,...]\n");
      return 2;
    }
  }
  std::printf("Ceiling: plain C++ loops over the events in memory, %llu events, %d runs each\n\n",
              static_cast<unsigned long long>(events), repeat);
  std::printf("| query | rows read | CPU s min / median / max | rows/s per core min / median / max | checksum |\n");
  std::printf("|---|---|---|---|---|\n");
  std::fflush(stdout);
  for (const Query& q : queries()) {
    if (!only.empty() && only.find("," + q.name + ",") == std::string::npos) continue;
    const size_t rows = q.load(events);
    std::vector<double> cpu;
    uint64_t checksum = 0;
    for (int r = 0; r < repeat; ++r) {
      const double t0 = thread_cpu_seconds();
      const uint64_t c = q.run();
      cpu.push_back(thread_cpu_seconds() - t0);
      if (r > 0 && c != checksum) {
        std::fprintf(stderr, "%s: checksum differs between runs (%llu, %llu)\n", q.name.c_str(),
                     static_cast<unsigned long long>(checksum), static_cast<unsigned long long>(c));
        return 1;
      }
      checksum = c;
    }
    std::sort(cpu.begin(), cpu.end());
    const double lo = cpu.front(), mid = cpu[cpu.size() / 2], hi = cpu.back();
    std::printf("| %s | %s | %.3f / %.3f / %.3f | %s / %s / %s | %llu |\n", q.name.c_str(), number(rows).c_str(), lo,
                mid, hi, number(rows / hi).c_str(), number(rows / mid).c_str(), number(rows / lo).c_str(),
                static_cast<unsigned long long>(checksum));
    std::fflush(stdout);
  }
  return 0;
}
