#include "server/system_catalog/snapshot_lookup.h"

#include <cctype>

#include "common/error.h"
#include "common/sql_identifier.h"

namespace eddy::syscat {

const std::shared_ptr<const CatalogModel>& SnapshotLookup::shared_model() const {
  if (source_) std::call_once(made_, [this] { model_ = source_(); });
  return model_;
}

std::optional<engine::LookupRelation> SnapshotLookup::relation(uint32_t oid) const {
  const ClassEntry* c = model().find(oid);
  if (c == nullptr) return std::nullopt;
  engine::LookupRelation r;
  r.oid = c->oid;
  r.namespace_oid = c->namespace_oid;
  r.schema = model().namespace_name(c->namespace_oid).value_or("");
  r.name = c->name;
  r.kind = c->kind;
  for (const auto& a : c->attributes) r.columns.push_back(a.name);
  return r;
}

std::optional<uint32_t> SnapshotLookup::relation_oid(const std::vector<std::string>& name) const {
  if (name.size() > 3) {
    std::string joined;
    for (const auto& p : name) joined += (joined.empty() ? "" : ".") + p;
    throw SqlError(sqlstate::kSyntaxError, "improper relation name (too many dotted names): " + joined);
  }
  if (name.size() == 3 && name[0] != model().snapshot().database && name[0] != "eddy")
    throw SqlError(sqlstate::kFeatureNotSupported,
                   "cross-database references are not implemented: \"" + name[0] + "." + name[1] + "." +
                       name[2] + "\"");
  const ClassEntry* c = model().resolve(name);
  if (c == nullptr) return std::nullopt;
  return c->oid;
}

bool SnapshotLookup::relation_visible(uint32_t oid) const {
  const ClassEntry* c = model().find(oid);
  return c != nullptr && model().visible(*c);
}

std::optional<std::string> SnapshotLookup::namespace_name(uint32_t oid) const { return model().namespace_name(oid); }

std::optional<uint32_t> SnapshotLookup::namespace_oid(std::string_view name) const {
  return model().namespace_oid(name);
}

std::optional<std::string> SnapshotLookup::role_name(uint32_t oid) const {
  const RoleRow* r = model().role(oid);
  if (r == nullptr) return std::nullopt;
  return r->name;
}

std::optional<uint32_t> SnapshotLookup::role_oid(std::string_view name) const {
  const RoleRow* r = model().role(name);
  if (r == nullptr) return std::nullopt;
  return r->oid;
}

std::optional<std::string> SnapshotLookup::index_definition(uint32_t oid, int column, bool pretty) const {
  return model().index_definition(oid, column, pretty);
}

std::optional<std::string> SnapshotLookup::constraint_definition(uint32_t oid) const {
  return model().constraint_definition(oid);
}

std::optional<std::string> SnapshotLookup::view_definition(uint32_t oid) const {
  return model().view_definition(oid);
}

std::optional<std::string> SnapshotLookup::setting(std::string_view name) const {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  };
  for (const auto& s : model().snapshot().settings)
    if (same(s.name, name)) return s.value;
  return std::nullopt;
}

// search_path is '"$user", public' unless SET: the schemas of the setting that exist, with
// "$user" standing for a schema named as the current user (there is none in Eddy).
std::vector<std::string> SnapshotLookup::search_path() const {
  std::string path = "\"$user\", public";
  for (const auto& s : model().snapshot().settings)
    if (s.name == "search_path") path = s.value;
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t comma = path.find(',', start);
    if (comma == std::string::npos) comma = path.size();
    std::string item = path.substr(start, comma - start);
    start = comma + 1;
    auto parts = split_qualified_name(item);
    if (!parts || parts->size() != 1) continue;
    std::string schema = (*parts)[0];
    if (schema == "$user") schema = model().snapshot().current_user;
    if (model().namespace_oid(schema) && schema != "pg_catalog") out.push_back(schema);
  }
  return out;
}

}  // namespace eddy::syscat
