#pragma once
// USING generator OPTIONS (kind 'clicks', rate, limit, assets, seed): a deterministic stream of
// ad clicks, so a demo or a test runs with no external service.
//
// Event i (0-based) is a pure function of (seed, i):
//   asset  "asset_<n>" with n = hash(seed, i) % assets
//   cost   1 + (hash(seed, i) >> 32) % 100
//   ts     2026-01-01 00:00:00 + i / rate seconds (i milliseconds when rate is 0)
// so the same options always give the same rows, and resuming at an offset is exact.
// `rate` paces emission in events per second of wall time (0: as fast as possible); `limit`
// ends the stream after that many events.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "connectors/generator/row_pacer.h"
#include "engine/source.h"

namespace eddy::connectors {

struct ClicksOptions {
  uint64_t rate = 0;
  std::optional<uint64_t> limit;
  uint64_t assets = 1000;
  uint64_t seed = 0;
};

// The columns a clicks generator produces, for a CREATE STREAM that lists none.
std::vector<catalog::ColumnSchema> clicks_default_columns();

// Checks options and the declared columns (each must be one the generator produces, of a
// compatible type). Throws SqlError 22023 naming the option or column.
ClicksOptions parse_clicks_options(const catalog::Options& options,
                                   const std::vector<catalog::ColumnSchema>& columns);

class ClicksGenerator final : public engine::Source {
 public:
  ClicksGenerator(const catalog::Relation& stream, ClicksOptions options, uint64_t offset = 0);
  engine::PollResult poll(Batch& out, std::chrono::milliseconds wait) override;
  uint64_t offset() const override { return next_; }
  std::string describe() const override;

 private:
  enum class Field { Asset, Cost, Ts, Time };
  std::vector<Field> fields_;     // what each stream column holds
  std::vector<Type> types_;
  std::string name_;
  ClicksOptions options_;
  uint64_t next_;
  uint64_t start_offset_;
  RowPacer pacer_;
};

}  // namespace eddy::connectors
