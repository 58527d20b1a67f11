// Eddy's own system views in schema eddy_catalog: eddy_queries, the running continuous queries
// with their progress, late rows, watermark and state size (what SHOW QUERIES prints, as a
// relation a query can filter and join).
#include "server/system_catalog/column_types.h"
#include "server/system_catalog/system_table.h"

namespace eddy::syscat {
namespace {

using namespace col;

void fill_queries(const CatalogModel& model, TableWriter& out) {
  for (const QueryRow& q : model.snapshot().queries)
    out.add({v::i8(static_cast<int64_t>(q.id)), v::text(q.target), v::text(q.source), v::text(q.state),
             q.error.empty() ? v::null() : v::text(q.error), v::i8(static_cast<int64_t>(q.rows_consumed)),
             q.lag < 0 ? v::null() : v::i8(q.lag), v::i8(static_cast<int64_t>(q.epochs)),
             q.last_commit_micros ? v::timestamptz(q.last_commit_micros) : v::null(),
             v::i8(static_cast<int64_t>(q.late_rows)),
             q.watermark ? Value::timestamp(*q.watermark) : Value::null(Type::timestamp()),
             v::i8(static_cast<int64_t>(q.state_groups)), v::i8(static_cast<int64_t>(q.state_bytes))});
}

}  // namespace

void add_eddy_tables(std::vector<SystemTable>& out) {
  out.push_back({"eddy_catalog", "eddy_queries", 14001, 'v',
                 {{"query_id", kInt8}, {"target", kText}, {"source", kText}, {"state", kText}, {"error", kText},
                  {"rows_consumed", kInt8}, {"lag", kInt8}, {"epochs", kInt8}, {"last_commit", kTimestampTz},
                  {"late_rows", kInt8}, {"watermark", Type::timestamp()}, {"state_groups", kInt8},
                  {"state_bytes", kInt8}},
                 &fill_queries});
}

}  // namespace eddy::syscat
