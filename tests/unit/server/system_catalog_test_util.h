#pragma once
// A database with a stream, tables with primary keys and a materialized view, and helpers to
// read system tables as text, for the system catalog tests.

#include <catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "common/value_text.h"
#include "engine/catalog_lookup.h"
#include "grammar/parser.h"
#include "server/database.h"
#include "server/executor.h"
#include "server/relation_provider.h"
#include "server/system_catalog/system_table.h"

namespace syscat_test {

using namespace eddy;

class NullWriter : public ResultWriter {
 public:
  void describe(const std::vector<OutputColumn>&) override {}
  void rows(const Batch&) override {}
  void complete(const std::string&) override {}
};

// clicks: a stream fed by INSERT (asset, cost, ts + hidden _time); prices: a table keyed by
// asset with a varchar(10); pairs: a table keyed by (a, "B c"); per_asset: a view over clicks.
struct Fixture {
  Database db{DatabaseOptions{}};
  Executor executor{db};
  SessionState session;

  Fixture() {
    run("CREATE STREAM clicks (asset TEXT, cost BIGINT, ts TIMESTAMP);"
        "CREATE TABLE prices (asset TEXT PRIMARY KEY, price DOUBLE PRECISION, label VARCHAR(10));"
        "CREATE TABLE pairs (a BIGINT, \"B c\" TEXT, PRIMARY KEY (a, \"B c\"));"
        "CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n FROM clicks GROUP BY asset");
  }
  void run(const std::string& sql) {
    NullWriter w;
    for (const auto& st : parse_sql(sql)) executor.execute(st, session, w);
  }
  uint32_t oid(const std::string& name) { return static_cast<uint32_t>(db.catalog().find(name)->id); }
  std::shared_ptr<const syscat::CatalogModel> model() {
    return std::make_shared<const syscat::CatalogModel>(
        std::make_shared<const syscat::CatalogSnapshot>(syscat::take_snapshot(db, session)));
  }
};

// Each row as its columns' text joined by '|' ("NULL" for NULL), reg* values as numbers.
inline std::vector<std::string> rows_of(const std::string& schema, const std::string& table,
                                        const syscat::CatalogModel& model) {
  const syscat::SystemTable* t = syscat::find_system_table(schema, table);
  REQUIRE(t != nullptr);
  Batch b = syscat::read_system_table(*t, model);
  std::vector<std::string> out;
  for (size_t r = 0; r < b.rows(); ++r) {
    std::string line;
    for (size_t c = 0; c < b.columns.size(); ++c) {
      if (c > 0) line += "|";
      line += b.columns[c].is_null(r) ? "NULL" : format_value(b.columns[c].get(r));
    }
    out.push_back(line);
  }
  return out;
}

// The rows whose column `column` (0-based) has text `value`, projected to `columns`.
inline std::vector<std::string> select(const std::vector<std::string>& rows, size_t column, const std::string& value,
                                       const std::vector<size_t>& columns) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
      size_t bar = row.find('|', start);
      fields.push_back(row.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    if (column >= fields.size() || fields[column] != value) continue;
    std::string line;
    for (size_t k = 0; k < columns.size(); ++k) line += (k ? "|" : "") + fields.at(columns[k]);
    out.push_back(line);
  }
  return out;
}

}  // namespace syscat_test
