#include "engine/accumulators.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string_view>
#include <type_traits>

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/array_text.h"
#include "common/error.h"
#include "common/value_text.h"
#include "engine/hyperloglog.h"
#include "storage/key_encoding.h"

namespace eddy::engine {

enum class StateForm : uint8_t {
  Fixed,            // the slot's fields only
  DistinctInt,      // count/sum/avg(DISTINCT x) over Int64, Float64 (canonical bits), Interval (length)
  DistinctString,   // ... over strings
  OrderedInt,       // retractable min/max, by physical type
  OrderedFloat,
  OrderedString,
  OrderedInterval,
  Hll,              // approx_count_distinct
  FirstLast,        // first_value/last_value: the best row in the slot (no extra)
  Rows,             // every row, by (ORDER BY key, arrival): retractable first/last ORDER BY,
                    // string_agg/array_agg ORDER BY
};

namespace {

bool has_extra(StateForm f) { return f != StateForm::Fixed && f != StateForm::FirstLast; }

// NaN sorts above every other value and equals itself, -0 equals 0: PostgreSQL's float order.
bool float_less(double a, double b) { return a < b || (b != b && a == a); }
double canonical_float(double x) {
  if (x != x) return std::numeric_limits<double>::quiet_NaN();
  return x == 0.0 ? 0.0 : x;
}
struct FloatLess {
  bool operator()(double a, double b) const { return float_less(a, b); }
};
// Intervals by length (30-day months, 24-hour days), then fields, so that different spellings of
// one length stay apart and the one printed is one that was put in.
struct IntervalLess {
  bool operator()(const Interval& a, const Interval& b) const {
    const int64_t la = a.approx_micros(), lb = b.approx_micros();
    if (la != lb) return la < lb;
    if (a.months != b.months) return a.months < b.months;
    if (a.days != b.days) return a.days < b.days;
    return a.micros < b.micros;
  }
};

template <class T>
void put_raw(std::string& out, const T& v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out.append(buf, sizeof(T));
}

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_bytes(std::string& out, std::string_view b) {
  put_varint(out, b.size());
  out.append(b);
}

void put_be64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t get_be64(std::string_view b) {  // the last 8 bytes
  uint64_t v = 0;
  for (size_t k = b.size() - 8; k < b.size(); ++k) v = (v << 8) | static_cast<uint8_t>(b[k]);
  return v;
}

// Bounds-checked reading of what the put_* functions wrote.
struct Reader {
  std::string_view in;
  size_t pos = 0;

  bool done() const { return pos == in.size(); }
  template <class T>
  bool raw(T& v) {
    if (in.size() - pos < sizeof(T)) return false;
    std::memcpy(&v, in.data() + pos, sizeof(T));
    pos += sizeof(T);
    return true;
  }
  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= in.size()) return false;
      const uint8_t b = static_cast<uint8_t>(in[pos++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  bool count(int64_t& c) {  // an occurrence count: positive
    uint64_t v;
    if (!varint(v) || v == 0 || v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    c = static_cast<int64_t>(v);
    return true;
  }
  bool bytes(std::string_view& b) {
    uint64_t n;
    if (!varint(n) || n > in.size() - pos) return false;
    b = in.substr(pos, n);
    pos += n;
    return true;
  }
};

// A value of x as bytes (first_value/last_value): empty for NULL, else 0x01 then 8 bytes for
// Int64 and Float64, 16 for an Interval, the bytes of a string.
constexpr char kCellPresent = '\x01';

void append_cell(std::string& out, const Column& col, size_t row) {
  if (col.is_null(row)) return;
  out.push_back(kCellPresent);
  switch (col.type().physical()) {
    case PhysicalType::Int64: put_raw(out, col.ints()[row]); break;
    case PhysicalType::Float64: put_raw(out, col.floats()[row]); break;
    case PhysicalType::String: out += col.strings()[row]; break;
    case PhysicalType::Interval: put_raw(out, col.intervals()[row]); break;
  }
}

bool valid_cell(std::string_view cell, PhysicalType p) {
  if (cell.empty()) return true;
  if (cell[0] != kCellPresent) return false;
  switch (p) {
    case PhysicalType::Int64:
    case PhysicalType::Float64: return cell.size() == 9;
    case PhysicalType::String: return true;
    case PhysicalType::Interval: return cell.size() == 1 + sizeof(Interval);
  }
  return false;
}

void append_cell_to(Column& out, std::string_view cell) {
  if (cell.empty()) {
    out.append_null();
    return;
  }
  const char* p = cell.data() + 1;
  switch (out.type().physical()) {
    case PhysicalType::Int64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      out.append_int(v);
      break;
    }
    case PhysicalType::Float64: {
      double v;
      std::memcpy(&v, p, 8);
      out.append_float(v);
      break;
    }
    case PhysicalType::String: out.append_string(std::string(cell.substr(1))); break;
    case PhysicalType::Interval: {
      Interval v;
      std::memcpy(&v, p, sizeof v);
      out.append_interval(v);
      break;
    }
  }
}

// The interval extreme of a min/max slot: its 16 bytes in s (states written before it was kept
// have only the length, in i).
void set_interval(std::string& s, const Interval& v) {
  s.clear();
  put_raw(s, v);
}
Interval get_interval(const std::string& s, int64_t length) {
  if (s.size() != sizeof(Interval)) return Interval{0, 0, length};
  Interval v;
  std::memcpy(&v, s.data(), sizeof v);
  return v;
}

// The ORDER BY keys of one row as bytes that compare (memcmp) as the keys order: each key is
// storage/key_encoding's form (0x01 then a prefix-free payload), the payload inverted for DESC;
// NULL is 0x00 (NULLS FIRST) or 0x03 (NULLS LAST).
void append_order_key(std::string& out, const Batch& input, size_t row, const std::vector<AggregateOrderKey>& keys) {
  for (const auto& k : keys) {
    const Column& col = input.columns[k.input];
    if (col.is_null(row)) {
      out.push_back(k.nulls_first ? '\x00' : '\x03');
      continue;
    }
    const size_t start = out.size();
    constexpr uint64_t kSign = uint64_t{1} << 63;
    switch (col.type().physical()) {  // the numbers inline, as key_encoding lays them out
      case PhysicalType::Int64:
        out.push_back('\x01');
        put_be64(out, static_cast<uint64_t>(col.ints()[row]) ^ kSign);
        break;
      case PhysicalType::Float64: {
        const uint64_t bits = std::bit_cast<uint64_t>(canonical_float(col.floats()[row]));
        out.push_back('\x01');
        put_be64(out, (bits & kSign) ? ~bits : bits | kSign);
        break;
      }
      default:
        storage::append_key(out, col, row);
        break;
    }
    if (k.descending)
      for (size_t i = start + 1; i < out.size(); ++i) out[i] = static_cast<char>(~static_cast<unsigned char>(out[i]));
  }
}

size_t heap_bytes(const std::string& s) { return s.size() > 15 ? s.capacity() + 1 : 0; }

// sum/avg(DISTINCT x) over floats: the finite values' sum in f, and which of NaN, +Infinity and
// -Infinity are among the values as bits of i, so that taking one back restores the sum.
constexpr int64_t kHasNaN = 1, kHasPosInf = 2, kHasNegInf = 4;
int64_t special_float_bit(double v) {
  if (v != v) return kHasNaN;
  if (std::isinf(v)) return v > 0 ? kHasPosInf : kHasNegInf;
  return 0;
}
void add_distinct_float(int64_t& flags, double& sum, double v, int64_t sign) {
  if (int64_t bit = special_float_bit(v)) {
    if (sign > 0) flags |= bit;
    else flags &= ~bit;
  } else {
    sum += static_cast<double>(sign) * v;
  }
}
double distinct_float_sum(int64_t flags, double sum) {
  if ((flags & kHasNaN) || ((flags & kHasPosInf) && (flags & kHasNegInf))) return std::numeric_limits<double>::quiet_NaN();
  if (flags & kHasPosInf) return std::numeric_limits<double>::infinity();
  if (flags & kHasNegInf) return -std::numeric_limits<double>::infinity();
  return sum;
}

}  // namespace

// State beyond the fixed fields (see the header). The hot loops know the concrete type from
// the spec's StateForm and cast; only destruction and bytes() are virtual.
struct AccumulatorExtra {
  virtual ~AccumulatorExtra() = default;
  virtual size_t bytes() const = 0;
};

namespace {

template <class K>
struct DistinctCounts final : AccumulatorExtra {
  boost::unordered_flat_map<K, int64_t> counts;  // value -> occurrences, all > 0
  size_t payload = 0;                            // heap bytes of string keys
  size_t bytes() const override { return counts.bucket_count() * (sizeof(K) + sizeof(int64_t) + 1) + payload; }
};

template <class K, class Less>
struct OrderedCounts final : AccumulatorExtra {
  std::map<K, int64_t, Less> counts;  // value -> occurrences, all > 0
  size_t payload = 0;
  size_t bytes() const override { return counts.size() * (sizeof(K) + sizeof(int64_t) + 32) + payload; }
};
using OrderedInts = OrderedCounts<int64_t, std::less<int64_t>>;
using OrderedFloats = OrderedCounts<double, FloatLess>;
using OrderedStrings = OrderedCounts<std::string, std::less<>>;
using OrderedIntervals = OrderedCounts<Interval, IntervalLess>;

struct HllExtra final : AccumulatorExtra {
  HyperLogLog hll;
  size_t bytes() const override { return hll.bytes(); }
};

struct RowEntry {
  std::string cell;  // first/last: the value as a cell; string_agg: the text; array_agg: the element's array text
  int64_t count = 0;
};
struct OrderedRows final : AccumulatorExtra {
  std::map<std::string, RowEntry> rows;  // ORDER BY key, then 8-byte big-endian arrival sequence
  size_t payload = 0;
  size_t bytes() const override { return rows.size() * (sizeof(RowEntry) + sizeof(std::string) + 32) + payload; }
};

template <class T>
T& extra_of(std::unique_ptr<AccumulatorExtra>& p) {
  if (!p) p = std::make_unique<T>();
  return static_cast<T&>(*p);
}
template <class T>
const T* extra_if(const std::unique_ptr<AccumulatorExtra>& p) {
  return static_cast<const T*>(p.get());
}

StateForm form_of(const AggregateSpec& spec) {
  const PhysicalType p = spec.input_type.physical();
  switch (spec.kind) {
    case AggregateKind::Count:
    case AggregateKind::Sum:
    case AggregateKind::Avg:
      if (!spec.distinct) return StateForm::Fixed;
      return p == PhysicalType::String ? StateForm::DistinctString : StateForm::DistinctInt;
    case AggregateKind::Min:
    case AggregateKind::Max:
      if (!spec.retractable) return StateForm::Fixed;
      switch (p) {
        case PhysicalType::Int64: return StateForm::OrderedInt;
        case PhysicalType::Float64: return StateForm::OrderedFloat;
        case PhysicalType::String: return StateForm::OrderedString;
        case PhysicalType::Interval: return StateForm::OrderedInterval;
      }
      return StateForm::Fixed;
    case AggregateKind::ApproxCountDistinct:
      return StateForm::Hll;
    case AggregateKind::FirstValue:
    case AggregateKind::LastValue:
      return !spec.order_by.empty() && spec.retractable ? StateForm::Rows : StateForm::FirstLast;
    case AggregateKind::StringAgg:
    case AggregateKind::ArrayAgg:
      return spec.order_by.empty() ? StateForm::Fixed : StateForm::Rows;
    default:
      return StateForm::Fixed;
  }
}

// The array text of one element (array_agg), without the braces.
void append_array_element(std::string& out, const Column& col, size_t row, std::string& scratch) {
  ArrayElements one;
  if (col.is_null(row)) {
    one.emplace_back(std::nullopt);
  } else {
    scratch.clear();
    append_value_text(scratch, col, row);
    one.emplace_back(scratch);
  }
  std::string formatted = format_array(one, Type::array_of(col.type()));
  out.append(formatted, 1, formatted.size() - 2);
}

}  // namespace

Accumulators::Accumulators(std::vector<AggregateSpec> specs) : specs_(std::move(specs)) {
  for (const auto& s : specs_) forms_.push_back(form_of(s));
}
Accumulators::~Accumulators() = default;
Accumulators::Accumulators(Accumulators&&) noexcept = default;
Accumulators& Accumulators::operator=(Accumulators&&) noexcept = default;

void Accumulators::resize(size_t groups) {
  if (specs_.empty()) {
    groups_ = groups;
    return;
  }
  slots_.resize(groups * specs_.size());
}

void Accumulators::clear(uint32_t g) {
  for (size_t a = 0; a < specs_.size(); ++a) slot(g, a) = Slot();
}

void Accumulators::check_retractions(const Batch& input) const {
  bool retracts = false;
  for (int64_t w : input.weights) retracts |= w < 0;
  if (!retracts) return;
  for (const auto& spec : specs_) {
    if (!is_append_only(spec)) continue;
    switch (spec.kind) {
      case AggregateKind::FirstValue:
      case AggregateKind::LastValue:
        if (spec.order_by.empty())
          throw SqlError(sqlstate::kFeatureNotSupported,
                         spec.name + "() without ORDER BY cannot take back a row: its input retracts rows, and "
                                     "arrival order does not say which row comes next")
              .with_hint("Give the call an order, e.g. " + spec.name + "(x ORDER BY ts).");
        break;
      case AggregateKind::StringAgg:
      case AggregateKind::ArrayAgg:
        throw SqlError(sqlstate::kFeatureNotSupported,
                       spec.name + "() without ORDER BY over retracted rows is not supported")
            .with_hint("Give the call an order, e.g. " + spec.name +
                       (spec.kind == AggregateKind::StringAgg ? "(x, ',' ORDER BY ts)." : "(x ORDER BY ts)."));
      case AggregateKind::ApproxCountDistinct:
        throw SqlError(sqlstate::kFeatureNotSupported,
                       "approx_count_distinct() cannot take back a row: its HyperLogLog sketch only grows")
            .with_hint("count(DISTINCT x) is exact under retractions.");
      default:
        break;
    }
    throw SqlError(sqlstate::kFeatureNotSupported, spec.name + "() over retracted rows is not supported yet");
  }
}

void Accumulators::update(const Batch& input, const std::vector<uint32_t>& rows, const std::vector<uint32_t>& groups) {
  const uint64_t seq_base = next_seq_;
  next_seq_ += input.rows();
  for (size_t a = 0; a < specs_.size(); ++a) update_one(a, input, rows, groups, seq_base);
}

void Accumulators::update_one(size_t a, const Batch& input, const std::vector<uint32_t>& rows,
                              const std::vector<uint32_t>& groups, uint64_t seq_base) {
  const AggregateSpec& spec = specs_[a];
  const StateForm form = forms_[a];
  const size_t n = rows.size();
  const auto& w = input.weights;
  if (spec.kind == AggregateKind::CountStar) {
    for (size_t i = 0; i < n; ++i) slot(groups[i], a).count += w[rows[i]];
    return;
  }
  const Column& col = input.columns[spec.input];
  const bool nulls = col.has_nulls();
  auto is_null = [&](uint32_t r) { return nulls && col.nulls()[r] != 0; };

  switch (form) {
    case StateForm::Fixed:
      break;
    case StateForm::DistinctInt:
    case StateForm::DistinctString: {
      // value -> occurrences; the slot keeps the number of distinct values and their sum.
      auto run = [&](auto key_of, auto add) {
        using K = std::decay_t<decltype(key_of(uint32_t{0}))>;
        for (size_t i = 0; i < n; ++i) {
          const uint32_t r = rows[i];
          if (is_null(r)) continue;
          Slot& acc = slot(groups[i], a);
          auto& e = extra_of<DistinctCounts<K>>(acc.extra);
          const int64_t weight = w[r];
          if (weight > 0) {
            auto [it, inserted] = e.counts.try_emplace(key_of(r), 0);
            if (inserted) {
              ++acc.count;
              add(acc, r, 1);
              if constexpr (std::is_same_v<K, std::string>) e.payload += heap_bytes(it->first);
            }
            it->second += weight;
          } else if (weight < 0) {
            auto it = e.counts.find(key_of(r));
            if (it == e.counts.end()) continue;
            it->second += weight;
            if (it->second <= 0) {
              if constexpr (std::is_same_v<K, std::string>) e.payload -= std::min(e.payload, heap_bytes(it->first));
              e.counts.erase(it);
              --acc.count;
              add(acc, r, -1);
            }
          }
        }
      };
      switch (col.type().physical()) {
        case PhysicalType::Int64: {
          const int64_t* v = col.ints().data();
          run([&](uint32_t r) { return v[r]; }, [&](Slot& acc, uint32_t r, int64_t sign) { acc.i += sign * v[r]; });
          break;
        }
        case PhysicalType::Float64: {
          const double* v = col.floats().data();
          run([&](uint32_t r) { return std::bit_cast<int64_t>(canonical_float(v[r])); },
              [&](Slot& acc, uint32_t r, int64_t sign) { add_distinct_float(acc.i, acc.f, v[r], sign); });
          break;
        }
        case PhysicalType::String: {
          const auto& v = col.strings();
          run([&](uint32_t r) -> const std::string& { return v[r]; }, [](Slot&, uint32_t, int64_t) {});
          break;
        }
        case PhysicalType::Interval: {  // equal when equally long, as PostgreSQL compares them
          const auto& v = col.intervals();
          run([&](uint32_t r) { return v[r].approx_micros(); }, [](Slot&, uint32_t, int64_t) {});
          break;
        }
      }
      return;
    }
    case StateForm::OrderedInt:
    case StateForm::OrderedFloat:
    case StateForm::OrderedString:
    case StateForm::OrderedInterval: {
      // Retractable min/max: value -> occurrences, ordered.
      auto run = [&](auto tag, auto key_of) {
        using E = typename decltype(tag)::type;
        for (size_t i = 0; i < n; ++i) {
          const uint32_t r = rows[i];
          if (is_null(r)) continue;
          Slot& acc = slot(groups[i], a);
          auto& e = extra_of<E>(acc.extra);
          const int64_t weight = w[r];
          if (weight > 0) {
            auto [it, inserted] = e.counts.try_emplace(key_of(r), 0);
            if constexpr (std::is_same_v<E, OrderedStrings>)
              if (inserted) e.payload += heap_bytes(it->first);
            it->second += weight;
            acc.count += weight;
          } else if (weight < 0) {
            auto it = e.counts.find(key_of(r));
            if (it == e.counts.end()) continue;
            const int64_t take = std::min(it->second, -weight);
            it->second -= take;
            acc.count -= take;
            if (it->second == 0) {
              if constexpr (std::is_same_v<E, OrderedStrings>) e.payload -= std::min(e.payload, heap_bytes(it->first));
              e.counts.erase(it);
            }
          }
        }
      };
      switch (form) {
        case StateForm::OrderedInt: {
          const int64_t* v = col.ints().data();
          run(std::type_identity<OrderedInts>{}, [&](uint32_t r) { return v[r]; });
          break;
        }
        case StateForm::OrderedFloat: {
          const double* v = col.floats().data();
          run(std::type_identity<OrderedFloats>{}, [&](uint32_t r) { return canonical_float(v[r]); });
          break;
        }
        case StateForm::OrderedString: {
          const auto& v = col.strings();
          run(std::type_identity<OrderedStrings>{}, [&](uint32_t r) -> const std::string& { return v[r]; });
          break;
        }
        default: {
          const auto& v = col.intervals();
          run(std::type_identity<OrderedIntervals>{}, [&](uint32_t r) { return v[r]; });
          break;
        }
      }
      return;
    }
    case StateForm::Hll: {
      auto run = [&](auto hash_of) {
        for (size_t i = 0; i < n; ++i) {
          const uint32_t r = rows[i];
          if (is_null(r)) continue;
          Slot& acc = slot(groups[i], a);
          extra_of<HllExtra>(acc.extra).hll.add(hash_of(r));
          acc.count += w[r];
        }
      };
      switch (col.type().physical()) {
        case PhysicalType::Int64: {
          const int64_t* v = col.ints().data();
          run([&](uint32_t r) { return hash_word(static_cast<uint64_t>(v[r])); });
          break;
        }
        case PhysicalType::Float64: {
          const double* v = col.floats().data();
          run([&](uint32_t r) { return hash_word(std::bit_cast<uint64_t>(canonical_float(v[r]))); });
          break;
        }
        case PhysicalType::String: {
          const auto& v = col.strings();
          run([&](uint32_t r) { return hash_bytes(v[r].data(), v[r].size()); });
          break;
        }
        case PhysicalType::Interval: {
          const auto& v = col.intervals();
          run([&](uint32_t r) { return hash_word(static_cast<uint64_t>(v[r].approx_micros())); });
          break;
        }
      }
      return;
    }
    case StateForm::FirstLast: {
      // The held row: s = its ORDER BY key (i bytes) then its value as a cell; f = its sequence.
      const bool first = spec.kind == AggregateKind::FirstValue;
      const bool ordered = !spec.order_by.empty();
      std::string key;
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        Slot& acc = slot(groups[i], a);
        bool replace;
        if (ordered) {
          key.clear();
          append_order_key(key, input, r, spec.order_by);
          const std::string_view held(acc.s.data(), static_cast<size_t>(acc.i));
          // ties keep arrival order: first_value keeps the earlier row, last_value takes the later
          replace = acc.count == 0 || (first ? std::string_view(key) < held : std::string_view(key) >= held);
        } else {
          replace = acc.count == 0 || !first;
        }
        if (replace) {
          acc.s.assign(key);
          append_cell(acc.s, col, r);
          acc.i = static_cast<int64_t>(key.size());
          acc.f = static_cast<double>(seq_base + r);
        }
        acc.count += w[r];
      }
      return;
    }
    case StateForm::Rows: {
      const bool string_agg = spec.kind == AggregateKind::StringAgg;
      const bool array_agg = spec.kind == AggregateKind::ArrayAgg;
      std::string key, cell, scratch;
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        if (string_agg && is_null(r)) continue;
        const int64_t weight = w[r];
        if (weight == 0) continue;
        Slot& acc = slot(groups[i], a);
        auto& e = extra_of<OrderedRows>(acc.extra);
        key.clear();
        append_order_key(key, input, r, spec.order_by);
        cell.clear();
        if (string_agg) cell = col.strings()[r];
        else if (array_agg) append_array_element(cell, col, r, scratch);
        else append_cell(cell, col, r);
        if (weight > 0) {
          const size_t order_bytes = key.size();
          put_be64(key, seq_base + r);
          auto [it, inserted] = e.rows.try_emplace(key);
          if (inserted) {
            it->second.cell = cell;
            e.payload += heap_bytes(it->first) + heap_bytes(it->second.cell);
          }
          it->second.count += weight;
          acc.count += weight;
          key.resize(order_bytes);
          continue;
        }
        // A retraction takes back the latest rows with this key and value.
        int64_t remaining = -weight;
        while (remaining > 0) {
          auto match = e.rows.end();
          for (auto it = e.rows.lower_bound(key); it != e.rows.end() && it->first.starts_with(key); ++it)
            if (it->second.cell == cell) match = it;
          if (match == e.rows.end()) break;
          const int64_t take = std::min(match->second.count, remaining);
          match->second.count -= take;
          acc.count -= take;
          remaining -= take;
          if (match->second.count == 0) {
            e.payload -= std::min(e.payload, heap_bytes(match->first) + heap_bytes(match->second.cell));
            e.rows.erase(match);
          }
        }
      }
      return;
    }
  }

  if (spec.kind == AggregateKind::StringAgg || spec.kind == AggregateKind::ArrayAgg) {
    // s: string_agg's text so far; array_agg's elements in array text form, without braces.
    const bool array = spec.kind == AggregateKind::ArrayAgg;
    std::string scratch;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      if (is_null(r) && !array) continue;
      Slot& acc = slot(groups[i], a);
      if (acc.count > 0) acc.s += array ? "," : spec.separator;
      if (array) append_array_element(acc.s, col, r, scratch);
      else acc.s += col.strings()[r];
      acc.count += w[r];
    }
    return;
  }
  if (spec.kind == AggregateKind::BoolAnd || spec.kind == AggregateKind::BoolOr) {
    const bool is_and = spec.kind == AggregateKind::BoolAnd;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      if (is_null(r)) continue;
      Slot& acc = slot(groups[i], a);
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
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        if (is_null(r)) continue;
        Slot& acc = slot(groups[i], a);
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
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        if (is_null(r)) continue;
        Slot& acc = slot(groups[i], a);
        if (extreme) {
          if (acc.count == 0 || (is_min ? float_less(v[r], acc.f) : float_less(acc.f, v[r]))) acc.f = v[r];
        } else {
          acc.f += v[r] * static_cast<double>(w[r]);
        }
        acc.count += w[r];
      }
      break;
    }
    case PhysicalType::String: {
      const auto& v = col.strings();
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        if (is_null(r)) continue;
        Slot& acc = slot(groups[i], a);
        if (extreme && (acc.count == 0 || (is_min ? v[r] < acc.s : v[r] > acc.s))) acc.s = v[r];
        acc.count += w[r];
      }
      break;
    }
    case PhysicalType::Interval: {
      const auto& v = col.intervals();
      for (size_t i = 0; i < n; ++i) {
        const uint32_t r = rows[i];
        if (is_null(r)) continue;
        Slot& acc = slot(groups[i], a);
        int64_t x = v[r].approx_micros();
        if (extreme && (acc.count == 0 || (is_min ? x < acc.i : x > acc.i))) {
          acc.i = x;
          set_interval(acc.s, v[r]);
        }
        acc.count += w[r];
      }
      break;
    }
  }
}

namespace {

template <class E>
void merge_ordered(std::unique_ptr<AccumulatorExtra>& into, std::unique_ptr<AccumulatorExtra>& from) {
  auto* src = static_cast<E*>(from.get());
  if (!src) return;
  auto& dst = extra_of<E>(into);
  for (auto& [k, c] : src->counts) {
    auto [it, inserted] = dst.counts.try_emplace(k, 0);
    it->second += c;
  }
  dst.payload += src->payload;
}

}  // namespace

void Accumulators::merge(uint32_t into, uint32_t from) {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const AggregateSpec& spec = specs_[a];
    const StateForm form = forms_[a];
    Slot& dst = slot(into, a);
    Slot& src = slot(from, a);
    // count is 0 exactly when a kind's state is empty (count(*) aside)
    if (src.count == 0 && spec.kind != AggregateKind::CountStar) continue;
    if (dst.count == 0 && spec.kind != AggregateKind::CountStar) {
      dst = std::move(src);
      src = Slot();
      continue;
    }
    const bool is_min = spec.kind == AggregateKind::Min;
    switch (form) {
      case StateForm::Fixed:
        break;
      case StateForm::DistinctInt:
      case StateForm::DistinctString: {
        // The union of both multisets; a value new to `into` adds to its count and sum.
        auto run = [&](auto tag, auto add) {
          using E = typename decltype(tag)::type;
          auto* s = static_cast<E*>(src.extra.get());
          if (!s) return;
          auto& d = extra_of<E>(dst.extra);
          for (auto& [k, c] : s->counts) {
            auto [it, inserted] = d.counts.try_emplace(k, 0);
            if (inserted) {
              ++dst.count;
              add(k);
            }
            it->second += c;
          }
          d.payload += s->payload;
        };
        if (form == StateForm::DistinctString) {
          run(std::type_identity<DistinctCounts<std::string>>{}, [](const std::string&) {});
        } else if (spec.input_type.physical() == PhysicalType::Int64) {
          run(std::type_identity<DistinctCounts<int64_t>>{}, [&](int64_t k) { dst.i += k; });
        } else if (spec.input_type.physical() == PhysicalType::Float64) {
          run(std::type_identity<DistinctCounts<int64_t>>{},
              [&](int64_t k) { add_distinct_float(dst.i, dst.f, std::bit_cast<double>(k), 1); });
        } else {
          run(std::type_identity<DistinctCounts<int64_t>>{}, [](int64_t) {});
        }
        src = Slot();
        continue;  // dst.count is already the union's
      }
      case StateForm::OrderedInt: merge_ordered<OrderedInts>(dst.extra, src.extra); break;
      case StateForm::OrderedFloat: merge_ordered<OrderedFloats>(dst.extra, src.extra); break;
      case StateForm::OrderedString: merge_ordered<OrderedStrings>(dst.extra, src.extra); break;
      case StateForm::OrderedInterval: merge_ordered<OrderedIntervals>(dst.extra, src.extra); break;
      case StateForm::Hll:
        if (auto* s = extra_if<HllExtra>(src.extra)) extra_of<HllExtra>(dst.extra).hll.merge(s->hll);
        break;
      case StateForm::FirstLast: {
        // The earlier (first_value) or later (last_value) of the two held rows, by (key, arrival).
        const std::string_view dk(dst.s.data(), static_cast<size_t>(dst.i));
        const std::string_view sk(src.s.data(), static_cast<size_t>(src.i));
        const bool src_before = sk < dk || (sk == dk && src.f < dst.f);
        if (spec.kind == AggregateKind::FirstValue ? src_before : !src_before) {
          dst.s = std::move(src.s);
          dst.i = src.i;
          dst.f = src.f;
        }
        break;
      }
      case StateForm::Rows:
        if (auto* s = static_cast<OrderedRows*>(src.extra.get())) {
          auto& d = extra_of<OrderedRows>(dst.extra);
          for (auto& [k, entry] : s->rows) {
            auto [it, inserted] = d.rows.try_emplace(k);
            if (inserted) it->second.cell = std::move(entry.cell);
            it->second.count += entry.count;
          }
          d.payload += s->payload;
        }
        break;
    }
    if (form == StateForm::Fixed) {
      switch (spec.kind) {
        case AggregateKind::CountStar:
        case AggregateKind::Count:
          break;
        case AggregateKind::Sum:
        case AggregateKind::Avg:
          dst.i += src.i;
          dst.f += src.f;
          break;
        case AggregateKind::Min:
        case AggregateKind::Max:
          switch (spec.input_type.physical()) {
            case PhysicalType::Int64:
              if (is_min ? src.i < dst.i : src.i > dst.i) dst.i = src.i;
              break;
            case PhysicalType::Interval:
              if (is_min ? src.i < dst.i : src.i > dst.i) {
                dst.i = src.i;
                dst.s = std::move(src.s);
              }
              break;
            case PhysicalType::Float64:
              if (is_min ? float_less(src.f, dst.f) : float_less(dst.f, src.f)) dst.f = src.f;
              break;
            case PhysicalType::String:
              if (is_min ? src.s < dst.s : src.s > dst.s) dst.s = src.s;
              break;
          }
          break;
        case AggregateKind::StringAgg:
          dst.s += spec.separator + src.s;
          break;
        case AggregateKind::ArrayAgg:
          dst.s += "," + src.s;
          break;
        case AggregateKind::BoolAnd:
          dst.i = dst.i != 0 && src.i != 0;
          break;
        case AggregateKind::BoolOr:
          dst.i = dst.i != 0 || src.i != 0;
          break;
        default:
          break;
      }
    }
    dst.count += src.count;
    src = Slot();
  }
}

void Accumulators::append_results(uint32_t g, std::vector<Column>& out, size_t first) const {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const AggregateSpec& spec = specs_[a];
    const StateForm form = forms_[a];
    const Slot& acc = slot(g, a);
    Column& col = out[first + a];
    const bool int_input = spec.input_type.physical() == PhysicalType::Int64;
    switch (spec.kind) {
      case AggregateKind::CountStar:
      case AggregateKind::Count:
        col.append_int(acc.count);
        break;
      case AggregateKind::Sum:
      case AggregateKind::Avg: {
        if (acc.count == 0) {
          col.append_null();
          break;
        }
        if (spec.kind == AggregateKind::Sum && spec.result_type.physical() == PhysicalType::Int64) {
          col.append_int(acc.i);
          break;
        }
        double sum = int_input ? static_cast<double>(acc.i) : acc.f;
        if (form == StateForm::DistinctInt && spec.input_type.physical() == PhysicalType::Float64)
          sum = distinct_float_sum(acc.i, acc.f);
        col.append_float(spec.kind == AggregateKind::Sum ? sum : sum / static_cast<double>(acc.count));
        break;
      }
      case AggregateKind::Min:
      case AggregateKind::Max: {
        const bool is_min = spec.kind == AggregateKind::Min;
        if (acc.count <= 0) {
          col.append_null();
          break;
        }
        auto extreme = [&](auto tag, auto append) {
          using E = typename decltype(tag)::type;
          const E* e = extra_if<E>(acc.extra);
          if (!e || e->counts.empty()) col.append_null();
          else append(is_min ? e->counts.begin()->first : e->counts.rbegin()->first);
        };
        switch (form) {
          case StateForm::OrderedInt:
            extreme(std::type_identity<OrderedInts>{}, [&](int64_t v) { col.append_int(v); });
            break;
          case StateForm::OrderedFloat:
            extreme(std::type_identity<OrderedFloats>{}, [&](double v) { col.append_float(v); });
            break;
          case StateForm::OrderedString:
            extreme(std::type_identity<OrderedStrings>{}, [&](const std::string& v) { col.append_string(v); });
            break;
          case StateForm::OrderedInterval:
            extreme(std::type_identity<OrderedIntervals>{}, [&](const Interval& v) { col.append_interval(v); });
            break;
          default:
            switch (col.type().physical()) {
              case PhysicalType::Int64: col.append_int(acc.i); break;
              case PhysicalType::Float64: col.append_float(acc.f); break;
              case PhysicalType::String: col.append_string(acc.s); break;
              case PhysicalType::Interval: col.append_interval(get_interval(acc.s, acc.i)); break;
            }
            break;
        }
        break;
      }
      case AggregateKind::StringAgg:
      case AggregateKind::ArrayAgg: {
        const bool array = spec.kind == AggregateKind::ArrayAgg;
        if (acc.count <= 0) {
          col.append_null();
          break;
        }
        if (form != StateForm::Rows) {
          col.append_string(array ? "{" + acc.s + "}" : acc.s);
          break;
        }
        const auto* e = extra_if<OrderedRows>(acc.extra);
        std::string text = array ? "{" : "";
        bool any = false;
        if (e)
          for (const auto& [k, entry] : e->rows)
            for (int64_t c = 0; c < entry.count; ++c) {
              if (any) text += array ? "," : spec.separator;
              text += entry.cell;
              any = true;
            }
        if (array) text += "}";
        if (any) col.append_string(std::move(text));
        else col.append_null();
        break;
      }
      case AggregateKind::BoolAnd:
      case AggregateKind::BoolOr:
        if (acc.count == 0) col.append_null();
        else col.append_int(acc.i);
        break;
      case AggregateKind::ApproxCountDistinct: {
        const auto* e = extra_if<HllExtra>(acc.extra);
        col.append_int(acc.count > 0 && e ? static_cast<int64_t>(e->hll.estimate()) : 0);
        break;
      }
      case AggregateKind::FirstValue:
      case AggregateKind::LastValue:
        if (acc.count <= 0) {
          col.append_null();
        } else if (form == StateForm::Rows) {
          const auto* e = extra_if<OrderedRows>(acc.extra);
          if (!e || e->rows.empty()) col.append_null();
          else append_cell_to(col, spec.kind == AggregateKind::FirstValue ? e->rows.begin()->second.cell
                                                                           : e->rows.rbegin()->second.cell);
        } else {
          append_cell_to(col, std::string_view(acc.s).substr(static_cast<size_t>(acc.i)));
        }
        break;
    }
  }
}

// ---- encode / decode --------------------------------------------------------------------------
// Per aggregate: count, i, f, s as int8, int8, float8, text; kinds with an extra add one text
// value: blob_header(), then its contents (empty contents for an empty state).

namespace {

// The blob starts with what it was written for: the form, the aggregate and its input's class.
std::string blob_header(const AggregateSpec& spec, StateForm form) {
  return {static_cast<char>('a' + static_cast<int>(form)), static_cast<char>('a' + static_cast<int>(spec.kind)),
          static_cast<char>('a' + static_cast<int>(spec.input_type.physical()))};
}

template <class K>
void encode_key(std::string& out, const K& k) {
  if constexpr (std::is_same_v<K, std::string>) put_bytes(out, k);
  else put_raw(out, k);
}

template <class K>
bool decode_key(Reader& r, K& k) {
  if constexpr (std::is_same_v<K, std::string>) {
    std::string_view b;
    if (!r.bytes(b)) return false;
    k.assign(b);
    return true;
  } else {
    return r.raw(k);
  }
}

template <class Map>
void encode_counts(std::string& out, const Map* counts) {
  if (!counts) {
    put_varint(out, 0);
    return;
  }
  put_varint(out, counts->size());
  for (const auto& [k, c] : *counts) {
    encode_key(out, k);
    put_varint(out, static_cast<uint64_t>(c));
  }
}

// Reads entries into `counts` (must be empty); false on anything malformed or repeated.
template <class Map>
bool decode_counts(Reader& r, Map& counts) {
  uint64_t n;
  if (!r.varint(n)) return false;
  for (uint64_t j = 0; j < n; ++j) {
    typename Map::key_type k;
    int64_t c;
    if (!decode_key(r, k) || !r.count(c)) return false;
    if (!counts.try_emplace(std::move(k), c).second) return false;
  }
  return r.done();
}

}  // namespace

void Accumulators::encode(uint32_t g, Row& out) const {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const Slot& acc = slot(g, a);
    const StateForm form = forms_[a];
    out.push_back(Value::int64(acc.count));
    out.push_back(Value::int64(acc.i));
    out.push_back(Value::float64(acc.f));
    out.push_back(Value::text(acc.s));
    if (!has_extra(form)) continue;
    std::string blob = blob_header(specs_[a], form);
    const AccumulatorExtra* x = acc.extra.get();
    switch (form) {
      case StateForm::DistinctInt:
        encode_counts(blob, x ? &static_cast<const DistinctCounts<int64_t>*>(x)->counts : nullptr);
        break;
      case StateForm::DistinctString:
        encode_counts(blob, x ? &static_cast<const DistinctCounts<std::string>*>(x)->counts : nullptr);
        break;
      case StateForm::OrderedInt:
        encode_counts(blob, x ? &static_cast<const OrderedInts*>(x)->counts : nullptr);
        break;
      case StateForm::OrderedFloat:
        encode_counts(blob, x ? &static_cast<const OrderedFloats*>(x)->counts : nullptr);
        break;
      case StateForm::OrderedString:
        encode_counts(blob, x ? &static_cast<const OrderedStrings*>(x)->counts : nullptr);
        break;
      case StateForm::OrderedInterval:
        encode_counts(blob, x ? &static_cast<const OrderedIntervals*>(x)->counts : nullptr);
        break;
      case StateForm::Hll:
        if (x) static_cast<const HllExtra*>(x)->hll.encode(blob);
        else HyperLogLog().encode(blob);
        break;
      case StateForm::Rows: {
        const auto* e = static_cast<const OrderedRows*>(x);
        put_varint(blob, e ? e->rows.size() : 0);
        if (e)
          for (const auto& [k, entry] : e->rows) {
            put_bytes(blob, k);
            put_bytes(blob, entry.cell);
            put_varint(blob, static_cast<uint64_t>(entry.count));
          }
        break;
      }
      default:
        break;
    }
    out.push_back(Value::text(std::move(blob)));
  }
}

bool Accumulators::decode(uint32_t g, const Row& in, size_t& pos) {
  auto is = [&](size_t k, PhysicalType p) {
    return k < in.size() && !in[k].is_null && in[k].type.physical() == p;
  };
  for (size_t a = 0; a < specs_.size(); ++a) {
    const AggregateSpec& spec = specs_[a];
    const StateForm form = forms_[a];
    if (!is(pos, PhysicalType::Int64) || !is(pos + 1, PhysicalType::Int64) || !is(pos + 2, PhysicalType::Float64) ||
        !is(pos + 3, PhysicalType::String))
      return false;
    Slot& acc = slot(g, a);
    acc = Slot();
    acc.count = in[pos].i;
    acc.i = in[pos + 1].i;
    acc.f = in[pos + 2].f;
    acc.s = in[pos + 3].s;
    pos += 4;
    if (form == StateForm::FirstLast) {
      if (acc.count < 0 || acc.i < 0 || static_cast<size_t>(acc.i) > acc.s.size() || !(acc.f >= 0) || acc.f > 0x1p62 ||
          !valid_cell(std::string_view(acc.s).substr(static_cast<size_t>(acc.i)), spec.input_type.physical()))
        return false;
      next_seq_ = std::max(next_seq_, static_cast<uint64_t>(acc.f) + 1);
      continue;
    }
    if (!has_extra(form)) continue;
    if (!is(pos, PhysicalType::String)) return false;
    const std::string& blob = in[pos].s;
    ++pos;
    const std::string header = blob_header(spec, form);
    if (!std::string_view(blob).starts_with(header)) return false;
    Reader r{std::string_view(blob).substr(header.size())};
    // Rebuilds the counts the slot derives from the extra rather than trusting them.
    auto recount = [&](const auto& counts) {
      acc.count = 0;
      for (const auto& [k, c] : counts)
        if (__builtin_add_overflow(acc.count, c, &acc.count)) return false;
      return true;
    };
    switch (form) {
      case StateForm::DistinctInt: {
        auto& e = extra_of<DistinctCounts<int64_t>>(acc.extra);
        if (!decode_counts(r, e.counts)) return false;
        acc.count = static_cast<int64_t>(e.counts.size());
        acc.i = 0;
        acc.f = 0;
        const PhysicalType p = spec.input_type.physical();
        for (const auto& [k, c] : e.counts) {  // wrapping, as the running sum would
          if (p == PhysicalType::Int64) acc.i = static_cast<int64_t>(static_cast<uint64_t>(acc.i) + static_cast<uint64_t>(k));
          else if (p == PhysicalType::Float64) add_distinct_float(acc.i, acc.f, std::bit_cast<double>(k), 1);
        }
        break;
      }
      case StateForm::DistinctString: {
        auto& e = extra_of<DistinctCounts<std::string>>(acc.extra);
        if (!decode_counts(r, e.counts)) return false;
        acc.count = static_cast<int64_t>(e.counts.size());
        for (const auto& [k, c] : e.counts) e.payload += heap_bytes(k);
        break;
      }
      case StateForm::OrderedInt: {
        auto& e = extra_of<OrderedInts>(acc.extra);
        if (!decode_counts(r, e.counts) || !recount(e.counts)) return false;
        break;
      }
      case StateForm::OrderedFloat: {
        auto& e = extra_of<OrderedFloats>(acc.extra);
        if (!decode_counts(r, e.counts) || !recount(e.counts)) return false;
        break;
      }
      case StateForm::OrderedString: {
        auto& e = extra_of<OrderedStrings>(acc.extra);
        if (!decode_counts(r, e.counts) || !recount(e.counts)) return false;
        for (const auto& [k, c] : e.counts) e.payload += heap_bytes(k);
        break;
      }
      case StateForm::OrderedInterval: {
        auto& e = extra_of<OrderedIntervals>(acc.extra);
        if (!decode_counts(r, e.counts) || !recount(e.counts)) return false;
        break;
      }
      case StateForm::Hll: {
        auto& e = extra_of<HllExtra>(acc.extra);
        if (!e.hll.decode(r.in) || acc.count < 0) return false;
        break;
      }
      case StateForm::Rows: {
        auto& e = extra_of<OrderedRows>(acc.extra);
        uint64_t n;
        if (!r.varint(n)) return false;
        const bool typed_cells = spec.kind == AggregateKind::FirstValue || spec.kind == AggregateKind::LastValue;
        for (uint64_t j = 0; j < n; ++j) {
          std::string_view key, cell;
          int64_t c;
          if (!r.bytes(key) || !r.bytes(cell) || !r.count(c) || key.size() < 8) return false;
          if (typed_cells && !valid_cell(cell, spec.input_type.physical())) return false;
          auto [it, inserted] = e.rows.try_emplace(std::string(key));
          if (!inserted) return false;
          it->second.cell.assign(cell);
          it->second.count = c;
          e.payload += heap_bytes(it->first) + heap_bytes(it->second.cell);
          next_seq_ = std::max(next_seq_, std::min(get_be64(key), uint64_t{1} << 62) + 1);
        }
        if (!r.done()) return false;
        acc.count = 0;
        for (const auto& [k, entry] : e.rows)
          if (__builtin_add_overflow(acc.count, entry.count, &acc.count)) return false;
        break;
      }
      default:
        break;
    }
  }
  return true;
}

size_t Accumulators::extra_bytes(uint32_t g) const {
  size_t bytes = 0;
  for (size_t a = 0; a < specs_.size(); ++a) {
    const Slot& acc = slot(g, a);
    bytes += acc.s.capacity();
    if (acc.extra) bytes += acc.extra->bytes();
  }
  return bytes;
}

}  // namespace eddy::engine
