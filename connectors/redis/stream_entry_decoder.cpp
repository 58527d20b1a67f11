#include "connectors/redis/stream_entry_decoder.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/error.h"
#include "common/timestamp_lenient.h"
#include "common/value_text.h"

namespace eddy::connectors {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view view(const redisReply* r) {
  return r && r->str ? std::string_view(r->str, r->len) : std::string_view();
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

StreamEntryDecoder::StreamEntryDecoder(const catalog::Relation& stream) : relation_(stream.name) {
  for (const auto& c : stream.columns) {
    Slot s{Kind::Null, c.type, c.nullable, c.name};
    const PhysicalType phys = c.type.physical();
    if (c.hidden) {
      if (c.name == "_id" && phys == PhysicalType::String) s.kind = Kind::Id;
      else if (c.name == "_key" && phys == PhysicalType::String) s.kind = Kind::Key;
      else if (c.name == "_time" && phys == PhysicalType::Int64) s.kind = Kind::Time;
      s.nullable = true;  // a hidden column never makes an entry bad
    } else {
      switch (c.type.id) {
        case TypeId::Null:
        case TypeId::Text:
        case TypeId::Jsonb: s.kind = Kind::Text; break;
        case TypeId::Varchar: s.kind = c.type.modifier >= 0 ? Kind::Varchar : Kind::Text; break;
        case TypeId::Bool: s.kind = Kind::Bool; break;
        case TypeId::Int16:
        case TypeId::Int32:
        case TypeId::Int64: s.kind = Kind::Int; break;
        case TypeId::Float32:
        case TypeId::Float64:
        case TypeId::Numeric: s.kind = Kind::Float; break;
        case TypeId::Timestamp:
        case TypeId::TimestampTz: s.kind = Kind::Timestamp; break;
        case TypeId::Date: s.kind = Kind::Date; break;
        case TypeId::Interval: s.kind = Kind::Interval; break;
        case TypeId::Oid:
        case TypeId::RegClass:
        case TypeId::RegType:
        case TypeId::RegProc:
        case TypeId::RegNamespace: s.kind = Kind::Int; break;
        case TypeId::Name:
        case TypeId::Char:
        case TypeId::Int2Vector:
        case TypeId::OidVector:
        case TypeId::Array: s.kind = Kind::Text; break;
      }
      field_columns_.push_back(static_cast<int>(slots_.size()));
    }
    slots_.push_back(std::move(s));
  }
  seen_.assign(slots_.size(), 0);
}

Batch StreamEntryDecoder::empty_batch(size_t rows) const {
  Batch b;
  b.columns.reserve(slots_.size());
  for (const auto& s : slots_) {
    b.columns.emplace_back(s.type);
    b.columns.back().reserve(rows);
  }
  b.weights.reserve(rows);
  return b;
}

void StreamEntryDecoder::reserve(Batch& out, size_t rows) const {
  for (auto& c : out.columns) c.reserve(rows);
  out.weights.reserve(rows);
}

int StreamEntryDecoder::lookup(std::string_view field) const {
  for (int c : field_columns_)
    if (slots_[c].name == field) return c;
  for (int c : field_columns_)
    if (equal_nocase(slots_[c].name, field)) return c;
  return -1;
}

int StreamEntryDecoder::column_for(size_t position, std::string_view field) {
  if (position >= guesses_.size()) guesses_.resize(position + 1);
  FieldGuess& g = guesses_[position];
  if (g.name != field) {
    g.name.assign(field);
    g.column = lookup(field);
  }
  return g.column;
}

void StreamEntryDecoder::append_value(Column& col, const Slot& slot, std::string_view text) {
  switch (slot.kind) {
    case Kind::Text: col.append_string(std::string(text)); return;
    case Kind::Varchar: col.append_string(std::move(parse_value(text, slot.type).s)); return;
    case Kind::Bool: col.append_int(parse_bool(text) ? 1 : 0); return;
    case Kind::Int: col.append_int(parse_int(text, slot.type)); return;
    case Kind::Float: col.append_float(parse_double(text, slot.type)); return;
    case Kind::Timestamp: col.append_int(parse_timestamp_lenient(text)); return;
    case Kind::Date:
      if (all_digits(text)) col.append_int(floor_div(parse_timestamp_lenient(text), kMicrosPerDay));
      else col.append_int(parse_date(text));
      return;
    case Kind::Interval: col.append_interval(parse_interval(text)); return;
    case Kind::Id:
    case Kind::Key:
    case Kind::Time:
    case Kind::Null: col.append_null(); return;
  }
}

void StreamEntryDecoder::truncate(Batch& out, size_t rows) const {
  for (auto& col : out.columns) {
    switch (col.type().physical()) {
      case PhysicalType::Int64: col.ints().resize(std::min(col.ints().size(), rows)); break;
      case PhysicalType::Float64: col.floats().resize(std::min(col.floats().size(), rows)); break;
      case PhysicalType::String: col.strings().resize(std::min(col.strings().size(), rows)); break;
      case PhysicalType::Interval: col.intervals().resize(std::min(col.intervals().size(), rows)); break;
    }
    if (col.nulls().size() > rows) col.nulls().resize(rows);
  }
}

bool StreamEntryDecoder::decode(Batch& out, std::string_view key, std::string_view id_text, StreamId id,
                                const redisReply* fields, std::string& error) {
  const size_t row = out.weights.size();
  if (++generation_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    generation_ = 1;
  }
  int current = -1;  // the column being converted, for the error message
  try {
    const size_t n = fields && fields->type == REDIS_REPLY_ARRAY ? fields->elements / 2 : 0;
    for (size_t f = 0; f < n; ++f) {
      const redisReply* name = fields->element[2 * f];
      const redisReply* value = fields->element[2 * f + 1];
      const int c = column_for(f, view(name));
      if (c < 0) continue;
      Column& col = out.columns[c];
      if (seen_[c] == generation_) {  // the same field again: the last one wins
        switch (col.type().physical()) {
          case PhysicalType::Int64: col.ints().pop_back(); break;
          case PhysicalType::Float64: col.floats().pop_back(); break;
          case PhysicalType::String: col.strings().pop_back(); break;
          case PhysicalType::Interval: col.intervals().pop_back(); break;
        }
        if (col.nulls().size() > row) col.nulls().pop_back();
      }
      seen_[c] = generation_;
      current = c;
      append_value(col, slots_[c], view(value));
    }
    current = -1;
    for (size_t c = 0; c < slots_.size(); ++c) {
      if (seen_[c] == generation_) continue;
      Column& col = out.columns[c];
      switch (slots_[c].kind) {
        case Kind::Id: col.append_string(std::string(id_text)); break;
        case Kind::Key: col.append_string(std::string(key)); break;
        case Kind::Time: col.append_int(static_cast<int64_t>(id.ms) * 1000); break;
        default:
          if (!slots_[c].nullable) {
            truncate(out, row);
            error = std::string(sqlstate::kNotNullViolation) + ": null value in column \"" + slots_[c].name +
                    "\" of relation \"" + relation_ + "\" violates not-null constraint (the entry has no field \"" +
                    slots_[c].name + "\")";
            return false;
          }
          col.append_null();
      }
    }
  } catch (const SqlError& e) {
    truncate(out, row);
    error = e.sqlstate() + ": " + e.message();
    if (current >= 0) error += " (column \"" + slots_[current].name + "\")";
    return false;
  }
  out.weights.push_back(1);
  return true;
}

std::string StreamEntryDecoder::raw_json(const redisReply* fields) {
  nlohmann::json obj = nlohmann::json::object();
  if (fields && fields->type == REDIS_REPLY_ARRAY)
    for (size_t f = 0; f + 1 < fields->elements; f += 2)
      obj[std::string(view(fields->element[f]))] = std::string(view(fields->element[f + 1]));
  return obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace eddy::connectors
