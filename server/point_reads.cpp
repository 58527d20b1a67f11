#include "server/point_reads.h"

#include "common/error.h"
#include "server/database.h"
#include "storage/key_encoding.h"

namespace eddy::exec {

bool point_key_type(const Type& type) {
  switch (type.id) {
    case TypeId::Bool:
    case TypeId::Int16:
    case TypeId::Int32:
    case TypeId::Int64:
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::TimestampTz:
    case TypeId::Text:
    case TypeId::Varchar: return true;
    default: return false;
  }
}

std::optional<std::vector<int>> query_row_key(const engine::QueryPlan& plan, const catalog::Relation& target) {
  if (!plan.aggregate || plan.aggregate->window || plan.aggregate->key_inputs.empty()) return std::nullopt;
  const std::vector<int> visible = target.visible_columns();  // outputs[i] fills visible[i]
  if (plan.outputs.size() != visible.size()) return std::nullopt;
  std::vector<int> key;
  for (size_t k = 0; k < plan.aggregate->key_inputs.size(); ++k) {
    int column = -1;
    for (size_t o = 0; o < plan.outputs.size() && column < 0; ++o) {
      const engine::BoundExpr& e = *plan.outputs[o];
      const Type& type = target.columns[static_cast<size_t>(visible[o])].type;
      if (e.kind == engine::BoundKind::ColumnRef && e.column == static_cast<int>(k) && e.type == type &&
          type == plan.aggregate->key_types[k])
        column = visible[o];
    }
    if (column < 0) return std::nullopt;
    key.push_back(column);
  }
  return key;
}

std::vector<int> point_key_columns(Database& db, const catalog::Relation& relation) {
  std::vector<int> key;
  if (relation.kind == catalog::RelationKind::Table && relation.connector == "eddy") {
    key = relation.primary_key_columns();
  } else if (relation.kind == catalog::RelationKind::MaterializedView && relation.connector.empty()) {
    auto query = db.query_for(relation.id);
    if (!query) return {};
    key = query_row_key(query->plan(), relation).value_or(std::vector<int>{});
  }
  for (int c : key)
    if (!point_key_type(relation.columns[static_cast<size_t>(c)].type)) return {};
  return key;
}

std::string query_keyed_marker(uint64_t table) { return "query_keyed/" + std::to_string(table); }

void mark_query_keyed_rows(Database& db, const catalog::Relation& target, const engine::QueryPlan* plan) {
  const std::vector<int> primary_key = target.primary_key_columns();
  if (target.kind != catalog::RelationKind::Table || primary_key.empty()) return;
  if (plan && query_row_key(*plan, target) == primary_key) return;
  {
    storage::Store::Snapshot snapshot;
    std::optional<std::string> marker;
    if (db.store().snapshot(snapshot).ok() && snapshot.get_state(query_keyed_marker(target.id), marker).ok() && marker)
      return;  // marked before
  }
  storage::EpochWrite write;
  write.put_state.emplace_back(query_keyed_marker(target.id), "1");
  storage::Status st = db.store().commit(write);
  if (!st.ok())
    throw SqlError(st.sqlstate(), "could not store the key marker of \"" + target.name + "\": " + st.message());
}

Batch read_by_key(Database& db, const catalog::Relation& relation, const Row& key) {
  std::vector<Type> types;
  types.reserve(relation.columns.size());
  for (const auto& c : relation.columns) types.push_back(c.type);
  Batch out = Batch::with_types(types);
  db.catch_up(relation);
  storage::Store::Snapshot snapshot;
  storage::Status status = db.store().snapshot(snapshot);
  std::optional<std::string> marker;
  if (status.ok() && relation.kind == catalog::RelationKind::Table)
    status = snapshot.get_state(query_keyed_marker(relation.id), marker);
  if (status.ok() && marker) {  // rows under other keys too: every row, the WHERE picks
    status = snapshot.scan(relation.id, [&](std::string_view, const Row& row) {
      out.append_row(row);
      return true;
    });
  } else if (status.ok()) {
    std::string encoded;
    for (const Value& v : key) storage::append_key(encoded, v);
    std::optional<Row> row;
    status = snapshot.find(relation.id, encoded, row);
    if (status.ok() && row) out.append_row(*row);
  }
  if (!status.ok()) throw SqlError(status.sqlstate(), "reading \"" + relation.name + "\": " + status.message());
  return out;
}

}  // namespace eddy::exec
