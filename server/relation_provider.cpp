#include "server/relation_provider.h"

#include "common/error.h"
#include "server/exec_internal.h"
#include "server/point_reads.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy {

void check_directly_readable(const catalog::Relation& relation, int position) {
  if (relation.kind == catalog::RelationKind::Stream && !relation.connector.empty())
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "reading stream \"" + relation.name + "\" (USING " + relation.connector +
                       ") directly is not supported",
                   position)
        .with_hint("Create a materialized view over the stream and select from the view.");
}

ServerRelationProvider::ServerRelationProvider(Database& db, const SessionState& session)
    : db_(db), lookup_([&db, &session] {
        return std::make_shared<const syscat::CatalogModel>(
            std::make_shared<const syscat::CatalogSnapshot>(syscat::take_snapshot(db, session)));
      }) {}

ServerRelationProvider::ServerRelationProvider(Database& db, syscat::CatalogSnapshot snapshot)
    : db_(db),
      lookup_(std::make_shared<const syscat::CatalogModel>(
          std::make_shared<const syscat::CatalogSnapshot>(std::move(snapshot)))) {}

planner::ProvidedRelation ServerRelationProvider::provide(const catalog::RelationPtr& relation,
                                                          const std::string& schema, int position) const {
  check_directly_readable(*relation, position);
  planner::ProvidedRelation out;
  out.schema = schema;
  out.name = relation->name;
  out.oid = static_cast<uint32_t>(relation->id);
  out.columns = relation->columns;  // hidden built-ins included: readable by name
  for (size_t i = 0; i < out.columns.size(); ++i)
    out.attnums.push_back(syscat::attnum_of(*relation, static_cast<int>(i)));
  out.relation = relation;
  Database* db = &db_;
  out.read = [db, relation] { return exec::read_relation(*db, *relation); };
  out.key_columns = exec::point_key_columns(db_, *relation);
  if (!out.key_columns.empty())
    out.read_key = [db, relation](const Row& key) { return exec::read_by_key(*db, *relation, key); };
  return out;
}

std::optional<planner::ProvidedRelation> ServerRelationProvider::find_public(const std::vector<std::string>& name,
                                                                             int position) const {
  // The model's resolution, for the names that can only mean an Eddy relation in public: an
  // unqualified name that no pg_catalog table has, or one qualified by public / eddy.
  const bool unqualified = name.size() == 1;
  if (!unqualified && !(name.size() == 2 && (name[0] == "public" || name[0] == "eddy"))) return std::nullopt;
  if (unqualified && syscat::CatalogModel::find_system(syscat::kPgCatalogNamespace, name.back()) != nullptr)
    return std::nullopt;
  catalog::RelationPtr relation = db_.catalog().find(name.back());
  if (!relation || syscat::namespace_of(*relation) != syscat::kPublicNamespace) return std::nullopt;
  return provide(relation, "public", position);
}

std::optional<planner::ProvidedRelation> ServerRelationProvider::find(const std::vector<std::string>& name,
                                                                      int position) const {
  if (name.empty() || name.size() > 3) return std::nullopt;
  if (auto direct = find_public(name, position)) return direct;
  const syscat::CatalogModel& model = this->model();
  if (name.size() == 3 && name[0] != model.snapshot().database && name[0] != "eddy")
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "cross-database references are not implemented: \"" + name[0] + "." + name[1] + "." + name[2] +
                       "\"",
                   position);
  const syscat::ClassEntry* entry = model.resolve(name);
  if (entry == nullptr) return std::nullopt;
  if (entry->kind == 'i')
    throw SqlError(sqlstate::kWrongObjectType, "\"" + entry->name + "\" is an index", position);
  if (entry->relation)
    return provide(entry->relation, model.namespace_name(entry->namespace_oid).value_or(""), position);
  const syscat::SystemTable* table = entry->system;
  if (table == nullptr) return std::nullopt;
  planner::ProvidedRelation out;
  out.schema = model.namespace_name(entry->namespace_oid).value_or("");
  out.name = entry->name;
  out.oid = entry->oid;
  out.columns = table->columns;
  for (size_t i = 0; i < out.columns.size(); ++i) out.attnums.push_back(static_cast<int16_t>(i + 1));
  std::shared_ptr<const syscat::CatalogModel> shared = lookup_.shared_model();
  out.read = [shared, table] { return syscat::read_system_table(*table, *shared); };
  return out;
}

std::optional<uint32_t> ServerRelationProvider::reg(Type type, const std::string& name) const {
  engine::CatalogLookupScope scope(lookup_);
  return engine::reg_input(type, name, true);
}

std::optional<uint32_t> ServerRelationProvider::regclass(const std::string& name) const {
  return reg(Type(TypeId::RegClass), name);
}
std::optional<uint32_t> ServerRelationProvider::regtype(const std::string& name) const {
  return reg(Type(TypeId::RegType), name);
}
std::optional<uint32_t> ServerRelationProvider::regproc(const std::string& name) const {
  return reg(Type(TypeId::RegProc), name);
}
std::optional<uint32_t> ServerRelationProvider::regnamespace(const std::string& name) const {
  return reg(Type(TypeId::RegNamespace), name);
}

}  // namespace eddy
