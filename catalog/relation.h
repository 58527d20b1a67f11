#pragma once
// What the catalog knows of one relation: a stream, a table or a materialized view.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/type.h"

namespace eddy::catalog {

enum class RelationKind { Stream, Table, MaterializedView };

const char* relation_kind_name(RelationKind kind);  // "stream", "table", "materialized view"

struct ColumnSchema {
  std::string name;
  Type type;
  bool nullable = true;
  bool primary_key = false;
  // Built-in columns (_time, _id, _key) are readable by name but not part of SELECT * or
  // INSERT's column list.
  bool hidden = false;
};

using Options = std::vector<std::pair<std::string, std::string>>;

struct Relation {
  uint64_t id = 0;  // also its OID in pg_class
  std::string name;
  RelationKind kind = RelationKind::Table;
  std::vector<ColumnSchema> columns;
  // Stream: the connector ("" for INSERT-fed, "generator", "redis", ...). Table: "eddy",
  // "redis", "postgres".
  std::string connector;
  Options options;
  // Materialized view: the defining SELECT's text, and the ids of the relations it reads.
  std::string definition;
  std::vector<uint64_t> depends_on;
  std::optional<uint64_t> query_id;  // the continuous query that maintains it
  // Stream: WATERMARK FOR <column> AS <column> - <bound>. Empty column: no watermark.
  std::string watermark_column;
  int64_t watermark_bound_micros = 0;

  // Index of a column by name (exact match; names are already case-folded), or -1.
  int column_index(const std::string& column) const;
  // Visible columns only, in order.
  std::vector<int> visible_columns() const;
  std::vector<int> primary_key_columns() const;
  const std::string* option(const std::string& key) const;
};

using RelationPtr = std::shared_ptr<const Relation>;

}  // namespace eddy::catalog
