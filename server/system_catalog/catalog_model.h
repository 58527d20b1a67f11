#pragma once
// pg_class as Eddy presents it, derived from a CatalogSnapshot: every relation with its OID,
// schema, relkind and attributes, and the names resolved through the search path. The system
// tables' rows and the catalog functions' lookups are both read from this one model.
//
//   object                                 schema              relkind  OID
//   system table (pg_class, ...)           pg_catalog          'r'      PostgreSQL's
//   system view (pg_roles, pg_tables, ...) pg_catalog          'v'      PostgreSQL's
//   information_schema.tables, ...         information_schema  'v'      PostgreSQL's
//   stream, table                          public              'r'      Relation::id
//   materialized view                      public              'm'      Relation::id
//   eddy_dead_letters                      eddy_catalog        'r'      Relation::id (1000)
//   "<table>_pkey" of a PRIMARY KEY        the table's         'i'      system_oids.h
//
// A stream reads as a table ('r'): tools list tables, and a SELECT of a stream returns its
// rows. Hidden built-in columns (_time, _id, _key) are not attributes: the visible columns are
// numbered 1..n in order (attnum), as SELECT * shows them.
//
// Thread-safe once built (classes() builds its list under a once_flag).
//
// Name resolution (unqualified): pg_catalog, then public, then eddy_catalog. "Visible"
// (pg_table_is_visible, regclass output without schema) means found first in pg_catalog or
// public: eddy_catalog is readable unqualified but hidden from psql's \dt.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/relation.h"
#include "common/type.h"
#include "server/system_catalog/catalog_snapshot.h"

namespace eddy::syscat {

struct SystemTable;

struct NamespaceEntry {
  uint32_t oid;
  std::string name;
};

struct AttributeEntry {
  std::string name;
  Type type;
  bool not_null = false;
};

struct ClassEntry {
  uint32_t oid = 0;
  std::string name;
  uint32_t namespace_oid = 0;
  char kind = 'r';                          // pg_class.relkind
  std::vector<AttributeEntry> attributes;   // attnum i + 1; an index's are its key columns
  catalog::RelationPtr relation;            // Eddy's relation, or null
  const SystemTable* system = nullptr;      // the system table or view, or null
  // PRIMARY KEY. On a table: its index and constraint (0 when none) and the key attnums.
  // On the index: the table it belongs to (indexed_table) and the same key attnums.
  uint32_t pkey_index = 0;
  uint32_t pkey_constraint = 0;
  uint32_t indexed_table = 0;
  std::vector<int16_t> key_attnums;
};

class CatalogModel {
 public:
  explicit CatalogModel(std::shared_ptr<const CatalogSnapshot> snapshot);

  const CatalogSnapshot& snapshot() const { return *snapshot_; }
  const std::vector<NamespaceEntry>& namespaces() const;
  // Every relation, sorted by OID. Built on first use (the system tables' entries are copied
  // in then): lookups by OID or name do not need it.
  const std::vector<ClassEntry>& classes() const;

  const ClassEntry* find(uint32_t oid) const;
  const ClassEntry* find(uint32_t namespace_oid, std::string_view name) const;
  // A system table or view by schema and name, without a model (they are the same in every one).
  static const ClassEntry* find_system(uint32_t namespace_oid, std::string_view name);
  // A 1-, 2- or 3-part name (catalog.schema.name) as regclass reads it; nullptr when none.
  // "eddy" is an alias of schema public (Eddy's own spelling), also as a catalog name.
  const ClassEntry* resolve(const std::vector<std::string>& name) const;
  bool visible(const ClassEntry& entry) const;

  std::optional<std::string> namespace_name(uint32_t oid) const;
  std::optional<uint32_t> namespace_oid(std::string_view name) const;
  const RoleRow* role(uint32_t oid) const;
  const RoleRow* role(std::string_view name) const;
  // The role of the current user (the bootstrap superuser when the name is not a role).
  uint32_t current_role_oid() const;
  std::string owner_name() const;  // pg_class.relowner's name: the bootstrap superuser's

  // pg_get_indexdef / pg_get_constraintdef / pg_get_viewdef; nullopt when `oid` is not such
  // an object. A view's definition is its query as written, in PostgreSQL's frame: " SELECT ...;"
  // (PostgreSQL prints a deparsed query; Eddy keeps the text).
  std::optional<std::string> index_definition(uint32_t oid, int column, bool pretty) const;
  std::optional<std::string> constraint_definition(uint32_t oid) const;
  std::optional<std::string> view_definition(uint32_t oid) const;

 private:
  std::shared_ptr<const CatalogSnapshot> snapshot_;
  // Eddy's relations and their indexes, sorted by OID; the system tables' entries are built
  // once per process (system_classes() in catalog_model.cpp) and not copied per statement.
  std::vector<ClassEntry> own_;
  std::map<std::pair<uint32_t, std::string>, size_t> own_by_name_;
  mutable std::once_flag merged_once_;
  mutable std::vector<ClassEntry> merged_;
};

// The schema of an Eddy relation: eddy_catalog for Eddy's own system tables, else public.
uint32_t namespace_of(const catalog::Relation& relation);
// pg_class.relkind of an Eddy relation: 'r' for streams and tables, 'm' for views.
char relkind_of(const catalog::Relation& relation);
// attnum of column `index` of `relation` (1-based among visible columns); 0 for a hidden one.
int16_t attnum_of(const catalog::Relation& relation, int index);

}  // namespace eddy::syscat
