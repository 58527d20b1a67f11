#include <catch.hpp>

#include <set>

#include "common/error.h"
#include "connectors/generator/clicks_generator.h"

using namespace eddy;
using namespace eddy::connectors;

namespace {
catalog::Relation stream() {
  catalog::Relation r;
  r.name = "g";
  r.kind = catalog::RelationKind::Stream;
  r.connector = "generator";
  r.columns = clicks_default_columns();
  r.columns.push_back({"_time", Type::timestamp(), false, false, true});
  return r;
}

Batch drain(engine::Source& s) {
  Batch all = Batch::with_types({Type::text(), Type::int64(), Type::timestamp(), Type::timestamp()});
  Batch b;
  while (s.poll(b, std::chrono::milliseconds(0)) == engine::PollResult::Data)
    for (size_t r = 0; r < b.rows(); ++r) all.append_row(b.row(r));
  return all;
}
}  // namespace

TEST_CASE("the clicks generator is deterministic, bounded by limit and resumable") {
  ClicksOptions o = parse_clicks_options({{"kind", "clicks"}, {"limit", "10000"}, {"assets", "7"}, {"seed", "3"}},
                                         clicks_default_columns());
  ClicksGenerator a(stream(), o), b(stream(), o);
  Batch ra = drain(a), rb = drain(b);
  REQUIRE(ra.rows() == 10000);
  CHECK(ra.columns[0].strings() == rb.columns[0].strings());
  CHECK(ra.columns[1].ints() == rb.columns[1].ints());
  std::set<std::string> assets(ra.columns[0].strings().begin(), ra.columns[0].strings().end());
  CHECK(assets.size() == 7);
  for (int64_t c : ra.columns[1].ints()) CHECK((c >= 1 && c <= 100));
  // ts advances 1 ms per event when rate is 0
  CHECK(ra.columns[2].ints()[1] - ra.columns[2].ints()[0] == 1000);

  ClicksGenerator resumed(stream(), o, 9000);
  Batch rest = drain(resumed);
  REQUIRE(rest.rows() == 1000);
  CHECK(rest.columns[0].strings()[0] == ra.columns[0].strings()[9000]);
  CHECK(rest.columns[2].ints()[999] == ra.columns[2].ints()[9999]);

  ClicksOptions other = o;
  other.seed = 4;
  ClicksGenerator c(stream(), other);
  CHECK(drain(c).columns[0].strings() != ra.columns[0].strings());
}

TEST_CASE("generator options are checked by name") {
  CHECK_THROWS_AS(parse_clicks_options({{"kind", "clicks"}, {"rte", "1"}}, clicks_default_columns()), SqlError);
  CHECK_THROWS_AS(parse_clicks_options({{"kind", "clicks"}, {"rate", "fast"}}, clicks_default_columns()), SqlError);
  std::vector<catalog::ColumnSchema> bad = {{"price", Type::int64()}};
  CHECK_THROWS_AS(parse_clicks_options({{"kind", "clicks"}}, bad), SqlError);
  try {
    parse_clicks_options({{"kind", "clicks"}, {"rte", "1"}}, clicks_default_columns());
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == "22023");
    CHECK(e.message().find("rte") != std::string::npos);
  }
}

TEST_CASE("a paced generator never runs ahead of its rate") {
  ClicksOptions o;
  o.rate = 2000;
  ClicksGenerator g(stream(), o);
  auto start = std::chrono::steady_clock::now();
  uint64_t n = 0;
  Batch b;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200))
    if (g.poll(b, std::chrono::milliseconds(10)) == engine::PollResult::Data) n += b.rows();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(static_cast<double>(n) <= elapsed * 2000 + 1);
  CHECK(n > 0);
}
