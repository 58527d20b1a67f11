// Paging a materialized result: the FETCH / MOVE / Execute positions of server/portal.h, checked
// against the sequences a real PostgreSQL 15 gives for the same cursor (three rows a, b, c).

#include <catch.hpp>

#include "common/error.h"
#include "server/portal.h"

using namespace eddy;
using D = ast::FetchDirection;

namespace {

Portal three_rows() {
  Portal p;
  ResultSet r;
  r.returns_rows = true;
  r.columns = {{"x", Type::text()}};
  r.rows = Batch::with_types({Type::text()});
  for (const char* v : {"a", "b", "c"}) r.rows.append_row({Value::text(v)});
  p.result = std::move(r);
  return p;
}

// The rows a move returns, as one string ("ab"), and the position after it.
std::string fetch(Portal& p, D d, int64_t count) {
  RowRange r = p.fetch(d, count);
  std::string out;
  for (size_t i = 0; i < r.count; ++i) out += p.result->rows.columns[0].strings()[r.at(i)];
  return out;
}

}  // namespace

TEST_CASE("FETCH forward pages through the rows and stops after the end", "[server][portal]") {
  Portal p = three_rows();
  CHECK(fetch(p, D::Forward, 2) == "ab");
  CHECK(p.position == 2);
  CHECK(fetch(p, D::Forward, 2) == "c");  // fewer than asked: now after the end
  CHECK(p.position == 4);
  CHECK(fetch(p, D::Forward, 1).empty());
  CHECK(fetch(p, D::Backward, 1) == "c");  // PRIOR from after the end is the last row
  CHECK(p.position == 3);
  CHECK(fetch(p, D::Forward, -1).empty());  // ALL from the last row: nothing left
  CHECK(p.position == 4);
}

TEST_CASE("FETCH exactly the remaining rows stays on the last row", "[server][portal]") {
  Portal p = three_rows();
  CHECK(fetch(p, D::Forward, 3) == "abc");
  CHECK(p.position == 3);  // PostgreSQL's atEnd is not set yet: Execute answers PortalSuspended
  CHECK(fetch(p, D::Forward, 3).empty());
  CHECK(p.position == 4);
}

TEST_CASE("backward, absolute and relative moves as PostgreSQL makes them", "[server][portal]") {
  Portal p = three_rows();
  // The sequence of tests/e2e: FETCH 2, NEXT, NEXT, PRIOR, MOVE FIRST, ALL, ABSOLUTE -1,
  // RELATIVE -5, BACKWARD ALL, RELATIVE 0, FORWARD 0 (PostgreSQL 15: ab, c, -, c, (1), bc, c, -, -, -, -).
  CHECK(fetch(p, D::Forward, 2) == "ab");
  CHECK(fetch(p, D::Forward, 1) == "c");
  CHECK(fetch(p, D::Forward, 1).empty());
  CHECK(fetch(p, D::Backward, 1) == "c");
  CHECK(fetch(p, D::Absolute, 1) == "a");
  CHECK(fetch(p, D::Forward, -1) == "bc");
  CHECK(fetch(p, D::Absolute, -1) == "c");
  CHECK(fetch(p, D::Relative, -5).empty());
  CHECK(p.position == 0);
  CHECK(fetch(p, D::Backward, -1).empty());
  CHECK(fetch(p, D::Relative, 0).empty());  // before the first row: no current row
  CHECK(fetch(p, D::Forward, 0).empty());

  CHECK(fetch(p, D::Absolute, 2) == "b");
  CHECK(fetch(p, D::Relative, 0) == "b");  // re-reads the current row
  CHECK(fetch(p, D::Forward, 0) == "b");
  CHECK(fetch(p, D::Backward, -1) == "a");  // BACKWARD ALL: rows before the current one, in reverse
  CHECK(p.position == 0);
  CHECK(fetch(p, D::Absolute, 5).empty());
  CHECK(p.position == 4);
  CHECK(fetch(p, D::Relative, -1) == "c");
  CHECK(fetch(p, D::Relative, 9223372036854775807) .empty());  // no overflow
  CHECK(p.position == 4);
  CHECK(fetch(p, D::Absolute, 0).empty());
  CHECK(p.position == 0);
  CHECK(fetch(p, D::Backward, 3).empty());
  CHECK(fetch(p, D::Absolute, -4).empty());
  CHECK(p.position == 0);
}

TEST_CASE("a NO SCROLL cursor refuses to move backward", "[server][portal]") {
  Portal p = three_rows();
  p.scrollable = false;
  CHECK(fetch(p, D::Forward, 2) == "ab");
  CHECK(fetch(p, D::Absolute, 3) == "c");  // forward is fine
  try {
    p.fetch(D::Backward, 1);
    FAIL("expected 55000");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == std::string("55000"));
    CHECK(e.message() == "cursor can only scan forward");
  }
  CHECK_THROWS_AS(p.fetch(D::Absolute, 1), SqlError);
  CHECK(p.position == 3);
}

TEST_CASE("the portal set: one namespace, duplicates, transaction end", "[server][portal]") {
  PortalSet set;
  auto make = [](std::string name, bool hold, bool in_block) {
    auto p = std::make_shared<Portal>();
    p->name = std::move(name);
    p->holdable = hold;
    p->created_in_transaction = in_block;
    return p;
  };
  set.add(make("", false, false));
  set.add(make("", false, false));  // the unnamed portal is replaced
  set.add(make("c", false, true));
  try {
    set.add(make("c", false, true));
    FAIL("expected 42P03");
  } catch (const SqlError& e) {
    CHECK(e.sqlstate() == std::string("42P03"));
    CHECK(e.message() == "cursor \"c\" already exists");
  }
  set.add(make("held", true, true));
  set.add(make("held_before", true, false));
  CHECK(set.size() == 4);

  auto in_use = set.find("c");
  set.end_transaction(false);  // ROLLBACK: only WITH HOLD cursors from before the block stay
  CHECK(set.size() == 1);
  CHECK(set.find("held_before"));
  CHECK(in_use->name == "c");  // a caller's reference stays valid

  set.add(make("held", true, true));
  set.add(make("plain", false, true));
  set.end_transaction(true);  // COMMIT: WITH HOLD ones stay, and are no longer "of this block"
  CHECK(set.size() == 2);
  REQUIRE(set.find("held"));
  CHECK_FALSE(set.find("held")->created_in_transaction);
  set.end_transaction(false);
  CHECK(set.size() == 2);
  CHECK(set.close("held"));
  CHECK_FALSE(set.close("held"));
  set.close_all();
  CHECK(set.size() == 0);
}
