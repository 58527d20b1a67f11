#include "connectors/generator/clicks_generator.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "common/error.h"
#include "common/value_text.h"

namespace eddy::connectors {

namespace {

constexpr uint64_t kBatchRows = 4096;
// 2026-01-01 00:00:00 UTC in microseconds since the epoch.
constexpr int64_t kBaseMicros = 1767225600LL * 1000000LL;

uint64_t mix(uint64_t x) {  // splitmix64's finalizer: a good, cheap, stateless hash
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t parse_count(const std::string& key, const std::string& value) {
  uint64_t out = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || p != value.data() + value.size())
    throw SqlError(sqlstate::kInvalidParameterValue,
                   "invalid value for generator option \"" + key + "\": \"" + value + "\"")
        .with_hint("Expected a non-negative whole number.");
  return out;
}

}  // namespace

std::vector<catalog::ColumnSchema> clicks_default_columns() {
  return {{"asset", Type::text()}, {"cost", Type::int64()}, {"ts", Type::timestamp()}};
}

ClicksOptions parse_clicks_options(const catalog::Options& options,
                                   const std::vector<catalog::ColumnSchema>& columns) {
  ClicksOptions out;
  for (const auto& [key, value] : options) {
    if (key == "kind") continue;
    if (key == "rate") out.rate = parse_count(key, value);
    else if (key == "limit") out.limit = parse_count(key, value);
    else if (key == "assets") out.assets = parse_count(key, value);
    else if (key == "seed") out.seed = parse_count(key, value);
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
    : name_(stream.name), options_(options), next_(offset), start_offset_(offset),
      started_(std::chrono::steady_clock::now()) {
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
  uint64_t want = kBatchRows;
  if (options_.limit) want = std::min(want, *options_.limit - next_);
  if (options_.rate > 0) {
    auto due_at = [&](uint64_t produced) {
      return started_ + std::chrono::microseconds(produced * 1000000 / options_.rate);
    };
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - started_).count();
    uint64_t due = static_cast<uint64_t>(elapsed * static_cast<double>(options_.rate));
    uint64_t produced = next_ - start_offset_;
    if (due <= produced) {
      auto next_due = due_at(produced + 1);
      auto limit = now + wait;
      std::this_thread::sleep_until(std::min(next_due, limit));
      if (next_due > limit) return engine::PollResult::Idle;
      due = produced + 1;
    }
    want = std::min(want, due - produced);
  }
  out = Batch::with_types(types_);
  for (auto& c : out.columns) c.reserve(want);
  const int64_t arrival = now_micros();
  for (uint64_t i = next_; i < next_ + want; ++i) {
    const uint64_t h = mix(options_.seed * 0x100000001b3ULL ^ mix(i));
    const int64_t ts = options_.rate > 0
                           ? kBaseMicros + static_cast<int64_t>(i * 1000000 / options_.rate)
                           : kBaseMicros + static_cast<int64_t>(i) * 1000;
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
