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
    : ServerRelationProvider(db, syscat::take_snapshot(db, session)) {}

ServerRelationProvider::ServerRelationProvider(Database& db, syscat::CatalogSnapshot snapshot)
    : db_(db),
      model_(std::make_shared<const syscat::CatalogModel>(std::make_shared<const syscat::CatalogSnapshot>(std::move(snapshot)))),
      lookup_(model_) {}

std::optional<planner::ProvidedRelation> ServerRelationProvider::find(const std::vector<std::string>& name,
                                                                      int position) const {
  if (name.empty() || name.size() > 3) return std::nullopt;
  if (name.size() == 3 && name[0] != model_->snapshot().database && name[0] != "eddy")
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "cross-database references are not implemented: \"" + name[0] + "." + name[1] + "." + name[2] +
                       "\"",
                   position);
  const syscat::ClassEntry* entry = model_->resolve(name);
  if (entry == nullptr) return std::nullopt;
  if (entry->kind == 'i')
    throw SqlError(sqlstate::kWrongObjectType, "\"" + entry->name + "\" is an index", position);
  planner::ProvidedRelation out;
  out.schema = model_->namespace_name(entry->namespace_oid).value_or("");
  out.name = entry->name;
  out.oid = entry->oid;
  if (entry->relation) {
    check_directly_readable(*entry->relation, position);
    out.columns = entry->relation->columns;  // hidden built-ins included: readable by name
    for (size_t i = 0; i < out.columns.size(); ++i)
      out.attnums.push_back(syscat::attnum_of(*entry->relation, static_cast<int>(i)));
    out.relation = entry->relation;
    Database* db = &db_;
    catalog::RelationPtr relation = entry->relation;
    out.read = [db, relation] { return exec::read_relation(*db, *relation); };
    out.key_columns = exec::point_key_columns(db_, *relation);
    if (!out.key_columns.empty())
      out.read_key = [db, relation](const Row& key) { return exec::read_by_key(*db, *relation, key); };
    return out;
  }
  const syscat::SystemTable* table = entry->system;
  if (table == nullptr) return std::nullopt;
  out.columns = table->columns;
  for (size_t i = 0; i < out.columns.size(); ++i) out.attnums.push_back(static_cast<int16_t>(i + 1));
  std::shared_ptr<const syscat::CatalogModel> model = model_;
  out.read = [model, table] { return syscat::read_system_table(*table, *model); };
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
