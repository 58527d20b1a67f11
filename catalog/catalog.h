#pragma once
// The set of named relations. Relations are immutable once published: a change replaces the
// shared_ptr, so a reader holding one never sees it change under it.
//
// Thread-safe: every method may be called from any thread.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/relation.h"

namespace eddy::catalog {

class Catalog {
 public:
  // Returns the relation or nullptr.
  RelationPtr find(const std::string& name) const;
  RelationPtr find_by_id(uint64_t id) const;
  // Adds a relation, assigning its id. Throws SqlError 42P07 when the name is taken.
  RelationPtr add(Relation relation);
  // Removes by name; returns the removed relation or nullptr.
  RelationPtr remove(const std::string& name);
  // Relations that read `id` (views over it), for DROP ... CASCADE / RESTRICT.
  std::vector<RelationPtr> dependents(uint64_t id) const;
  // All relations, sorted by name.
  std::vector<RelationPtr> list() const;
  uint64_t next_id();
  // After loading relations with their ids: new ids start at `next` or later.
  void ensure_next_id(uint64_t next);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, RelationPtr> by_name_;
  uint64_t next_id_ = 16384;  // PostgreSQL's first normal OID (FirstNormalObjectId)
};

}  // namespace eddy::catalog
