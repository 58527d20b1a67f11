#include "engine/hash_aggregate.h"

#include <algorithm>
#include <limits>

#include "common/array_text.h"
#include "common/error.h"
#include "common/value_text.h"
#include "storage/key_encoding.h"
#include "storage/row_codec.h"

namespace eddy::engine {

namespace {
constexpr uint32_t kSkip = std::numeric_limits<uint32_t>::max();

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
}  // namespace

HashAggregate::HashAggregate(std::vector<int> key_inputs, std::vector<Type> key_types,
                             std::optional<WindowSpec> window,
                             std::vector<AggregateSpec> aggregates)
    : key_inputs_(std::move(key_inputs)),
      key_types_(std::move(key_types)),
      window_(window),
      aggregates_(std::move(aggregates)) {
  if (global()) {  // the single group of a global aggregate exists from the start
    insert_group(std::string(), Row());
    dirty_[0] = 1;
    dirty_list_.push_back(0);
  }
}

std::vector<Type> HashAggregate::output_types() const {
  std::vector<Type> out = key_types_;
  if (window_) {
    out.push_back(Type::timestamp());
    out.push_back(Type::timestamp());
  }
  for (const auto& a : aggregates_) out.push_back(a.result_type);
  return out;
}

uint32_t HashAggregate::group_for_row(const Batch& input, size_t row, std::string& key) {
  key.clear();
  for (int k : key_inputs_) storage::append_key(key, input.columns[k], row);
  int64_t window_start = 0;
  if (window_) {
    const Column& ts = input.columns[window_->ts_input];
    if (ts.is_null(row)) return kSkip;  // a row without event time belongs to no window
    window_start = floor_div(ts.ints()[row], window_->size_micros) * window_->size_micros;
    storage::append_key(key, Value::timestamp(window_start));
  }
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  Row values;
  values.reserve(key_inputs_.size() + 1);
  for (int k : key_inputs_) values.push_back(input.columns[k].get(row));
  if (window_) values.push_back(Value::timestamp(window_start));
  return insert_group(key, std::move(values));
}

uint32_t HashAggregate::insert_group(const std::string& key, Row values) {
  uint32_t g = static_cast<uint32_t>(row_counts_.size());
  index_.emplace(key, g);
  group_keys_.push_back(key);
  group_values_.push_back(std::move(values));
  row_counts_.push_back(0);
  accumulators_.resize(accumulators_.size() + aggregates_.size());
  dirty_.push_back(0);
  return g;
}

// A group's state: one row of [key values..., window start?, row count, then per aggregate
// count, integer, float, string], in storage/row_codec's format (which carries a version).
std::string HashAggregate::encode_group(uint32_t g) const {
  Row r = group_values_[g];
  r.push_back(Value::int64(row_counts_[g]));
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const Accumulator& acc = accumulators_[g * aggregates_.size() + a];
    r.push_back(Value::int64(acc.count));
    r.push_back(Value::int64(acc.i));
    r.push_back(Value::float64(acc.f));
    r.push_back(Value::text(acc.s));
  }
  return storage::encode_row(r);
}

bool HashAggregate::restore_group(std::string_view state) {
  Row r;
  if (!storage::decode_row(state, r).ok()) return false;
  const size_t nkeys = key_inputs_.size() + (window_ ? 1 : 0);
  if (r.size() != nkeys + 1 + 4 * aggregates_.size()) return false;
  Row values(r.begin(), r.begin() + static_cast<long>(nkeys));
  for (size_t k = 0; k < key_inputs_.size(); ++k)
    if (!values[k].is_null && values[k].type.physical() != key_types_[k].physical()) return false;
  std::string key;
  for (const auto& v : values) storage::append_key(key, v);
  uint32_t g;
  auto it = index_.find(key);
  g = it != index_.end() ? it->second : insert_group(key, values);
  row_counts_[g] = r[nkeys].i;
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    Accumulator& acc = accumulators_[g * aggregates_.size() + a];
    const size_t base = nkeys + 1 + 4 * a;
    acc.count = r[base].i;
    acc.i = r[base + 1].i;
    acc.f = r[base + 2].f;
    acc.s = r[base + 3].s;
  }
  return true;
}

void HashAggregate::mark_all_dirty() {
  for (uint32_t g = 0; g < row_counts_.size(); ++g)
    if (!dirty_[g] && (global() || row_counts_[g] > 0)) {
      dirty_[g] = 1;
      dirty_list_.push_back(g);
    }
}

void HashAggregate::consume(const Batch& input) {
  const size_t rows = input.rows();
  if (rows == 0) return;
  // Refuse what cannot be applied before changing any state, so a failed batch leaves none.
  bool retracts = false;
  for (int64_t w : input.weights) retracts |= w < 0;
  if (retracts)
    for (const auto& spec : aggregates_)
      if (is_append_only(spec.kind))
        throw SqlError(sqlstate::kFeatureNotSupported, spec.name + "() over retracted rows is not supported yet");
  row_groups_.resize(rows);
  std::string key;
  if (global()) {
    std::fill(row_groups_.begin(), row_groups_.end(), 0);
  } else {
    for (size_t r = 0; r < rows; ++r) row_groups_[r] = group_for_row(input, r, key);
  }
  for (size_t r = 0; r < rows; ++r) {
    uint32_t g = row_groups_[r];
    if (g == kSkip) continue;
    row_counts_[g] += input.weights[r];
    if (!dirty_[g]) {
      dirty_[g] = 1;
      dirty_list_.push_back(g);
    }
  }
  for (size_t a = 0; a < aggregates_.size(); ++a) update(aggregates_[a], a, input);
}

void HashAggregate::update(const AggregateSpec& spec, size_t a, const Batch& input) {
  const size_t rows = input.rows();
  const size_t stride = aggregates_.size();
  const auto& w = input.weights;
  if (spec.kind == AggregateKind::CountStar) {
    for (size_t r = 0; r < rows; ++r)
      if (row_groups_[r] != kSkip) accumulators_[row_groups_[r] * stride + a].count += w[r];
    return;
  }
  const Column& col = input.columns[spec.input];
  const bool nulls = col.has_nulls();
  auto live = [&](size_t r) { return row_groups_[r] != kSkip && !(nulls && col.nulls()[r]); };
  if (spec.kind == AggregateKind::StringAgg || spec.kind == AggregateKind::ArrayAgg) {
    // acc.s: string_agg's text so far; array_agg's elements in array text form, without braces.
    const bool array = spec.kind == AggregateKind::ArrayAgg;
    std::string text;
    for (size_t r = 0; r < rows; ++r) {
      if (row_groups_[r] == kSkip) continue;
      const bool is_null = nulls && col.nulls()[r];
      if (is_null && !array) continue;
      Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
      if (acc.count > 0) acc.s += array ? "," : spec.separator;
      if (array) {
        ArrayElements one;
        if (is_null) {
          one.emplace_back(std::nullopt);
        } else {
          text.clear();
          append_value_text(text, col, r);
          one.emplace_back(text);
        }
        std::string formatted = format_array(one, Type::array_of(col.type()));
        acc.s.append(formatted, 1, formatted.size() - 2);
      } else {
        acc.s += col.strings()[r];
      }
      acc.count += w[r];
    }
    return;
  }
  if (spec.kind == AggregateKind::BoolAnd || spec.kind == AggregateKind::BoolOr) {
    const bool is_and = spec.kind == AggregateKind::BoolAnd;
    for (size_t r = 0; r < rows; ++r) {
      if (!live(r)) continue;
      Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
      const bool v = col.ints()[r] != 0;
      acc.i = acc.count == 0 ? v : (is_and ? (acc.i != 0 && v) : (acc.i != 0 || v));
      acc.count += w[r];
    }
    return;
  }
  const bool extreme = spec.kind == AggregateKind::Min || spec.kind == AggregateKind::Max;
  const bool is_min = spec.kind == AggregateKind::Min;
  switch (col.type().physical()) {
    case PhysicalType::Int64: {
      const int64_t* v = col.ints().data();
      for (size_t r = 0; r < rows; ++r) {
        if (!live(r)) continue;
        Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
        if (extreme) {
          if (acc.count == 0 || (is_min ? v[r] < acc.i : v[r] > acc.i)) acc.i = v[r];
        } else {
          acc.i += v[r] * w[r];
        }
        acc.count += w[r];
      }
      break;
    }
    case PhysicalType::Float64: {
      const double* v = col.floats().data();
      for (size_t r = 0; r < rows; ++r) {
        if (!live(r)) continue;
        Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
        if (extreme) {
          if (acc.count == 0 || (is_min ? v[r] < acc.f : v[r] > acc.f)) acc.f = v[r];
        } else {
          acc.f += v[r] * static_cast<double>(w[r]);
        }
        acc.count += w[r];
      }
      break;
    }
    case PhysicalType::String: {
      const auto& v = col.strings();
      for (size_t r = 0; r < rows; ++r) {
        if (!live(r)) continue;
        Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
        if (extreme && (acc.count == 0 || (is_min ? v[r] < acc.s : v[r] > acc.s))) acc.s = v[r];
        acc.count += w[r];
      }
      break;
    }
    case PhysicalType::Interval: {
      const auto& v = col.intervals();
      for (size_t r = 0; r < rows; ++r) {
        if (!live(r)) continue;
        Accumulator& acc = accumulators_[row_groups_[r] * stride + a];
        int64_t x = v[r].approx_micros();
        if (extreme && (acc.count == 0 || (is_min ? x < acc.i : x > acc.i))) acc.i = x;
        acc.count += w[r];
      }
      break;
    }
  }
}

void HashAggregate::append_group(Batch& out, uint32_t g) const {
  size_t c = 0;
  const Row& values = group_values_[g];
  for (size_t k = 0; k < key_inputs_.size(); ++k) out.columns[c++].append(values[k]);
  if (window_) {
    int64_t start = values.back().i;
    out.columns[c++].append_int(start);
    out.columns[c++].append_int(start + window_->size_micros);
  }
  for (size_t a = 0; a < aggregates_.size(); ++a) {
    const AggregateSpec& spec = aggregates_[a];
    const Accumulator& acc = accumulators_[g * aggregates_.size() + a];
    Column& col = out.columns[c++];
    const bool int_input = spec.input_type.physical() == PhysicalType::Int64;
    switch (spec.kind) {
      case AggregateKind::CountStar:
      case AggregateKind::Count:
        col.append_int(acc.count);
        break;
      case AggregateKind::Sum:
        if (acc.count == 0) col.append_null();
        else if (spec.result_type.physical() == PhysicalType::Int64) col.append_int(acc.i);
        else col.append_float(int_input ? static_cast<double>(acc.i) : acc.f);
        break;
      case AggregateKind::Avg:
        if (acc.count == 0) col.append_null();
        else col.append_float((int_input ? static_cast<double>(acc.i) : acc.f) / static_cast<double>(acc.count));
        break;
      case AggregateKind::Min:
      case AggregateKind::Max:
        if (acc.count == 0) {
          col.append_null();
          break;
        }
        switch (col.type().physical()) {
          case PhysicalType::Int64: col.append_int(acc.i); break;
          case PhysicalType::Float64: col.append_float(acc.f); break;
          case PhysicalType::String: col.append_string(acc.s); break;
          case PhysicalType::Interval: col.append_interval(Interval{0, 0, acc.i}); break;
        }
        break;
      case AggregateKind::StringAgg:
        if (acc.count == 0) col.append_null();
        else col.append_string(acc.s);
        break;
      case AggregateKind::ArrayAgg:
        if (acc.count == 0) col.append_null();
        else col.append_string("{" + acc.s + "}");
        break;
      case AggregateKind::BoolAnd:
      case AggregateKind::BoolOr:
        if (acc.count == 0) col.append_null();
        else col.append_int(acc.i);
        break;
    }
  }
  out.weights.push_back(1);
}

Batch HashAggregate::take_changes(std::vector<std::string>& keys, std::vector<uint8_t>& alive) {
  Batch out = Batch::with_types(output_types());
  keys.clear();
  alive.clear();
  for (uint32_t g : dirty_list_) {
    dirty_[g] = 0;
    append_group(out, g);
    keys.push_back(group_keys_[g]);
    alive.push_back(global() || row_counts_[g] > 0 ? 1 : 0);
  }
  dirty_list_.clear();
  return out;
}

Batch HashAggregate::take_changes(std::vector<std::string>& keys, std::vector<uint8_t>& alive,
                                  std::vector<std::string>& states) {
  states.clear();
  for (uint32_t g : dirty_list_) states.push_back(global() || row_counts_[g] > 0 ? encode_group(g) : std::string());
  return take_changes(keys, alive);
}

Batch HashAggregate::all_groups() {
  Batch out = Batch::with_types(output_types());
  for (uint32_t g = 0; g < row_counts_.size(); ++g)
    if (global() || row_counts_[g] > 0) append_group(out, g);
  return out;
}

}  // namespace eddy::engine
