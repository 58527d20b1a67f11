#pragma once
// Turns Redis stream entries (hiredis replies) into rows of a stream relation, straight into
// the typed column vectors: no Value, no per-field map.
//
// Fields map to columns by name: exact match first, then case-insensitive. Conversion from
// the field's text:
//   TEXT, VARCHAR, JSONB     as is (VARCHAR(n) checks the length: 22001)
//   BOOLEAN, integers, REAL, DOUBLE PRECISION, NUMERIC, INTERVAL   PostgreSQL's text input
//   TIMESTAMP, TIMESTAMPTZ   ISO 8601 or epoch milliseconds (parse_timestamp_lenient)
//   DATE                     a date, or epoch milliseconds (all digits)
// Fields that match no column are ignored; a field given twice counts once (the last).
// Built-in hidden columns: _id TEXT (entry ID), _key TEXT (stream key), _time TIMESTAMP (the
// entry ID's milliseconds). A column with no field is NULL, unless it is NOT NULL: then the
// entry is bad. A bad entry appends nothing and reports "<SQLSTATE>: <message> (column "c")".
//
// Not thread-safe (keeps a cache of the last entry's field order); one per source.

#include <hiredis/hiredis.h>

#include <string>
#include <string_view>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "connectors/redis/stream_id.h"

namespace eddy::connectors {

class StreamEntryDecoder {
 public:
  explicit StreamEntryDecoder(const catalog::Relation& stream);

  // An empty batch in the stream's layout with room for `rows` rows.
  Batch empty_batch(size_t rows) const;
  // Makes room in `out` (from empty_batch) for `rows` rows in all.
  void reserve(Batch& out, size_t rows) const;

  // Appends the entry (`fields` is the flat [name, value, name, value, ...] array of the
  // XREADGROUP reply) to `out` with weight 1 and returns true; or appends nothing, sets
  // `error` and returns false.
  bool decode(Batch& out, std::string_view key, std::string_view id_text, StreamId id, const redisReply* fields,
              std::string& error);

  // The fields as a JSON object string ({"asset":"a","cost":"abc"}), for a dead letter.
  // Invalid UTF-8 is replaced, never an error.
  static std::string raw_json(const redisReply* fields);

 private:
  enum class Kind : uint8_t { Text, Varchar, Bool, Int, Float, Timestamp, Date, Interval, Id, Key, Time, Null };
  struct Slot {
    Kind kind;
    Type type;
    bool nullable;
    std::string name;
  };
  struct FieldGuess {
    std::string name;
    int column = -1;
  };

  int lookup(std::string_view field) const;
  int column_for(size_t position, std::string_view field);
  void append_value(Column& col, const Slot& slot, std::string_view text);
  void truncate(Batch& out, size_t rows) const;

  std::string relation_;
  std::vector<Slot> slots_;
  std::vector<int> field_columns_;  // the columns fed by fields, in order
  std::vector<FieldGuess> guesses_;  // by field position: the column the last entry used
  std::vector<uint32_t> seen_;       // by column: == generation_ when set in this entry
  uint32_t generation_ = 0;
};

}  // namespace eddy::connectors
