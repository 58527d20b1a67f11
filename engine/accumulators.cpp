#include "engine/accumulators.h"

#include "common/array_text.h"
#include "common/error.h"
#include "common/value_text.h"

namespace eddy::engine {

// State beyond the fixed fields, for the kinds that need it. Empty for now: every kind so far
// fits the slot.
struct AccumulatorExtra {};

Accumulators::Accumulators(std::vector<AggregateSpec> specs) : specs_(std::move(specs)) {}
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
  for (const auto& spec : specs_)
    if (is_append_only(spec.kind))
      throw SqlError(sqlstate::kFeatureNotSupported, spec.name + "() over retracted rows is not supported yet");
}

void Accumulators::update(const Batch& input, const std::vector<uint32_t>& rows, const std::vector<uint32_t>& groups) {
  for (size_t a = 0; a < specs_.size(); ++a) update_one(a, input, rows, groups);
}

void Accumulators::update_one(size_t a, const Batch& input, const std::vector<uint32_t>& rows,
                              const std::vector<uint32_t>& groups) {
  const AggregateSpec& spec = specs_[a];
  const size_t n = rows.size();
  const auto& w = input.weights;
  if (spec.kind == AggregateKind::CountStar) {
    for (size_t i = 0; i < n; ++i) slot(groups[i], a).count += w[rows[i]];
    return;
  }
  const Column& col = input.columns[spec.input];
  const bool nulls = col.has_nulls();
  auto is_null = [&](uint32_t r) { return nulls && col.nulls()[r] != 0; };
  if (spec.kind == AggregateKind::StringAgg || spec.kind == AggregateKind::ArrayAgg) {
    // s: string_agg's text so far; array_agg's elements in array text form, without braces.
    const bool array = spec.kind == AggregateKind::ArrayAgg;
    std::string text;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[i];
      if (is_null(r) && !array) continue;
      Slot& acc = slot(groups[i], a);
      if (acc.count > 0) acc.s += array ? "," : spec.separator;
      if (array) {
        ArrayElements one;
        if (is_null(r)) {
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
        if (extreme && (acc.count == 0 || (is_min ? x < acc.i : x > acc.i))) acc.i = x;
        acc.count += w[r];
      }
      break;
    }
  }
}

void Accumulators::merge(uint32_t into, uint32_t from) {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const AggregateSpec& spec = specs_[a];
    Slot& dst = slot(into, a);
    Slot& src = slot(from, a);
    if (src.count == 0 && spec.kind != AggregateKind::CountStar) continue;
    if (dst.count == 0 && spec.kind != AggregateKind::CountStar) {
      dst = std::move(src);
      src = Slot();
      continue;
    }
    const bool is_min = spec.kind == AggregateKind::Min;
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
          case PhysicalType::Interval:
            if (is_min ? src.i < dst.i : src.i > dst.i) dst.i = src.i;
            break;
          case PhysicalType::Float64:
            if (is_min ? src.f < dst.f : src.f > dst.f) dst.f = src.f;
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
    }
    dst.count += src.count;
    src = Slot();
  }
}

void Accumulators::append_results(uint32_t g, std::vector<Column>& out, size_t first) const {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const AggregateSpec& spec = specs_[a];
    const Slot& acc = slot(g, a);
    Column& col = out[first + a];
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
}

void Accumulators::encode(uint32_t g, Row& out) const {
  for (size_t a = 0; a < specs_.size(); ++a) {
    const Slot& acc = slot(g, a);
    out.push_back(Value::int64(acc.count));
    out.push_back(Value::int64(acc.i));
    out.push_back(Value::float64(acc.f));
    out.push_back(Value::text(acc.s));
  }
}

bool Accumulators::decode(uint32_t g, const Row& in, size_t& pos) {
  if (in.size() < pos + 4 * specs_.size()) return false;
  for (size_t a = 0; a < specs_.size(); ++a) {
    Slot& acc = slot(g, a);
    acc.count = in[pos].i;
    acc.i = in[pos + 1].i;
    acc.f = in[pos + 2].f;
    acc.s = in[pos + 3].s;
    pos += 4;
  }
  return true;
}

size_t Accumulators::extra_bytes(uint32_t g) const {
  size_t bytes = 0;
  for (size_t a = 0; a < specs_.size(); ++a) bytes += slot(g, a).s.capacity();
  return bytes;
}

}  // namespace eddy::engine
