#include "server/catalog_codec.h"

#include <nlohmann/json.hpp>

namespace eddy {

using nlohmann::json;

namespace {

const char* kind_name(catalog::RelationKind k) {
  switch (k) {
    case catalog::RelationKind::Stream: return "stream";
    case catalog::RelationKind::Table: return "table";
    case catalog::RelationKind::MaterializedView: return "materialized_view";
  }
  return "table";
}

}  // namespace

std::string encode_relation(const catalog::Relation& r) {
  json j;
  j["v"] = 1;
  j["id"] = r.id;
  j["name"] = r.name;
  j["kind"] = kind_name(r.kind);
  j["connector"] = r.connector;
  j["definition"] = r.definition;
  j["depends_on"] = r.depends_on;
  json cols = json::array();
  for (const auto& c : r.columns)
    cols.push_back({{"name", c.name}, {"oid", c.type.oid()}, {"mod", c.type.modifier}, {"nullable", c.nullable},
                    {"pk", c.primary_key}, {"hidden", c.hidden}});
  j["columns"] = cols;
  json opts = json::array();
  for (const auto& [k, v] : r.options) opts.push_back({k, v});
  j["options"] = opts;
  if (!r.watermark_column.empty())
    j["watermark"] = {{"column", r.watermark_column}, {"bound_micros", r.watermark_bound_micros}};
  return j.dump();
}

std::optional<catalog::Relation> decode_relation(const std::string& text) {
  try {
    json j = json::parse(text);
    if (j.value("v", 0) != 1) return std::nullopt;
    catalog::Relation r;
    r.id = j.at("id").get<uint64_t>();
    r.name = j.at("name").get<std::string>();
    std::string kind = j.at("kind").get<std::string>();
    r.kind = kind == "stream" ? catalog::RelationKind::Stream
             : kind == "materialized_view" ? catalog::RelationKind::MaterializedView
                                           : catalog::RelationKind::Table;
    r.connector = j.at("connector").get<std::string>();
    r.definition = j.at("definition").get<std::string>();
    r.depends_on = j.at("depends_on").get<std::vector<uint64_t>>();
    for (const auto& c : j.at("columns")) {
      auto type = type_from_oid(c.at("oid").get<uint32_t>());
      if (!type) return std::nullopt;
      type->modifier = c.at("mod").get<int32_t>();
      r.columns.push_back({c.at("name").get<std::string>(), *type, c.at("nullable").get<bool>(),
                           c.at("pk").get<bool>(), c.at("hidden").get<bool>()});
    }
    for (const auto& o : j.at("options")) r.options.emplace_back(o.at(0).get<std::string>(), o.at(1).get<std::string>());
    if (j.contains("watermark")) {
      r.watermark_column = j["watermark"].at("column").get<std::string>();
      r.watermark_bound_micros = j["watermark"].at("bound_micros").get<int64_t>();
    }
    return r;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string encode_query(const QueryRecord& q) {
  json j{{"v", 1}, {"id", q.id}, {"target", q.target}, {"source", q.source}, {"statement", q.statement},
         {"target_columns", q.target_columns}};
  return j.dump();
}

std::optional<QueryRecord> decode_query(const std::string& text) {
  try {
    json j = json::parse(text);
    if (j.value("v", 0) != 1) return std::nullopt;
    QueryRecord q;
    q.id = j.at("id").get<uint64_t>();
    q.target = j.at("target").get<uint64_t>();
    q.source = j.at("source").get<uint64_t>();
    q.statement = j.at("statement").get<std::string>();
    q.target_columns = j.at("target_columns").get<std::vector<int>>();
    return q;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace eddy
