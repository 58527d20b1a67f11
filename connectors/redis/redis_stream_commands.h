#pragma once
// The consumer-group commands the stream source sends besides XREADGROUP: creating a group,
// acknowledging entries in bulk, and reading how far behind a group is.
// Each throws RedisError (redis_connection.h) like the connection does.

#include <cstdint>
#include <optional>
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

// What XINFO STREAM key says about a stream (Redis 7+ fields; absent ones stay unset).
struct StreamInfo {
  bool exists = false;                    // false: no such key (or not a stream)
  uint64_t length = 0;                    // entries present now
  std::optional<uint64_t> entries_added;  // entries ever added (Redis 7+)
  std::optional<StreamId> first_entry;    // the oldest entry present (none when empty)
  std::optional<StreamId> last_generated; // the highest ID ever added
  std::optional<StreamId> max_deleted;    // the highest ID removed by XDEL (0-0: none; XTRIM does not set it)
};

// XINFO STREAM for each of `keys`, pipelined (one round trip). A key that does not exist or is
// not a stream gives exists = false; a lost connection throws.
std::vector<StreamInfo> stream_info(RedisConnection& conn, const std::vector<std::string>& keys);

// Entries of `key` present now with an ID above `after` (XRANGE key (after + in pages).
// O(those entries): for the one-off check at resume only.
uint64_t count_entries_after(RedisConnection& conn, const std::string& key, StreamId after);

}  // namespace eddy::connectors
