#include "server/system_catalog/catalog_model.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "common/sql_identifier.h"
#include "server/system_catalog/system_oids.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

constexpr size_t kMaxNameBytes = 63;  // NAMEDATALEN - 1

// PostgreSQL's name for the index of a primary key: "<table>_pkey", the table part shortened
// so that the whole fits in 63 bytes.
std::string pkey_name(const std::string& table) {
  const std::string suffix = "_pkey";
  size_t n = std::min(table.size(), kMaxNameBytes - suffix.size());
  while (n > 0 && n < table.size() && (static_cast<unsigned char>(table[n]) & 0xC0) == 0x80) --n;  // whole UTF-8
  return table.substr(0, n) + suffix;
}

std::string joined_columns(const ClassEntry& index) {
  std::string out;
  for (const auto& a : index.attributes) out += (out.empty() ? "" : ", ") + quote_identifier(a.name);
  return out;
}

// The defining query of `CREATE [MATERIALIZED] VIEW name [(cols)] AS <query>` (the stored text)
// as pg_get_viewdef prints it: " <query>;". The query starts after the first AS that is a whole
// word outside quotes, comments and parentheses (nothing before it can hold such an AS). A text
// without one comes back as it is.
std::string view_query_text(const std::string& statement) {
  const size_t n = statement.size();
  auto word_char = [&](size_t i) {
    const unsigned char c = static_cast<unsigned char>(statement[i]);
    return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
  };
  int depth = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = statement[i];
    if (c == '"' || c == '\'') {
      const size_t close = statement.find(c, i + 1);
      if (close == std::string::npos) break;
      i = close;  // a doubled quote is two quoted runs back to back: same result
    } else if (c == '-' && i + 1 < n && statement[i + 1] == '-') {
      i = std::min(statement.find('\n', i), n);
    } else if (c == '/' && i + 1 < n && statement[i + 1] == '*') {
      const size_t close = statement.find("*/", i + 2);
      if (close == std::string::npos) break;
      i = close + 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && (c == 'a' || c == 'A') && i + 1 < n && (statement[i + 1] == 's' || statement[i + 1] == 'S') &&
               (i == 0 || !word_char(i - 1)) && (i + 2 == n || !word_char(i + 2))) {
      size_t begin = i + 2, end = n;
      while (begin < end && std::isspace(static_cast<unsigned char>(statement[begin]))) ++begin;
      while (end > begin && (std::isspace(static_cast<unsigned char>(statement[end - 1])) || statement[end - 1] == ';')) --end;
      return " " + statement.substr(begin, end - begin) + ";";
    } else if (word_char(i)) {
      while (i + 1 < n && word_char(i + 1)) ++i;  // skip the rest of a word: "alias" holds no AS
    }
  }
  return statement;
}

}  // namespace

uint32_t namespace_of(const catalog::Relation& relation) {
  return relation.connector == "system" ? kEddyCatalogNamespace : kPublicNamespace;
}

char relkind_of(const catalog::Relation& relation) {
  return relation.kind == catalog::RelationKind::MaterializedView ? 'm' : 'r';
}

int16_t attnum_of(const catalog::Relation& relation, int index) {
  if (index < 0 || static_cast<size_t>(index) >= relation.columns.size() || relation.columns[index].hidden) return 0;
  int16_t n = 0;
  for (int i = 0; i <= index; ++i)
    if (!relation.columns[i].hidden) ++n;
  return n;
}

namespace {

const std::vector<NamespaceEntry>& all_namespaces() {
  static const std::vector<NamespaceEntry> k = {{kPgCatalogNamespace, "pg_catalog"},
                                                {kPgToastNamespace, "pg_toast"},
                                                {kPublicNamespace, "public"},
                                                {kInformationSchemaNamespace, "information_schema"},
                                                {kEddyCatalogNamespace, "eddy_catalog"}};  // by OID
  return k;
}

// The system tables and views as pg_class entries, sorted by OID, with an index by name.
struct SystemClasses {
  std::vector<ClassEntry> entries;
  std::map<std::pair<uint32_t, std::string>, size_t> by_name;
};

const SystemClasses& system_classes() {
  static const SystemClasses k = [] {
    SystemClasses out;
    for (const SystemTable* t : all_system_tables()) {
      ClassEntry e;
      e.oid = t->oid;
      e.name = t->name;
      e.namespace_oid = t->schema == "information_schema" ? kInformationSchemaNamespace
                        : t->schema == "eddy_catalog"     ? kEddyCatalogNamespace
                                                          : kPgCatalogNamespace;
      e.kind = t->kind;
      e.system = t;
      for (const auto& c : t->columns) e.attributes.push_back({c.name, c.type, false});
      out.entries.push_back(std::move(e));
    }
    std::sort(out.entries.begin(), out.entries.end(), [](const ClassEntry& a, const ClassEntry& b) { return a.oid < b.oid; });
    for (size_t i = 0; i < out.entries.size(); ++i)
      out.by_name.emplace(std::make_pair(out.entries[i].namespace_oid, out.entries[i].name), i);
    return out;
  }();
  return k;
}

const ClassEntry* find_sorted(const std::vector<ClassEntry>& entries, uint32_t oid) {
  auto it = std::lower_bound(entries.begin(), entries.end(), oid, [](const ClassEntry& e, uint32_t x) { return e.oid < x; });
  return it != entries.end() && it->oid == oid ? &*it : nullptr;
}

}  // namespace

CatalogModel::CatalogModel(std::shared_ptr<const CatalogSnapshot> snapshot) : snapshot_(std::move(snapshot)) {
  for (const auto& rel : snapshot_->relations) {
    ClassEntry e;
    e.oid = static_cast<uint32_t>(rel->id);
    e.name = rel->name;
    e.namespace_oid = namespace_of(*rel);
    e.kind = relkind_of(*rel);
    e.relation = rel;
    for (const auto& c : rel->columns)
      if (!c.hidden) e.attributes.push_back({c.name, c.type, !c.nullable || c.primary_key});
    const std::vector<int> keys = rel->primary_key_columns();
    if (!keys.empty()) {
      ClassEntry index;
      index.oid = primary_key_index_oid(rel->id);
      index.name = pkey_name(rel->name);
      index.namespace_oid = e.namespace_oid;
      index.kind = 'i';
      index.indexed_table = e.oid;
      for (int k : keys) {
        const auto& c = rel->columns[static_cast<size_t>(k)];
        index.attributes.push_back({c.name, c.type, true});
        index.key_attnums.push_back(attnum_of(*rel, k));
      }
      e.pkey_index = index.oid;
      e.pkey_constraint = primary_key_constraint_oid(rel->id);
      e.key_attnums = index.key_attnums;
      own_.push_back(std::move(index));
    }
    own_.push_back(std::move(e));
  }
  std::sort(own_.begin(), own_.end(), [](const ClassEntry& a, const ClassEntry& b) { return a.oid < b.oid; });
  for (size_t i = 0; i < own_.size(); ++i) own_by_name_.emplace(std::make_pair(own_[i].namespace_oid, own_[i].name), i);
}

const std::vector<NamespaceEntry>& CatalogModel::namespaces() const { return all_namespaces(); }

const std::vector<ClassEntry>& CatalogModel::classes() const {
  std::call_once(merged_once_, [this] {
    const auto& system = system_classes().entries;
    merged_.reserve(system.size() + own_.size());
    std::merge(system.begin(), system.end(), own_.begin(), own_.end(), std::back_inserter(merged_),
               [](const ClassEntry& a, const ClassEntry& b) { return a.oid < b.oid; });
  });
  return merged_;
}

const ClassEntry* CatalogModel::find(uint32_t oid) const {
  if (const ClassEntry* e = find_sorted(own_, oid)) return e;
  return find_sorted(system_classes().entries, oid);
}

const ClassEntry* CatalogModel::find(uint32_t namespace_oid, std::string_view name) const {
  const auto key = std::make_pair(namespace_oid, std::string(name));
  if (auto it = own_by_name_.find(key); it != own_by_name_.end()) return &own_[it->second];
  const SystemClasses& system = system_classes();
  if (auto it = system.by_name.find(key); it != system.by_name.end()) return &system.entries[it->second];
  return nullptr;
}

const ClassEntry* CatalogModel::find_system(uint32_t namespace_oid, std::string_view name) {
  const SystemClasses& system = system_classes();
  auto it = system.by_name.find(std::make_pair(namespace_oid, std::string(name)));
  return it != system.by_name.end() ? &system.entries[it->second] : nullptr;
}

const ClassEntry* CatalogModel::resolve(const std::vector<std::string>& name) const {
  if (name.empty() || name.size() > 3) return nullptr;
  if (name.size() == 1) {
    for (uint32_t ns : {kPgCatalogNamespace, kPublicNamespace, kEddyCatalogNamespace})
      if (const ClassEntry* e = find(ns, name[0])) return e;
    return nullptr;
  }
  if (name.size() == 3 && name[0] != snapshot_->database && name[0] != "eddy") return nullptr;
  const std::string& schema = name[name.size() - 2];
  auto ns = schema == "eddy" ? std::optional<uint32_t>(kPublicNamespace) : namespace_oid(schema);
  return ns ? find(*ns, name.back()) : nullptr;
}

bool CatalogModel::visible(const ClassEntry& entry) const {
  if (entry.namespace_oid != kPgCatalogNamespace && entry.namespace_oid != kPublicNamespace) return false;
  const ClassEntry* first = resolve({entry.name});
  return first != nullptr && first->oid == entry.oid;
}

std::optional<std::string> CatalogModel::namespace_name(uint32_t oid) const {
  for (const auto& n : all_namespaces())
    if (n.oid == oid) return n.name;
  return std::nullopt;
}

std::optional<uint32_t> CatalogModel::namespace_oid(std::string_view name) const {
  for (const auto& n : all_namespaces())
    if (n.name == name) return n.oid;
  return std::nullopt;
}

const RoleRow* CatalogModel::role(uint32_t oid) const {
  for (const auto& r : snapshot_->roles)
    if (r.oid == oid) return &r;
  return nullptr;
}

const RoleRow* CatalogModel::role(std::string_view name) const {
  for (const auto& r : snapshot_->roles)
    if (r.name == name) return &r;
  return nullptr;
}

uint32_t CatalogModel::current_role_oid() const {
  const RoleRow* r = role(snapshot_->current_user);
  return r != nullptr ? r->oid : kBootstrapSuperuser;
}

std::string CatalogModel::owner_name() const {
  const RoleRow* r = role(kBootstrapSuperuser);
  return r != nullptr ? r->name : snapshot_->current_user;
}

std::optional<std::string> CatalogModel::index_definition(uint32_t oid, int column, bool pretty) const {
  const ClassEntry* index = find(oid);
  if (index == nullptr || index->kind != 'i') return std::nullopt;
  if (column != 0) {
    if (column < 0 || static_cast<size_t>(column) > index->attributes.size()) return std::string();
    return quote_identifier(index->attributes[static_cast<size_t>(column) - 1].name);
  }
  const ClassEntry* table = find(index->indexed_table);
  if (table == nullptr) return std::nullopt;
  const std::string table_name = pretty && visible(*table)
                                     ? quote_identifier(table->name)
                                     : quote_qualified(namespace_name(table->namespace_oid).value_or(""), table->name);
  return "CREATE UNIQUE INDEX " + quote_identifier(index->name) + " ON " + table_name + " USING btree (" +
         joined_columns(*index) + ")";
}

std::optional<std::string> CatalogModel::constraint_definition(uint32_t oid) const {
  for (const auto& c : own_) {
    if (c.pkey_constraint != oid || oid == 0) continue;
    const ClassEntry* index = find(c.pkey_index);
    if (index == nullptr) return std::nullopt;
    return "PRIMARY KEY (" + joined_columns(*index) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> CatalogModel::view_definition(uint32_t oid) const {
  const ClassEntry* e = find(oid);
  if (e == nullptr || e->kind != 'm' || !e->relation) return std::nullopt;
  return view_query_text(e->relation->definition);
}

}  // namespace eddy::syscat
