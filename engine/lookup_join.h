#pragma once
// Stream-table join of a continuous query (enrichment): each stream row is joined with the
// table's rows as they are when the row is processed (docs/streaming.md). Later changes of the
// table do not revisit earlier stream rows, as in Flink's lookup joins and ksqlDB's
// stream-table joins.
//
//   FROM s JOIN users u ON s.k = u.id [AND ...]     inner: rows without a match are dropped
//   FROM s LEFT JOIN users u ON ...                 left: such rows get NULLs for u's columns
//
// When the equality keys are exactly the table's primary key, each row is one LMDB point
// lookup; otherwise the table is read once per batch into a hash table.

#include <cstdint>
#include <string>
#include <vector>

#include "common/column.h"
#include "engine/expression.h"

namespace eddy::storage {
class Store;
}

namespace eddy::engine {

struct LookupJoinPlan {
  uint64_t table = 0;                     // the Eddy-kept table's relation id
  std::string table_name;
  std::vector<Type> table_types;          // its full layout
  bool stream_first = true;               // joined layout: stream ++ table, or table ++ stream (FROM order)
  std::vector<BoundExprPtr> stream_keys;  // over the stream's layout, typed as the table keys
  std::vector<int> table_keys;            // table columns, pairwise equal to stream_keys
  bool primary_key_lookup = false;        // table_keys are the primary key, in key order
  bool left_outer = false;
  BoundExprPtr condition;                 // the rest of ON over the joined layout; may be null
};

// Joins `stream_rows` (the stream's layout, weighted) with the table's committed rows.
// `source_rows` receives, per output row, the index of its stream row. Throws SqlError when
// the store cannot be read or the condition fails to evaluate.
Batch lookup_join(const LookupJoinPlan& plan, const Batch& stream_rows, const storage::Store& store,
                  std::vector<uint32_t>& source_rows);

}  // namespace eddy::engine
