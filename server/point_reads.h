#pragma once
// Which stored relations a SELECT may read by key (planner/point_read.h), and the read.
//
// A relation's rows sit in the store under a key (storage/key_encoding.h) that depends on who
// wrote them:
//   - a table's INSERT / COPY rows: its PRIMARY KEY columns' values;
//   - a continuous query's rows (a materialized view, or a table it inserts into): an
//     aggregation's group key values (plus the window start when windowed), a join's or a
//     view over a view's own keys, a sequence number otherwise.
// A point read needs the key to be the values of some of the relation's columns, in an order
// known here. That holds for tables with a primary key (unless a continuous query ever wrote
// them under other keys: then a marker in the store, query_keyed_marker(), sends reads back to
// the scan) and for views kept by an aggregation without a window whose every group key is a
// column as it is (`SELECT asset, count(*) ... GROUP BY asset`). Key columns must also be of a
// type whose equality is equality of the key encoding: integers, boolean, date, timestamps,
// text and varchar.

#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "engine/query_plan.h"

namespace eddy {

class Database;

namespace exec {

// True for the types a point read may fix (see above).
bool point_key_type(const Type& type);

// The columns of `target` holding, in key order, the keys `plan` (a continuous query writing
// `target`, its outputs projected onto target's visible columns) stores its rows under; nullopt
// when its rows are stored under other keys or a key is not such a column.
std::optional<std::vector<int>> query_row_key(const engine::QueryPlan& plan, const catalog::Relation& target);

// The key columns of `relation` for point reads (empty: scan it).
std::vector<int> point_key_columns(Database& db, const catalog::Relation& relation);

// The rows of `relation` stored under the key of `key` (values of point_key_columns, in order),
// after the same read-your-writes wait as a scan; every row of a table that carries the marker.
// Throws SqlError when the store cannot be read.
Batch read_by_key(Database& db, const catalog::Relation& relation, const Row& key);

// The state key whose presence says a continuous query stores rows of table `table` under keys
// other than its primary key ("query_keyed/<id>").
std::string query_keyed_marker(uint64_t table);

// Called before a continuous query writing `target` starts (created or recovered): when target
// is a table with a PRIMARY KEY and `plan` (null: not known, e.g. a query that could not be
// recovered) may store rows under other keys, commits the marker. It stays until the table is
// dropped, as those rows do. Throws SqlError when the store refuses.
void mark_query_keyed_rows(Database& db, const catalog::Relation& target, const engine::QueryPlan* plan);

}  // namespace exec
}  // namespace eddy
