#include "connectors/generator/clicks_generator.h"

#include <algorithm>

#include "common/error.h"
#include "common/value_text.h"
#include "connectors/generator/generator_basics.h"

namespace eddy::connectors {

std::vector<catalog::ColumnSchema> clicks_default_columns() {
  return {{"asset", Type::text()}, {"cost", Type::int64()}, {"ts", Type::timestamp()}};
}

ClicksOptions parse_clicks_options(const catalog::Options& options,
                                   const std::vector<catalog::ColumnSchema>& columns) {
  ClicksOptions out;
  for (const auto& [key, value] : options) {
    if (key == "kind") continue;
    if (key == "rate") out.rate = parse_generator_count(key, value);
    else if (key == "limit") out.limit = parse_generator_count(key, value);
    else if (key == "assets") out.assets = parse_generator_count(key, value);
    else if (key == "seed") out.seed = parse_generator_count(key, value);
    else
      throw SqlError(sqlstate::kInvalidParameterValue, "unknown option \"" + key + "\" for USING generator")
          .with_hint("Valid options are kind, rate, limit, assets and seed.");
  }
  if (out.assets == 0)
    throw SqlError(sqlstate::kInvalidParameterValue, "generator option \"assets\" must be at least 1");
  for (const auto& c : columns) {
    if (c.hidden) continue;
    bool ok = (c.name == "asset" && c.type.is_string()) ||
              (c.name == "cost" && c.type.is_numeric()) ||
              (c.name == "ts" && (c.type.id == TypeId::Timestamp || c.type.id == TypeId::TimestampTz));
    if (!ok)
      throw SqlError(sqlstate::kInvalidParameterValue,
                     "column \"" + c.name + "\" (" + c.type.sql_name() + ") is not produced by generator kind 'clicks'")
          .with_hint("The clicks generator produces asset text, cost bigint and ts timestamp.");
  }
  return out;
}

ClicksGenerator::ClicksGenerator(const catalog::Relation& stream, ClicksOptions options, uint64_t offset)
    : name_(stream.name), options_(options), next_(offset), start_offset_(offset), pacer_(options.rate) {
  for (const auto& c : stream.columns) {
    types_.push_back(c.type);
    if (c.name == "asset") fields_.push_back(Field::Asset);
    else if (c.name == "cost") fields_.push_back(Field::Cost);
    else if (c.name == "ts") fields_.push_back(Field::Ts);
    else fields_.push_back(Field::Time);  // _time, the arrival time
  }
}

std::string ClicksGenerator::describe() const {
  std::string s = "generator clicks (stream " + name_ + ", rate " + std::to_string(options_.rate);
  if (options_.limit) s += ", limit " + std::to_string(*options_.limit);
  return s + ")";
}

engine::PollResult ClicksGenerator::poll(Batch& out, std::chrono::milliseconds wait) {
  if (options_.limit && next_ >= *options_.limit) return engine::PollResult::Finished;
  uint64_t want = kGeneratorBatchRows;
  if (options_.limit) want = std::min(want, *options_.limit - next_);
  want = pacer_.allow(next_ - start_offset_, want, wait);
  if (want == 0) return engine::PollResult::Idle;
  out = Batch::with_types(types_);
  for (auto& c : out.columns) c.reserve(want);
  const int64_t arrival = now_micros();
  for (uint64_t i = next_; i < next_ + want; ++i) {
    const uint64_t h = splitmix64(options_.seed * 0x100000001b3ULL ^ splitmix64(i));
    const int64_t ts = options_.rate > 0
                           ? kGeneratorBaseMicros + static_cast<int64_t>(i * 1000000 / options_.rate)
                           : kGeneratorBaseMicros + static_cast<int64_t>(i) * 1000;
    for (size_t c = 0; c < fields_.size(); ++c) {
      Column& col = out.columns[c];
      switch (fields_[c]) {
        case Field::Asset: col.append_string("asset_" + std::to_string(h % options_.assets)); break;
        case Field::Cost: {
          int64_t cost = 1 + static_cast<int64_t>((h >> 32) % 100);
          if (col.type().physical() == PhysicalType::Float64) col.append_float(static_cast<double>(cost));
          else col.append_int(cost);
          break;
        }
        case Field::Ts: col.append_int(ts); break;
        case Field::Time: col.append_int(arrival); break;
      }
    }
  }
  out.weights.assign(want, 1);
  next_ += want;
  return engine::PollResult::Data;
}

}  // namespace eddy::connectors
