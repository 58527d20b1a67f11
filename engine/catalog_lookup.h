#pragma once
// What the catalog functions (pg_get_indexdef, pg_table_is_visible, has_table_privilege,
// current_user, the text of regclass values, ...) need to know of the server's catalog.
//
// The engine holds no catalog state: the server implements CatalogLookup over a snapshot of
// its catalog (server/system_catalog/snapshot_lookup.h) and installs it, for the statement
// being planned and run, with a CatalogLookupScope on that thread. Kernels read it through
// current_catalog_lookup(); those that need it and find none throw SqlError 0A000.
//
// Types and functions are not here: Eddy's types and functions are fixed at build time, so
// regtype and regproc are answered by common/type.h and engine/function_catalog.h.
//
// Thread model: a lookup is read-only once built and may be shared by threads; the "current"
// pointer is per thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/column.h"
#include "common/type.h"

namespace eddy::engine {

// pg_database.oid of Eddy's one database (PostgreSQL's "postgres" database has the same).
inline constexpr uint32_t kDatabaseOid = 5;

// One pg_class row as the catalog functions see it.
struct LookupRelation {
  uint32_t oid = 0;
  uint32_t namespace_oid = 0;
  std::string schema;                // pg_namespace.nspname
  std::string name;                  // pg_class.relname
  char kind = 'r';                   // pg_class.relkind: 'r', 'v', 'm', 'i'
  std::vector<std::string> columns;  // attribute names: attnum i + 1 is columns[i]
};

class CatalogLookup {
 public:
  virtual ~CatalogLookup() = default;

  // ---- relations (Eddy's, the system tables, the primary-key indexes) ----
  virtual std::optional<LookupRelation> relation(uint32_t oid) const = 0;
  // regclass input: 'name', 'schema.name' or 'database.schema.name' parts as
  // split_qualified_name() gives them; an unqualified name is looked up in the search path
  // (pg_catalog, then public, then eddy_catalog). nullopt when there is no such relation.
  // Throws 42601 for more than 3 parts, 0A000 for another database's name.
  virtual std::optional<uint32_t> relation_oid(const std::vector<std::string>& name) const = 0;
  // pg_table_is_visible: the relation is in a schema of the search path (pg_catalog, public)
  // and is the first one of its name there. eddy_catalog's tables are readable unqualified but
  // not "visible", so that psql's \dt does not list them.
  virtual bool relation_visible(uint32_t oid) const = 0;

  // ---- schemas and roles ----
  virtual std::optional<std::string> namespace_name(uint32_t oid) const = 0;
  virtual std::optional<uint32_t> namespace_oid(std::string_view name) const = 0;
  virtual std::optional<std::string> role_name(uint32_t oid) const = 0;
  virtual std::optional<uint32_t> role_oid(std::string_view name) const = 0;

  // ---- definitions, as pg_get_indexdef / pg_get_constraintdef / pg_get_viewdef print them;
  // nullopt for an OID that is not such an object ----
  // column 0: the whole CREATE INDEX statement (`pretty`: without the schema of a visible
  // table); column n != 0: the n-th key column's name, "" when there is no such column.
  virtual std::optional<std::string> index_definition(uint32_t oid, int column, bool pretty) const = 0;
  virtual std::optional<std::string> constraint_definition(uint32_t oid) const = 0;
  virtual std::optional<std::string> view_definition(uint32_t oid) const = 0;

  // ---- the session ----
  virtual std::string current_user() const = 0;
  virtual std::string session_user() const = 0;
  virtual std::string database() const = 0;
  // The schemas of search_path that exist, in order, without the implicit pg_catalog:
  // current_schemas(false). {"public"} by default.
  virtual std::vector<std::string> search_path() const = 0;
  // current_setting(name): the value SHOW prints; the name is case-insensitive. nullopt for
  // an unknown setting.
  virtual std::optional<std::string> setting(std::string_view name) const = 0;
  virtual int32_t backend_pid() const = 0;
  // When the server started (pg_postmaster_start_time), microseconds since the epoch.
  virtual int64_t server_start_micros() const = 0;
};

// The lookup installed on this thread, or nullptr.
const CatalogLookup* current_catalog_lookup();
// current_catalog_lookup(), or throws SqlError 0A000 "<what> needs the catalog, which is not
// available here" (an expression evaluated outside a statement, e.g. by a continuous query).
const CatalogLookup& require_catalog_lookup(std::string_view what);

// Installs `lookup` as this thread's current lookup for its lifetime (restoring the previous
// one after). The lookup must outlive the scope.
class CatalogLookupScope {
 public:
  explicit CatalogLookupScope(const CatalogLookup& lookup);
  ~CatalogLookupScope();
  CatalogLookupScope(const CatalogLookupScope&) = delete;
  CatalogLookupScope& operator=(const CatalogLookupScope&) = delete;

 private:
  const CatalogLookup* previous_;
};

// The text PostgreSQL prints for a value of a reg* type (the output functions regclassout,
// regtypeout, regprocout, regnamespaceout): the object's name, schema-qualified when it is not
// visible (regclass), "-" for OID 0, and the bare number when there is no such object.
// regclass and regnamespace need the current lookup; without one they print the number.
// Any other type: the number.
std::string reg_text(Type type, int64_t oid);

// For result writers: a column of a reg* type as the text format shows it, a text column of
// reg_text() names (DataRow must carry 'pg_class', not 1259; the binary format sends the OID
// as it is). nullopt for a column of any other type. Call it while the statement's
// CatalogLookupScope is installed.
std::optional<Column> reg_column_as_text(const Column& column);

// The OID a reg* input function reads from `text` (regclassin, ...): a number is taken as an
// OID as it is; a name must exist: 42P01 `relation "x" does not exist`, 42704 `type "x" does
// not exist`, 42883 `function "x" does not exist`, 3F000 `schema "x" does not exist`;
// 42725 `more than one function named "x"`. regclass and regnamespace names need the current
// lookup (0A000 without one). nullopt instead of the "does not exist" errors when `missing_ok`
// (to_regclass and friends).
std::optional<uint32_t> reg_input(Type type, std::string_view text, bool missing_ok = false);

}  // namespace eddy::engine
