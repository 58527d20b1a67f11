#include "catalog/relation.h"

namespace eddy::catalog {

const char* relation_kind_name(RelationKind kind) {
  switch (kind) {
    case RelationKind::Stream: return "stream";
    case RelationKind::Table: return "table";
    case RelationKind::MaterializedView: return "materialized view";
  }
  return "relation";
}

int Relation::column_index(const std::string& column) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == column) return static_cast<int>(i);
  return -1;
}

std::vector<int> Relation::visible_columns() const {
  std::vector<int> out;
  for (size_t i = 0; i < columns.size(); ++i)
    if (!columns[i].hidden) out.push_back(static_cast<int>(i));
  return out;
}

std::vector<int> Relation::primary_key_columns() const {
  std::vector<int> out;
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].primary_key) out.push_back(static_cast<int>(i));
  return out;
}

const std::string* Relation::option(const std::string& key) const {
  for (const auto& [k, v] : options)
    if (k == key) return &v;
  return nullptr;
}

}  // namespace eddy::catalog
