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
      accumulators_(std::move(aggregates)) {
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
  for (const auto& a : accumulators_.specs()) out.push_back(a.result_type);
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
  accumulators_.resize(row_counts_.size());
  dirty_.push_back(0);
  return g;
}

// A group's state: one row of [key values..., window start?, row count, then per aggregate
// count, integer, float, string], in storage/row_codec's format (which carries a version).
std::string HashAggregate::encode_group(uint32_t g) const {
  Row r = group_values_[g];
  r.push_back(Value::int64(row_counts_[g]));
  accumulators_.encode(g, r);
  return storage::encode_row(r);
}

bool HashAggregate::restore_group(std::string_view state) {
  Row r;
  if (!storage::decode_row(state, r).ok()) return false;
  const size_t nkeys = key_inputs_.size() + (window_ ? 1 : 0);
  if (r.size() < nkeys + 1) return false;
  Row values(r.begin(), r.begin() + static_cast<long>(nkeys));
  for (size_t k = 0; k < key_inputs_.size(); ++k)
    if (!values[k].is_null && values[k].type.physical() != key_types_[k].physical()) return false;
  std::string key;
  for (const auto& v : values) storage::append_key(key, v);
  uint32_t g;
  auto it = index_.find(key);
  g = it != index_.end() ? it->second : insert_group(key, values);
  row_counts_[g] = r[nkeys].i;
  size_t pos = nkeys + 1;
  if (!accumulators_.decode(g, r, pos) || pos != r.size()) return false;
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
  accumulators_.check_retractions(input);
  pair_rows_.clear();
  pair_groups_.clear();
  std::string key;
  for (size_t r = 0; r < rows; ++r) {
    const uint32_t g = global() ? 0 : group_for_row(input, r, key);
    if (g == kSkip) continue;
    pair_rows_.push_back(static_cast<uint32_t>(r));
    pair_groups_.push_back(g);
    row_counts_[g] += input.weights[r];
    if (!dirty_[g]) {
      dirty_[g] = 1;
      dirty_list_.push_back(g);
    }
  }
  accumulators_.update(input, pair_rows_, pair_groups_);
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
  accumulators_.append_results(g, out.columns, c);
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
