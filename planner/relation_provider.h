#pragma once
// How the batch planner finds the relations a query names. The server implements it over its
// catalog (streams, tables, materialized views) and its system tables (pg_catalog,
// information_schema); the planner knows neither.
//
// Name resolution follows PostgreSQL's search_path "pg_catalog, public": an unqualified name
// is first looked up among the pg_catalog system tables, then among Eddy's relations
// (schema public); `public.x` / `eddy.x`, `pg_catalog.x` and `information_schema.x` look in
// that schema only.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "common/column.h"

namespace eddy::planner {

struct ProvidedRelation {
  std::string schema;  // "public", "pg_catalog", "information_schema"
  std::string name;
  uint32_t oid = 0;
  std::vector<catalog::ColumnSchema> columns;
  // pg_attribute.attnum of each column (0 for hidden built-ins): what RowDescription reports, so
  // drivers can tell a result column's table and nullability.
  std::vector<int16_t> attnums;
  // Reads every row, when the query runs (not when it is planned). Throws SqlError.
  std::function<Batch()> read;
  // Eddy's own relation, when this is one (null for system tables).
  catalog::RelationPtr relation;
  // Point reads (planner/point_read.h), for a relation whose rows are stored under a key made
  // of these columns' values in this order (each of a type point reads allow); empty when none.
  // read_key(values) reads the rows stored under the key of `values` (typed as those columns),
  // in `read`'s layout: zero rows or one. Throws SqlError.
  std::vector<int> key_columns;
  std::function<Batch(const Row& key)> read_key;
};

class RelationProvider {
 public:
  virtual ~RelationProvider() = default;
  // The relation `name` (1 or 2 parts, already case-folded), or nullopt when there is none.
  // Throws SqlError for names that exist but cannot be read this way (a Redis stream).
  virtual std::optional<ProvidedRelation> find(const std::vector<std::string>& name, int position) const = 0;
  // OID lookups the planner needs to fold 'name'::regclass / ::regtype / ::regproc /
  // ::regnamespace constants; nullopt when no such object exists.
  virtual std::optional<uint32_t> regclass(const std::string& name) const = 0;
  virtual std::optional<uint32_t> regtype(const std::string& name) const = 0;
  virtual std::optional<uint32_t> regproc(const std::string& name) const = 0;
  virtual std::optional<uint32_t> regnamespace(const std::string& name) const = 0;
};

}  // namespace eddy::planner
