#pragma once
// The server's planner::RelationProvider: Eddy's relations (schema public) and the system
// tables (pg_catalog, information_schema, eddy_catalog). The system tables and the catalog
// functions of a statement all read one snapshot of the catalog (a CatalogModel), taken when
// the statement first needs it, so that they agree with each other; a statement that needs
// none (a SELECT over Eddy's relations only, the point reads of a serving workload) takes none:
// its relations are found by name in the catalog as it is when planned.
//
// Use: one provider per statement, made before planning; install its lookup for the
// statement's planning and execution (catalog functions and reg* casts read it):
//
//   ServerRelationProvider provider(db, session);
//   engine::CatalogLookupScope catalog_scope(provider.lookup());
//   ... plan with `provider`, run, write the rows ...
//
// Name resolution: an unqualified name is looked for in pg_catalog, then among Eddy's
// relations (public), then in eddy_catalog (eddy_dead_letters); `public.x` and `eddy.x` find
// Eddy's relations only; `pg_catalog.x`, `information_schema.x`, `eddy_catalog.x` their
// schema only; `eddy.public.x` (database.schema.name) is accepted for the current database.

#include <memory>

#include "planner/relation_provider.h"
#include "server/system_catalog/catalog_model.h"
#include "server/system_catalog/snapshot_lookup.h"

namespace eddy {

class Database;
struct SessionState;

class ServerRelationProvider final : public planner::RelationProvider {
 public:
  ServerRelationProvider(Database& db, const SessionState& session);
  // Over a snapshot made by the caller (tests, or a caller that adds the current query).
  ServerRelationProvider(Database& db, syscat::CatalogSnapshot snapshot);

  // Throws SqlError 0A000 for a stream that cannot be read directly (one fed by a connector
  // such as Redis, as exec::read_relation does), 42809 for an index, 0A000 for another
  // database's name.
  std::optional<planner::ProvidedRelation> find(const std::vector<std::string>& name, int position) const override;
  std::optional<uint32_t> regclass(const std::string& name) const override;
  std::optional<uint32_t> regtype(const std::string& name) const override;
  std::optional<uint32_t> regproc(const std::string& name) const override;
  std::optional<uint32_t> regnamespace(const std::string& name) const override;

  ServerRelationProvider(const ServerRelationProvider&) = delete;
  ServerRelationProvider& operator=(const ServerRelationProvider&) = delete;

  const engine::CatalogLookup& lookup() const { return lookup_; }
  // The statement's catalog snapshot (taken now when not yet).
  const syscat::CatalogModel& model() const { return lookup_.model(); }

 private:
  std::optional<uint32_t> reg(Type type, const std::string& name) const;
  // An Eddy relation of schema public found by name without the snapshot; nullopt when the
  // name may mean something else (a system table, an index, eddy_catalog): ask the model.
  std::optional<planner::ProvidedRelation> find_public(const std::vector<std::string>& name, int position) const;
  planner::ProvidedRelation provide(const catalog::RelationPtr& relation, const std::string& schema,
                                    int position) const;

  Database& db_;
  syscat::SnapshotLookup lookup_;  // owns the snapshot, made on first use
};

// Throws SqlError 0A000 when `relation` is a stream whose rows Eddy does not keep (USING
// redis, generator, ...): only a view over it can be read. The same check
// exec::read_relation makes when reading.
void check_directly_readable(const catalog::Relation& relation, int position = 0);

}  // namespace eddy
