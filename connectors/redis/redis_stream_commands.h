#pragma once
// The consumer-group commands the stream source sends besides XREADGROUP: creating a group,
// acknowledging entries in bulk, and reading how far behind a group is.
// Each throws RedisError (redis_connection.h) like the connection does.

#include <cstdint>
#include <string>
#include <vector>

#include "connectors/redis/redis_connection.h"
#include "connectors/redis/stream_id.h"

namespace eddy::connectors {

// XGROUP CREATE key group start MKSTREAM. True when created, false when it existed already
// (BUSYGROUP).
bool create_group(RedisConnection& conn, const std::string& key, const std::string& group, const std::string& start);

// Queues XACK key group id... for `ids`, at most `chunk` IDs per command; returns the number of
// commands queued (each has one reply to read: the number acknowledged).
size_t append_xacks(RedisConnection& conn, const std::string& key, const std::string& group,
                    const std::vector<StreamId>& ids, size_t chunk = 10000);

// Entries of `keys` not yet delivered to `group`: the sum of XINFO GROUPS' `lag` (Redis 7+);
// where Redis does not know it, XLEN minus `consumed[i]` (what this reader consumed from key i),
// at least 0. -1 when a key or the group does not exist.
int64_t group_lag(RedisConnection& conn, const std::vector<std::string>& keys, const std::string& group,
                  const std::vector<uint64_t>& consumed);

}  // namespace eddy::connectors
