#pragma once
// Helpers of the Nexmark generator tests: a generator stream as CREATE STREAM makes it, and
// every row a source yields, column by column.

#include <catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "connectors/generator/generator_factory.h"
#include "engine/source.h"

namespace eddy::nexmark_test {

// A stream USING generator with these options and declared columns (none: the kind's
// defaults), prepared as CREATE STREAM prepares it, with the hidden _time column.
inline catalog::Relation generator_stream(catalog::Options options, std::vector<catalog::ColumnSchema> columns = {}) {
  catalog::Relation r;
  r.name = "nx";
  r.kind = catalog::RelationKind::Stream;
  r.connector = "generator";
  r.options = std::move(options);
  r.columns = std::move(columns);
  connectors::prepare_generator_stream(r);
  r.columns.push_back({"_time", Type::timestamp(), false, false, true});
  return r;
}

// Every row the source yields until it finishes (it must be bounded), one Column per stream
// column, concatenated.
inline std::vector<Column> drain(engine::Source& source, const catalog::Relation& stream) {
  std::vector<Column> all;
  for (const auto& c : stream.columns) all.emplace_back(c.type);
  Batch b;
  while (source.poll(b, std::chrono::milliseconds(0)) == engine::PollResult::Data) {
    REQUIRE(b.columns.size() == all.size());
    for (size_t c = 0; c < all.size(); ++c) {
      REQUIRE(b.columns[c].size() == b.rows());
      auto& in = b.columns[c];
      auto& out = all[c];
      out.ints().insert(out.ints().end(), in.ints().begin(), in.ints().end());
      out.floats().insert(out.floats().end(), in.floats().begin(), in.floats().end());
      out.strings().insert(out.strings().end(), in.strings().begin(), in.strings().end());
    }
  }
  return all;
}

// All rows of a generator stream with these options, from row `offset` on.
inline std::vector<Column> generate(const catalog::Options& options, std::vector<catalog::ColumnSchema> columns = {},
                                    uint64_t offset = 0) {
  auto stream = generator_stream(options, std::move(columns));
  auto source = connectors::open_generator(stream, offset);
  return drain(*source, stream);
}

// The index of a stream column by name, for readable checks.
inline size_t col(const catalog::Relation& stream, const std::string& name) {
  int i = stream.column_index(name);
  REQUIRE(i >= 0);
  return static_cast<size_t>(i);
}

}  // namespace eddy::nexmark_test
