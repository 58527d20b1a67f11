#include "storage/store.h"

#include <mutex>

namespace eddy::storage {

const Store::RowMap Store::kEmpty;

const Store::RowMap& Store::Snapshot::rows(uint64_t relation) const {
  auto it = store_->relations_.find(relation);
  return it == store_->relations_.end() ? kEmpty : it->second;
}

const Row* Store::Snapshot::find(uint64_t relation, const std::string& key) const {
  const RowMap& m = rows(relation);
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

void Store::commit(std::vector<RowChange>& changes) {
  std::unique_lock lock(mutex_);
  for (auto& c : changes) {
    RowMap& m = relations_[c.relation];
    if (c.erase)
      m.erase(c.key);
    else
      m.insert_or_assign(std::move(c.key), std::move(c.row));
  }
}

int Store::insert_new(std::vector<RowChange>& changes) {
  std::unique_lock lock(mutex_);
  for (size_t i = 0; i < changes.size(); ++i) {
    const RowMap& m = relations_[changes[i].relation];
    if (m.count(changes[i].key)) return static_cast<int>(i);
    for (size_t j = 0; j < i; ++j)
      if (changes[j].relation == changes[i].relation && changes[j].key == changes[i].key)
        return static_cast<int>(i);
  }
  for (auto& c : changes) relations_[c.relation].insert_or_assign(std::move(c.key), std::move(c.row));
  return -1;
}

void Store::drop_relation(uint64_t relation) {
  std::unique_lock lock(mutex_);
  relations_.erase(relation);
  sequences_.erase(relation);
}

uint64_t Store::next_sequence(uint64_t relation, uint64_t count) {
  std::unique_lock lock(mutex_);
  uint64_t& s = sequences_[relation];
  uint64_t first = s;
  s += count;
  return first;
}

}  // namespace eddy::storage
