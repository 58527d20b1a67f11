#pragma once
// Point reads: a SELECT over one stored relation whose WHERE fixes every column of the
// relation's row key with `column = value` reads only the rows stored under that key (one LMDB
// lookup) instead of every row. `value` is anything that reads no column and cannot change
// between rows: literals, $n parameters, operators and casts over them.
//
// The read only narrows what the Scan returns: the whole WHERE is still applied to it, so a
// point read returns exactly what the full scan would. Every row the WHERE keeps has its key
// columns equal to the values, and equality of the types allowed in keys (integers, booleans,
// dates and timestamps, text and varchar: ProvidedRelation::key_columns) is equality of their
// key encoding. A comparison whose column side the binder had to cast (an integer column
// against a numeric value) is not used, nor are IS NOT DISTINCT FROM, IN and the like: those
// statements scan, as before. A NULL value reads nothing (`column = NULL` is never true).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"
#include "engine/expression.h"

namespace eddy::planner {

// What a FROM item that is one stored relation offers for point reads (from its
// ProvidedRelation).
struct KeyedRelation {
  catalog::RelationPtr relation;  // Eddy's relation (a change to it replaces the object)
  std::string name;
  std::vector<int> key_columns;  // the relation's columns making its row key, in key order
  std::vector<Type> types;       // every column of the relation
  std::vector<std::string> column_names;
  std::function<Batch(const Row& key)> read_key;
};

struct PointRead {
  std::function<Batch()> read;  // replaces the Scan's read: read_point(relation, *values)
  // The value each key column is fixed to (over no columns), in key order.
  std::shared_ptr<const std::vector<engine::BoundExprPtr>> values;
  std::string description;      // with `describe`, for EXPLAIN: "Point read: per_asset (id = 42)"
};

// The rows of `relation` under the key `values` (one per key column) evaluate to; none when one
// is NULL.
Batch read_point(const KeyedRelation& relation, const std::vector<engine::BoundExprPtr>& values);

// The point read `filter` (bound over the relation's columns) allows, or nullopt when it does
// not fix every key column.
std::optional<PointRead> plan_point_read(std::shared_ptr<const KeyedRelation> relation,
                                         const engine::BoundExpr& filter, bool describe);

}  // namespace eddy::planner
