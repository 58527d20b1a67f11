#include <catch.hpp>

#include <algorithm>
#include <limits>

#include "storage/key_encoding.h"

using namespace eddy;
using namespace eddy::storage;

TEST_CASE("encoded keys sort as their values, NULL last") {
  std::vector<Value> ints = {Value::int64(std::numeric_limits<int64_t>::min()), Value::int64(-5), Value::int64(0),
                             Value::int64(3), Value::int64(std::numeric_limits<int64_t>::max()), Value::null(Type::int64())};
  for (size_t i = 0; i + 1 < ints.size(); ++i) CHECK(encode_key({ints[i]}) < encode_key({ints[i + 1]}));
  std::vector<Value> floats = {Value::float64(-1e300), Value::float64(-0.5), Value::float64(0.0), Value::float64(2.25)};
  for (size_t i = 0; i + 1 < floats.size(); ++i) CHECK(encode_key({floats[i]}) < encode_key({floats[i + 1]}));
  CHECK(encode_key({Value::float64(-0.0)}) == encode_key({Value::float64(0.0)}));
  std::vector<Value> texts = {Value::text(""), Value::text(std::string("a\0b", 3)), Value::text("a"),
                              Value::text("ab"), Value::text("b")};
  std::vector<std::string> enc;
  for (auto& t : texts) enc.push_back(encode_key({t}));
  std::vector<std::string> sorted = enc;
  std::sort(sorted.begin(), sorted.end());
  CHECK(enc[0] == sorted[0]);
  CHECK(encode_key({Value::text("a"), Value::text("b")}) != encode_key({Value::text("ab"), Value::text("")}));
}

TEST_CASE("column and value encodings agree") {
  Column c(Type::text());
  c.append_string("x");
  c.append_null();
  std::string a, b;
  append_key(a, c, 0);
  append_key(b, Value::text("x"));
  CHECK(a == b);
  a.clear();
  append_key(a, c, 1);
  CHECK(a == encode_key({Value::null(Type::text())}));
}
