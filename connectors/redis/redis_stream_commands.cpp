#include "connectors/redis/redis_stream_commands.h"

#include <algorithm>

namespace eddy::connectors {

bool create_group(RedisConnection& conn, const std::string& key, const std::string& group, const std::string& start) {
  RedisReply r = conn.try_command({"XGROUP", "CREATE", key, group, start, "MKSTREAM"});
  if (!r.is_error()) return true;
  if (r.text().substr(0, 9) == "BUSYGROUP") return false;
  conn.throw_reply_error("XGROUP CREATE " + key, r);
}

size_t append_xacks(RedisConnection& conn, const std::string& key, const std::string& group,
                    const std::vector<StreamId>& ids, size_t chunk) {
  size_t commands = 0;
  std::string text;
  std::vector<size_t> ends;
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (size_t start = 0; start < ids.size(); start += chunk) {
    const size_t n = std::min(chunk, ids.size() - start);
    text.clear();
    ends.clear();
    for (size_t i = 0; i < n; ++i) {
      ids[start + i].append_to(text);
      ends.push_back(text.size());
    }
    argv.assign({"XACK", key.data(), group.data()});
    lens.assign({4, key.size(), group.size()});
    size_t begin = 0;
    for (size_t e : ends) {  // pointers are taken only now: `text` no longer grows
      argv.push_back(text.data() + begin);
      lens.push_back(e - begin);
      begin = e;
    }
    conn.append_argv(static_cast<int>(argv.size()), argv.data(), lens.data());  // copies the arguments
    ++commands;
  }
  return commands;
}

int64_t group_lag(RedisConnection& conn, const std::vector<std::string>& keys, const std::string& group,
                  const std::vector<uint64_t>& consumed) {
  for (const auto& k : keys) {
    conn.append({"XINFO", "GROUPS", k});
    conn.append({"XLEN", k});
  }
  std::vector<RedisReply> replies;
  for (size_t i = 0; i < 2 * keys.size(); ++i) replies.push_back(conn.read_reply());
  int64_t total = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    const RedisReply& info = replies[2 * k];
    const RedisReply& len = replies[2 * k + 1];
    if (info.is_error() || info->type != REDIS_REPLY_ARRAY || len.is_error()) return -1;
    bool found = false;
    int64_t lag = -1;
    for (size_t g = 0; g < info->elements && !found; ++g) {
      const redisReply* fields = info->element[g];
      if (fields->type != REDIS_REPLY_ARRAY) continue;
      bool ours = false;
      const redisReply* lag_value = nullptr;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        std::string_view name = reply_text(fields->element[f]);
        if (name == "name") ours = reply_text(fields->element[f + 1]) == group;
        else if (name == "lag") lag_value = fields->element[f + 1];
      }
      if (!ours) continue;
      found = true;
      if (lag_value && lag_value->type == REDIS_REPLY_INTEGER) lag = lag_value->integer;
    }
    if (!found) return -1;
    if (lag < 0) {  // Redis before 7, or a lag Redis cannot tell (after XDEL): approximate
      const int64_t n = len->type == REDIS_REPLY_INTEGER ? len->integer : 0;
      lag = std::max<int64_t>(0, n - static_cast<int64_t>(k < consumed.size() ? consumed[k] : 0));
    }
    total += lag;
  }
  return total;
}

std::vector<StreamInfo> stream_info(RedisConnection& conn, const std::vector<std::string>& keys) {
  for (const auto& k : keys) conn.append({"XINFO", "STREAM", k});
  std::vector<StreamInfo> out(keys.size());
  for (auto& info : out) {
    RedisReply r = conn.read_reply();
    if (r.is_error() || r.is_nil() || r->type != REDIS_REPLY_ARRAY) continue;
    info.exists = true;
    for (size_t f = 0; f + 1 < r->elements; f += 2) {
      const std::string_view name = reply_text(r->element[f]);
      const redisReply* v = r->element[f + 1];
      if (name == "length" && v->type == REDIS_REPLY_INTEGER) {
        info.length = static_cast<uint64_t>(std::max<long long>(0, v->integer));
      } else if (name == "entries-added" && v->type == REDIS_REPLY_INTEGER) {
        info.entries_added = static_cast<uint64_t>(std::max<long long>(0, v->integer));
      } else if (name == "last-generated-id") {
        info.last_generated = StreamId::parse(reply_text(v));
      } else if (name == "max-deleted-entry-id") {
        info.max_deleted = StreamId::parse(reply_text(v));
      } else if (name == "first-entry" && v->type == REDIS_REPLY_ARRAY && v->elements >= 1) {
        info.first_entry = StreamId::parse(reply_text(v->element[0]));
      }
    }
    if (info.length == 0) info.first_entry.reset();
  }
  return out;
}

uint64_t count_entries_after(RedisConnection& conn, const std::string& key, StreamId after) {
  constexpr size_t kPage = 10000;
  uint64_t n = 0;
  while (true) {
    RedisReply r = conn.command({"XRANGE", key, "(" + after.to_string(), "+", "COUNT", std::to_string(kPage)});
    if (r->type != REDIS_REPLY_ARRAY || r->elements == 0) return n;
    n += r->elements;
    const redisReply* last = r->element[r->elements - 1];
    if (last->type != REDIS_REPLY_ARRAY || last->elements < 1) return n;
    auto id = StreamId::parse(reply_text(last->element[0]));
    if (!id || r->elements < kPage) return n;
    after = *id;
  }
}

}  // namespace eddy::connectors
