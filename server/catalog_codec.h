#pragma once
// Catalog entries and query records as JSON, the form they take in the store's state
// ("catalog/<relation id>", "query/<query id>"). Versioned: {"v": 1, ...}.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/relation.h"

namespace eddy {

// What it takes to restart a continuous query after a restart: the statement that created it
// (re-planned, then checked against the stored plan fingerprint), what it writes and reads.
struct QueryRecord {
  uint64_t id = 0;
  uint64_t target = 0;               // relation id
  uint64_t source = 0;               // stream relation id
  std::string statement;             // CREATE MATERIALIZED VIEW / CREATE TABLE ... AS / INSERT ... SELECT
  std::vector<int> target_columns;   // the target's columns the SELECT fills, in order
};

std::string encode_relation(const catalog::Relation& relation);
// Returns nullopt when the bytes are not a relation of a known version.
std::optional<catalog::Relation> decode_relation(const std::string& json);
std::string encode_query(const QueryRecord& record);
std::optional<QueryRecord> decode_query(const std::string& json);

}  // namespace eddy
