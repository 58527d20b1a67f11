#include "catalog/catalog.h"

#include <algorithm>

#include "common/error.h"

namespace eddy::catalog {

RelationPtr Catalog::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

RelationPtr Catalog::find_by_id(uint64_t id) const {
  std::lock_guard lock(mutex_);
  for (const auto& [name, rel] : by_name_)
    if (rel->id == id) return rel;
  return nullptr;
}

RelationPtr Catalog::add(Relation relation) {
  std::lock_guard lock(mutex_);
  if (by_name_.count(relation.name))
    throw SqlError(sqlstate::kDuplicateTable, "relation \"" + relation.name + "\" already exists");
  if (relation.id == 0) relation.id = next_id_++;
  auto ptr = std::make_shared<const Relation>(std::move(relation));
  by_name_[ptr->name] = ptr;
  return ptr;
}

RelationPtr Catalog::remove(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  RelationPtr out = it->second;
  by_name_.erase(it);
  return out;
}

std::vector<RelationPtr> Catalog::dependents(uint64_t id) const {
  std::lock_guard lock(mutex_);
  std::vector<RelationPtr> out;
  for (const auto& [name, rel] : by_name_)
    for (uint64_t dep : rel->depends_on)
      if (dep == id) out.push_back(rel);
  return out;
}

std::vector<RelationPtr> Catalog::list() const {
  std::lock_guard lock(mutex_);
  std::vector<RelationPtr> out;
  for (const auto& [name, rel] : by_name_) out.push_back(rel);
  return out;
}

void Catalog::ensure_next_id(uint64_t next) {
  std::lock_guard lock(mutex_);
  next_id_ = std::max(next_id_, next);
}

uint64_t Catalog::next_id() {
  std::lock_guard lock(mutex_);
  return next_id_++;
}

}  // namespace eddy::catalog
