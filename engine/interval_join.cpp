#include "engine/interval_join.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

#include <boost/unordered/unordered_flat_map.hpp>

#include "common/error.h"
#include "storage/key_encoding.h"
#include "storage/row_codec.h"

namespace eddy::engine {

namespace {

__extension__ using Int128 = __int128;  // __extension__: no -Wpedantic warning

constexpr int64_t kNoWatermark = std::numeric_limits<int64_t>::min();  // WatermarkTracker::kNone
constexpr uint32_t kNoRow = std::numeric_limits<uint32_t>::max();      // a NULL-padded side
constexpr size_t kInlineString = 15;  // libstdc++'s small-string capacity: no heap below it

// How one equality key column is encoded, so that values the two sides compare equal give the
// same bytes (the hash map's key). Native: storage::append_key as is. The others differ from it
// only where SQL equality is wider than byte equality of append_key:
//   Float         NaN = NaN (PostgreSQL), so every NaN is encoded as one NaN (-0.0 = 0.0 already is)
//   IntAsFloat    an integer compared with a float on the other side: encoded as that double
//   IntervalSpan  '1 day' = '24 hours' (PostgreSQL compares intervals by their span)
enum class KeyCode : uint8_t { Native, Float, IntAsFloat, IntervalSpan };

std::string hex16(uint64_t x) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, x >>= 4) s[static_cast<size_t>(i)] = kDigits[x & 0xf];
  return s;
}

bool parse_hex16(std::string_view s, uint64_t& out) {
  if (s.size() != 16) return false;
  out = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else return false;
    out = (out << 4) | static_cast<uint64_t>(d);
  }
  return true;
}

size_t heap_bytes(const std::string& s) { return s.capacity() > kInlineString ? s.capacity() : 0; }

// Appends rows idx[i] of `src` to `dst` (same physical type); kNoRow appends a NULL. One typed
// loop per column.
void append_gathered(Column& dst, const Column& src, const std::vector<uint32_t>& idx) {
  if (idx.empty()) return;
  const bool pads = std::find(idx.begin(), idx.end(), kNoRow) != idx.end();
  const bool src_nulls = src.has_nulls();
  // An empty null map means "no NULLs", also after materialize_nulls() on an empty column.
  const bool with_nulls = pads || src_nulls || dst.has_nulls();
  if (with_nulls) dst.materialize_nulls();
  switch (dst.type().physical()) {
    case PhysicalType::Int64: {
      auto& d = dst.ints();
      const auto& s = src.ints();
      for (uint32_t i : idx) d.push_back(i == kNoRow ? 0 : s[i]);
      break;
    }
    case PhysicalType::Float64: {
      auto& d = dst.floats();
      const auto& s = src.floats();
      for (uint32_t i : idx) d.push_back(i == kNoRow ? 0 : s[i]);
      break;
    }
    case PhysicalType::String: {
      auto& d = dst.strings();
      const auto& s = src.strings();
      for (uint32_t i : idx) {
        if (i == kNoRow) d.emplace_back();
        else d.push_back(s[i]);
      }
      break;
    }
    case PhysicalType::Interval: {
      auto& d = dst.intervals();
      const auto& s = src.intervals();
      for (uint32_t i : idx) d.push_back(i == kNoRow ? Interval{} : s[i]);
      break;
    }
  }
  if (with_nulls) {
    auto& n = dst.nulls();
    const auto& sn = src.nulls();
    for (uint32_t i : idx) n.push_back(i == kNoRow ? 1 : (src_nulls ? sn[i] : 0));
  }
}

// The output key of a joined row: (a_seq, b_seq), or (a_seq, NULL) for a padded one.
void append_output_key(std::vector<std::string>& keys, uint64_t a_seq, uint64_t b_seq, bool padded) {
  std::string& k = keys.emplace_back();
  k.reserve(18);
  storage::append_key(k, Value::int64(static_cast<int64_t>(a_seq)));
  storage::append_key(k, padded ? Value::null(Type::int64()) : Value::int64(static_cast<int64_t>(b_seq)));
}

}  // namespace

// ---- state -----------------------------------------------------------------------------------
//
// Each side keeps its rows in a columnar arena: one typed vector per column of the side's
// layout, indexed by a slot, plus per-slot metadata (sequence number, ts, partner count,
// flags). Freed slots are recycled through a free list, so the arena's size follows the peak
// number of kept rows, not the stream's length. This is far more compact than a Row per kept row (a
// Value is ~80 bytes whatever its type; an arena int column costs 8 bytes per row, plus one
// null byte once the column holds a NULL), emitting a row is a typed copy per column, and a
// string value costs only its std::string.
//
// The equality key maps to the key's rows: a vector of (ts, slot), sorted by ts (ties in
// arrival order), whose live part starts at `head`. Rows arrive nearly in ts order (out of
// order only within the watermark bound), so an insertion is a push_back or a short move near
// the end; a probe is one binary search for the interval's lower end and a scan of the matches
// (contiguous 16-byte entries: better locality than a multimap's tree nodes). Freeing is by ts
// too: a side's rows are freed when ts < limit (limit from the other side's watermark), which
// is a prefix of every key's vector, so freeing advances `head` (the prefix is erased once it
// is more than half the vector). To find the keys with something to free, a min-heap holds
// (smallest kept ts, key) per key; entries made stale by a smaller insertion are skipped.
//
// The stored form of a kept row (take_state_changes/restore): key "a/<16 hex digits of seq>" or
// "b/...", bytes = storage::encode_row of [the row's values..., seq, ts, partners].

struct IntervalJoin::Impl {
  struct Entry {
    int64_t ts;
    uint32_t slot;
  };
  struct KeyRows {
    std::string key;           // its key in `index` (to erase it when the last row goes)
    std::vector<Entry> rows;   // sorted by ts; live from head
    uint32_t head = 0;
    int64_t heap_ts = 0;       // the ts of this key's valid heap entry, when in_heap
    bool in_heap = false;
    bool empty() const { return head == rows.size(); }
  };
  enum Flags : uint8_t { kLive = 1, kDirty = 2, kPersisted = 4, kSeen = 8 };
  using HeapEntry = std::pair<int64_t, uint32_t>;  // (smallest kept ts of a key, key id)

  struct Side {
    char tag = 'a';
    std::vector<Type> types;
    std::vector<int> key_cols;
    std::vector<KeyCode> codes;
    int ts_col = -1;

    // Arena: per slot.
    std::vector<Column> cols;
    std::vector<uint64_t> seq;
    std::vector<int64_t> ts;
    std::vector<int64_t> partners;  // a rows of a LEFT join: how many b rows matched
    std::vector<uint8_t> flags;
    std::vector<uint32_t> free_slots;
    size_t live = 0;
    size_t string_bytes = 0;  // heap bytes of kept strings

    boost::unordered_flat_map<std::string, uint32_t> index;  // encoded key -> key id
    std::vector<KeyRows> keys;
    std::vector<uint32_t> free_keys;
    std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<HeapEntry>> heap;

    std::vector<uint32_t> dirty;       // slots to put at the next take_state_changes
    std::vector<std::string> erased;   // stored keys to erase then
  };

  IntervalJoinSpec spec;
  Side a, b;
  bool never_match = false;  // the key columns' types can never compare equal
  uint64_t late = 0;

  // Scratch, reused across batches.
  std::string key_buf;
  std::vector<uint32_t> out_left, out_right;  // per output row: a's and b's source row (kNoRow: NULLs)
  std::vector<int64_t> out_weights;

  explicit Impl(IntervalJoinSpec s) : spec(std::move(s)) {
    if (spec.left_keys.size() != spec.right_keys.size())
      throw SqlError(sqlstate::kInternalError, "interval join: key column counts differ");
    init_side(a, 'a', spec.left_types, spec.left_keys, spec.left_ts);
    init_side(b, 'b', spec.right_types, spec.right_keys, spec.right_ts);
    for (size_t k = 0; k < a.key_cols.size(); ++k) {
      const PhysicalType pa = a.types[static_cast<size_t>(a.key_cols[k])].physical();
      const PhysicalType pb = b.types[static_cast<size_t>(b.key_cols[k])].physical();
      auto code_of = [&](PhysicalType mine, PhysicalType other) {
        if (mine == PhysicalType::Int64 && other == PhysicalType::Float64) return KeyCode::IntAsFloat;
        if (mine == PhysicalType::Float64) return KeyCode::Float;
        if (mine == PhysicalType::Interval) return KeyCode::IntervalSpan;
        return KeyCode::Native;
      };
      const bool numeric_pair = (pa == PhysicalType::Int64 || pa == PhysicalType::Float64) &&
                                (pb == PhysicalType::Int64 || pb == PhysicalType::Float64);
      if (pa != pb && !numeric_pair) never_match = true;
      a.codes.push_back(code_of(pa, pb));
      b.codes.push_back(code_of(pb, pa));
    }
  }

  static void init_side(Side& s, char tag, const std::vector<Type>& types, const std::vector<int>& keys, int ts) {
    s.tag = tag;
    s.types = types;
    s.key_cols = keys;
    s.ts_col = ts;
    const int n = static_cast<int>(types.size());
    for (int k : keys)
      if (k < 0 || k >= n) throw SqlError(sqlstate::kInternalError, "interval join: key column out of range");
    if (ts < 0 || ts >= n || types[static_cast<size_t>(ts)].physical() != PhysicalType::Int64)
      throw SqlError(sqlstate::kInternalError, "interval join: bad timestamp column");
    for (const auto& t : types) s.cols.emplace_back(t);
  }

  static void check_input(const Side& s, const Batch& rows) {
    bool ok = rows.columns.size() == s.types.size();
    for (size_t c = 0; ok && c < s.types.size(); ++c)
      ok = rows.columns[c].type().physical() == s.types[c].physical() && rows.columns[c].size() == rows.rows();
    if (!ok) throw SqlError(sqlstate::kInternalError, std::string("interval join: input batch of side ") + s.tag +
                                                          " does not have the declared layout");
  }

  std::vector<Type> output_types() const {
    std::vector<Type> out = spec.left_types;
    out.insert(out.end(), spec.right_types.begin(), spec.right_types.end());
    return out;
  }

  void prepare_out(JoinDelta& out) const {
    if (out.rows.columns.empty() && out.rows.weights.empty()) out.rows = Batch::with_types(output_types());
    if (out.rows.columns.size() != spec.left_types.size() + spec.right_types.size())
      throw SqlError(sqlstate::kInternalError, "interval join: output batch does not have the joined layout");
  }

  // The equality key of row r of `cols` (a batch or an arena); false when a key value is NULL.
  static bool encode_key(const Side& s, const std::vector<Column>& cols, size_t r, std::string& out) {
    out.clear();
    for (size_t k = 0; k < s.key_cols.size(); ++k) {
      const Column& c = cols[static_cast<size_t>(s.key_cols[k])];
      if (c.is_null(r)) return false;
      switch (s.codes[k]) {
        case KeyCode::Native: storage::append_key(out, c, r); break;
        case KeyCode::Float: {
          const double x = c.floats()[r];
          if (std::isnan(x)) storage::append_key(out, Value::float64(std::numeric_limits<double>::quiet_NaN()));
          else storage::append_key(out, c, r);
          break;
        }
        case KeyCode::IntAsFloat:
          storage::append_key(out, Value::float64(static_cast<double>(c.ints()[r])));
          break;
        case KeyCode::IntervalSpan:
          storage::append_key(out, Value::int64(c.intervals()[r].approx_micros()));
          break;
      }
    }
    return true;
  }

  // ---- the arena ----

  uint32_t alloc_slot(Side& s) {
    if (!s.free_slots.empty()) {
      const uint32_t slot = s.free_slots.back();
      s.free_slots.pop_back();
      return slot;
    }
    if (s.seq.size() >= kNoRow) throw SqlError(sqlstate::kInternalError, "interval join: too many kept rows");
    const uint32_t slot = static_cast<uint32_t>(s.seq.size());
    s.seq.push_back(0);
    s.ts.push_back(0);
    s.partners.push_back(0);
    s.flags.push_back(0);
    return slot;  // the columns grow when the slot's values are stored
  }

  // Stores row r of `src` into the arena column at `slot` (== dst.size() for a new slot).
  static void put_cell(Column& dst, uint32_t slot, const Column& src, size_t r, size_t& string_bytes) {
    if (slot == dst.size()) {
      dst.append_from(src, r);
    } else if (src.is_null(r)) {
      dst.materialize_nulls();
      dst.nulls()[slot] = 1;  // the data slot keeps its default (reset when freed)
    } else {
      switch (dst.type().physical()) {
        case PhysicalType::Int64: dst.ints()[slot] = src.ints()[r]; break;
        case PhysicalType::Float64: dst.floats()[slot] = src.floats()[r]; break;
        case PhysicalType::String: dst.strings()[slot] = src.strings()[r]; break;
        case PhysicalType::Interval: dst.intervals()[slot] = src.intervals()[r]; break;
      }
      if (dst.has_nulls()) dst.nulls()[slot] = 0;
    }
    if (dst.type().physical() == PhysicalType::String) string_bytes += heap_bytes(dst.strings()[slot]);
  }

  static void put_value(Column& dst, uint32_t slot, const Value& v, size_t& string_bytes) {
    if (slot == dst.size()) {
      dst.append(v);
    } else if (v.is_null) {
      dst.materialize_nulls();
      dst.nulls()[slot] = 1;
    } else {
      switch (dst.type().physical()) {
        case PhysicalType::Int64: dst.ints()[slot] = v.i; break;
        case PhysicalType::Float64: dst.floats()[slot] = v.f; break;
        case PhysicalType::String: dst.strings()[slot] = v.s; break;
        case PhysicalType::Interval: dst.intervals()[slot] = v.iv; break;
      }
      if (dst.has_nulls()) dst.nulls()[slot] = 0;
    }
    if (dst.type().physical() == PhysicalType::String) string_bytes += heap_bytes(dst.strings()[slot]);
  }

  // Files a slot whose values are stored under its key (`key`: the encoded equality key).
  void link_row(Side& s, uint32_t slot, uint64_t seq, int64_t ts, int64_t partners, const std::string& key,
                uint8_t flags) {
    s.seq[slot] = seq;
    s.ts[slot] = ts;
    s.partners[slot] = partners;
    s.flags[slot] = static_cast<uint8_t>(flags & ~kDirty);
    ++s.live;
    if (flags & kDirty) mark_dirty(s, slot);

    auto [it, inserted] = s.index.try_emplace(key, 0);
    uint32_t k;
    if (inserted) {
      if (!s.free_keys.empty()) {
        k = s.free_keys.back();
        s.free_keys.pop_back();
      } else {
        k = static_cast<uint32_t>(s.keys.size());
        s.keys.emplace_back();
      }
      it->second = k;
      s.keys[k].key = key;
    } else {
      k = it->second;
    }
    KeyRows& kr = s.keys[k];
    if (kr.rows.size() == kr.head || kr.rows.back().ts <= ts) {
      kr.rows.push_back({ts, slot});
    } else {  // out of order: after the last row with ts <= this one
      auto at = std::upper_bound(kr.rows.begin() + kr.head, kr.rows.end(), ts,
                                 [](int64_t t, const Entry& e) { return t < e.ts; });
      kr.rows.insert(at, {ts, slot});
    }
    if (!kr.in_heap || ts < kr.heap_ts) {
      s.heap.emplace(ts, k);
      kr.heap_ts = ts;
      kr.in_heap = true;
    }
  }

  // Lists a kept row for the next take_state_changes. The list also holds rows freed (and
  // perhaps their slots reused) since; when nobody takes the changes (no persistence) it is
  // compacted, so it stays within twice the kept rows.
  static void mark_dirty(Side& s, uint32_t slot) {
    if (s.flags[slot] & kDirty) return;
    s.flags[slot] |= kDirty;
    s.dirty.push_back(slot);
    if (s.dirty.size() > 2 * s.live + 1024) {
      size_t n = 0;
      for (uint32_t d : s.dirty) {
        const uint8_t f = s.flags[d];
        if ((f & (kLive | kDirty)) != (kLive | kDirty) || (f & kSeen)) continue;
        s.flags[d] |= kSeen;
        s.dirty[n++] = d;
      }
      s.dirty.resize(n);
      for (uint32_t d : s.dirty) s.flags[d] &= static_cast<uint8_t>(~kSeen);
    }
  }

  void release_slot(Side& s, uint32_t slot) {
    if (s.flags[slot] & kPersisted) s.erased.push_back(state_key(s, slot));
    s.flags[slot] = 0;
    for (auto& c : s.cols) {
      if (c.type().physical() != PhysicalType::String) continue;
      std::string& str = c.strings()[slot];
      s.string_bytes -= heap_bytes(str);
      std::string().swap(str);
    }
    --s.live;
    s.free_slots.push_back(slot);
  }

  void release_key(Side& s, uint32_t k) {
    KeyRows& kr = s.keys[k];
    s.index.erase(kr.key);
    // The slot is recycled for the next new key (keys often hold a row or two and come and go):
    // small buffers are kept for it, large ones released.
    if (kr.key.capacity() > 64) std::string().swap(kr.key);
    else kr.key.clear();
    if (kr.rows.capacity() > 64) std::vector<Entry>().swap(kr.rows);
    else kr.rows.clear();
    kr.head = 0;
    kr.in_heap = false;
    s.free_keys.push_back(k);
  }

  // Frees the side's rows with ts < limit.
  void free_below(Side& s, Int128 limit) {
    while (!s.heap.empty() && Int128(s.heap.top().first) < limit) {
      const auto [ts, k] = s.heap.top();
      s.heap.pop();
      KeyRows& kr = s.keys[k];
      if (!kr.in_heap || kr.heap_ts != ts) continue;  // stale
      while (!kr.empty() && Int128(kr.rows[kr.head].ts) < limit) release_slot(s, kr.rows[kr.head++].slot);
      if (kr.empty()) {
        release_key(s, k);
        continue;
      }
      if (kr.head >= 16 && kr.head * 2 >= kr.rows.size()) {
        kr.rows.erase(kr.rows.begin(), kr.rows.begin() + kr.head);
        kr.head = 0;
      }
      kr.heap_ts = kr.rows[kr.head].ts;
      s.heap.emplace(kr.heap_ts, k);
    }
  }

  static std::string state_key(const Side& s, uint32_t slot) {
    std::string key(1, s.tag);
    key += '/';
    key += hex16(s.seq[slot]);
    return key;
  }

  std::string encode_state(const Side& s, uint32_t slot) const {
    Row r;
    r.reserve(s.cols.size() + 3);
    for (const auto& c : s.cols) r.push_back(c.get(slot));
    r.push_back(Value::int64(static_cast<int64_t>(s.seq[slot])));
    r.push_back(Value::timestamp(s.ts[slot]));
    r.push_back(Value::int64(s.partners[slot]));
    return storage::encode_row(r);
  }

  // ---- the hot path ----

  // Calls f(slot) for each kept row of `s` under key_buf whose ts lies in [lo, hi] (inclusive), by ts.
  template <typename F>
  void for_matches(const Side& s, Int128 lo, Int128 hi, F&& f) {
    auto it = s.index.find(key_buf);
    if (it == s.index.end()) return;
    const KeyRows& kr = s.keys[it->second];
    auto first = std::lower_bound(kr.rows.begin() + kr.head, kr.rows.end(), lo,
                                  [](const Entry& e, Int128 t) { return Int128(e.ts) < t; });
    for (; first != kr.rows.end() && Int128(first->ts) <= hi; ++first) f(first->slot);
  }

  void emit(JoinDelta& out, const std::vector<Column>& left_src, const std::vector<Column>& right_src) {
    const size_t nl = spec.left_types.size();
    for (size_t c = 0; c < nl; ++c) append_gathered(out.rows.columns[c], left_src[c], out_left);
    for (size_t c = 0; c < spec.right_types.size(); ++c)
      append_gathered(out.rows.columns[nl + c], right_src[c], out_right);
    out.rows.weights.insert(out.rows.weights.end(), out_weights.begin(), out_weights.end());
  }

  void clear_scratch() {
    out_left.clear();
    out_right.clear();
    out_weights.clear();
  }

  // Stores row r of an input batch of side s and files it under key_buf.
  void keep(Side& s, const Batch& rows, size_t r, uint64_t seq, int64_t ts, int64_t partners) {
    const uint32_t slot = alloc_slot(s);
    for (size_t c = 0; c < s.cols.size(); ++c) put_cell(s.cols[c], slot, rows.columns[c], r, s.string_bytes);
    link_row(s, slot, seq, ts, partners, key_buf, kLive | kDirty);
  }

  void consume_left(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                    std::vector<uint32_t>* late_out) {
    check_input(a, rows);
    prepare_out(out);
    clear_scratch();
    const Column& tsc = rows.columns[static_cast<size_t>(a.ts_col)];
    const std::vector<int64_t>& ts_values = tsc.ints();
    const bool outer = spec.left_outer;
    for (size_t r = 0; r < rows.rows(); ++r) {
      const uint64_t seq = first_seq + r;
      const bool ts_null = tsc.is_null(r);
      const int64_t ts = ts_values[r];
      if (!ts_null && watermarks && ts < watermarks[r]) {
        ++late;
        if (late_out) late_out->push_back(static_cast<uint32_t>(r));
        continue;
      }
      const bool matchable = !ts_null && !never_match && encode_key(a, rows.columns, r, key_buf);
      int64_t partners = 0;
      if (matchable) {
        for_matches(b, Int128(ts) + spec.lower_micros, Int128(ts) + spec.upper_micros, [&](uint32_t slot) {
          out_left.push_back(static_cast<uint32_t>(r));
          out_right.push_back(slot);
          out_weights.push_back(1);
          append_output_key(out.keys, seq, b.seq[slot], false);
          ++partners;
        });
      }
      if (outer && partners == 0) {
        out_left.push_back(static_cast<uint32_t>(r));
        out_right.push_back(kNoRow);
        out_weights.push_back(1);
        append_output_key(out.keys, seq, 0, true);
      }
      if (matchable) keep(a, rows, r, seq, ts, outer ? partners : 0);
    }
    emit(out, rows.columns, b.cols);
  }

  void consume_right(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                     std::vector<uint32_t>* late_out) {
    check_input(b, rows);
    prepare_out(out);
    clear_scratch();
    const Column& tsc = rows.columns[static_cast<size_t>(b.ts_col)];
    const std::vector<int64_t>& ts_values = tsc.ints();
    const bool outer = spec.left_outer;
    for (size_t r = 0; r < rows.rows(); ++r) {
      const uint64_t seq = first_seq + r;
      const int64_t ts = ts_values[r];
      if (tsc.is_null(r)) continue;  // matches nothing, and b rows alone produce nothing
      if (watermarks && ts < watermarks[r]) {
        ++late;
        if (late_out) late_out->push_back(static_cast<uint32_t>(r));
        continue;
      }
      if (never_match || !encode_key(b, rows.columns, r, key_buf)) continue;
      // a.ts in [b.ts - upper, b.ts - lower]
      for_matches(a, Int128(ts) - spec.upper_micros, Int128(ts) - spec.lower_micros, [&](uint32_t slot) {
        if (outer) {
          if (a.partners[slot]++ == 0) {  // its first partner: the padded row goes
            out_left.push_back(slot);
            out_right.push_back(kNoRow);
            out_weights.push_back(-1);
            append_output_key(out.keys, a.seq[slot], 0, true);
          }
          mark_dirty(a, slot);
        }
        out_left.push_back(slot);
        out_right.push_back(static_cast<uint32_t>(r));
        out_weights.push_back(1);
        append_output_key(out.keys, a.seq[slot], seq, false);
      });
      keep(b, rows, r, seq, ts, 0);
    }
    emit(out, a.cols, rows.columns);
  }

  // ---- persistence ----

  void take_changes(Side& s, std::vector<std::pair<std::string, std::string>>& put, std::vector<std::string>& erase) {
    for (std::string& k : s.erased) erase.push_back(std::move(k));
    s.erased.clear();
    for (uint32_t slot : s.dirty) {
      if ((s.flags[slot] & (kLive | kDirty)) != (kLive | kDirty)) continue;  // freed, or listed twice
      put.emplace_back(state_key(s, slot), encode_state(s, slot));
      s.flags[slot] = static_cast<uint8_t>((s.flags[slot] & ~kDirty) | kPersisted);
    }
    s.dirty.clear();
  }

  bool restore(std::string_view key, std::string_view bytes) {
    if (key.size() != 18 || key[1] != '/' || (key[0] != 'a' && key[0] != 'b')) return false;
    Side& s = key[0] == 'a' ? a : b;
    uint64_t seq;
    if (!parse_hex16(key.substr(2), seq)) return false;
    Row r;
    if (!storage::decode_row(bytes, r).ok()) return false;
    const size_t n = s.types.size();
    if (r.size() != n + 3) return false;
    for (size_t c = 0; c < n; ++c)
      if (!r[c].is_null && r[c].type.physical() != s.types[c].physical()) return false;
    for (size_t c = n; c < n + 3; ++c)
      if (r[c].is_null || r[c].type.physical() != PhysicalType::Int64) return false;
    const Value& ts_value = r[static_cast<size_t>(s.ts_col)];
    if (static_cast<uint64_t>(r[n].i) != seq || ts_value.is_null || ts_value.i != r[n + 1].i || r[n + 2].i < 0)
      return false;
    for (int k : s.key_cols)
      if (r[static_cast<size_t>(k)].is_null) return false;
    const uint32_t slot = alloc_slot(s);
    for (size_t c = 0; c < n; ++c) put_value(s.cols[c], slot, r[c], s.string_bytes);
    encode_key(s, s.cols, slot, key_buf);
    link_row(s, slot, seq, r[n + 1].i, r[n + 2].i, key_buf, kLive | kPersisted);
    return true;
  }

  size_t side_bytes(const Side& s) const {
    const size_t slots = s.seq.capacity();
    size_t bytes = slots * (sizeof(uint64_t) + 2 * sizeof(int64_t) + sizeof(uint8_t));
    for (const auto& c : s.cols) {
      bytes += c.ints().capacity() * sizeof(int64_t) + c.floats().capacity() * sizeof(double) +
               c.strings().capacity() * sizeof(std::string) + c.intervals().capacity() * sizeof(Interval) +
               c.nulls().capacity();
    }
    bytes += s.string_bytes;
    bytes += s.free_slots.capacity() * sizeof(uint32_t) + s.dirty.capacity() * sizeof(uint32_t);
    // The hash index: ~1 byte of metadata per bucket beside each (key, id) slot, at most 87.5% full.
    bytes += s.index.bucket_count() * (sizeof(std::pair<const std::string, uint32_t>) + 1);
    bytes += s.keys.capacity() * sizeof(KeyRows);
    for (const auto& kr : s.keys) bytes += 2 * heap_bytes(kr.key) + kr.rows.capacity() * sizeof(Entry);
    bytes += s.heap.size() * sizeof(HeapEntry);
    for (const auto& k : s.erased) bytes += sizeof(std::string) + heap_bytes(k);
    return bytes;
  }
};

IntervalJoin::IntervalJoin(IntervalJoinSpec spec) : impl_(new Impl(std::move(spec))) {}
IntervalJoin::~IntervalJoin() = default;

std::vector<Type> IntervalJoin::output_types() const { return impl_->output_types(); }

void IntervalJoin::consume_left(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                                std::vector<uint32_t>* late) {
  impl_->consume_left(rows, first_seq, watermarks, out, late);
}

void IntervalJoin::consume_right(const Batch& rows, uint64_t first_seq, const int64_t* watermarks, JoinDelta& out,
                                 std::vector<uint32_t>* late) {
  impl_->consume_right(rows, first_seq, watermarks, out, late);
}

void IntervalJoin::free_state(int64_t left_watermark, int64_t right_watermark) {
  Impl& m = *impl_;
  // a: freed once a.ts + upper < watermark_b; b: once b.ts - lower < watermark_a.
  if (right_watermark != kNoWatermark) m.free_below(m.a, Int128(right_watermark) - m.spec.upper_micros);
  if (left_watermark != kNoWatermark) m.free_below(m.b, Int128(left_watermark) + m.spec.lower_micros);
}

void IntervalJoin::take_state_changes(std::vector<std::pair<std::string, std::string>>& put,
                                      std::vector<std::string>& erase) {
  impl_->take_changes(impl_->a, put, erase);
  impl_->take_changes(impl_->b, put, erase);
}

bool IntervalJoin::restore(std::string_view key, std::string_view bytes) { return impl_->restore(key, bytes); }

size_t IntervalJoin::kept_rows() const { return impl_->a.live + impl_->b.live; }

size_t IntervalJoin::state_bytes() const {
  return sizeof(Impl) + impl_->side_bytes(impl_->a) + impl_->side_bytes(impl_->b);
}

uint64_t IntervalJoin::late_rows() const { return impl_->late; }

}  // namespace eddy::engine
