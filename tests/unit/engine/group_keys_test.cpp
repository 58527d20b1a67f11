#include <catch.hpp>

#include "engine/group_keys.h"
#include "storage/key_encoding.h"

using namespace eddy;
using namespace eddy::engine;

TEST_CASE("group keys keep each slot's values, encode them as append_key does, and reuse slots") {
  GroupKeys keys({Type::int64(), Type::text(), Type::float64(), Type::interval()});
  Batch input = Batch::with_types({Type::text(), Type::int64(), Type::interval(), Type::float64()});
  input.append_row({Value::text("alpha"), Value::int64(-5), Value::interval({1, 2, 3}), Value::float64(2.5)});
  input.append_row({Value::null(Type::text()), Value::null(Type::int64()), Value::interval({0, 0, -7}),
                    Value::float64(-0.0)});
  const std::vector<int> inputs = {1, 0, 3, 2};  // key k is input column inputs[k]
  keys.resize(3);
  keys.set(0, input, inputs, 0);
  keys.set(2, input, inputs, 1);
  keys.set(1, Row{Value::int64(7), Value::text(std::string(40, 'x')), Value::float64(1), Value::interval({})});

  for (auto [g, row] : {std::pair<uint32_t, size_t>{0, 0}, {2, 1}}) {
    std::string want, got;
    for (int c : inputs) storage::append_key(want, input.columns[c], row);
    keys.append_key(got, g);
    CHECK(got == want);
    for (size_t k = 0; k < inputs.size(); ++k) {
      Value v = keys.get(g, k), from = input.columns[inputs[k]].get(row);
      CHECK(v.is_null == from.is_null);
      std::string a, b;
      storage::append_key(a, v);
      storage::append_key(b, from);
      CHECK(a == b);
    }
  }
  CHECK(keys.get(1, 1).s == std::string(40, 'x'));
  CHECK(keys.heap_bytes(1) >= 40);
  Column out(Type::text());
  keys.append_to(out, 1, 1);
  keys.append_to(out, 2, 1);
  CHECK(out.strings()[0] == std::string(40, 'x'));
  CHECK(out.is_null(1));

  keys.clear(1);  // a freed slot holds no string
  CHECK(keys.heap_bytes(1) == 0);
  keys.set(1, input, inputs, 0);
  CHECK(keys.get(1, 1).s == "alpha");
  CHECK(keys.get(1, 0).i == -5);
}
