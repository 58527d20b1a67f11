#include "connectors/redis/redis_stream_source.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <thread>

#include "common/log.h"
#include "common/value_text.h"
#include "connectors/redis/redis_stream_commands.h"

namespace eddy::connectors {

namespace {

constexpr std::chrono::milliseconds kFirstBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{5000};
constexpr std::chrono::milliseconds kMaxBlock{100};  // keeps interrupt() prompt
constexpr std::chrono::seconds kLagRefresh{1};

bool is_nogroup(const RedisError& e) { return e.redis_text().rfind("NOGROUP", 0) == 0; }

std::string_view view(const redisReply* r) {
  return r && r->str ? std::string_view(r->str, r->len) : std::string_view();
}

StreamId next_id(StreamId id) {
  return id.seq == UINT64_MAX ? StreamId{id.ms + 1, 0} : StreamId{id.ms, id.seq + 1};
}

}  // namespace

RedisStreamSource::RedisStreamSource(const catalog::Relation& stream, RedisEndpoint endpoint,
                                     RedisStreamOptions options, DeadLetterFn dead_letters,
                                     std::map<std::string, std::string> resume_from, uint64_t consumed,
                                     std::map<std::string, uint64_t> resume_counters)
    : name_(stream.name), endpoint_(std::move(endpoint)), options_(std::move(options)),
      dead_letters_(std::move(dead_letters)), decoder_(stream), consumed_(consumed) {
  for (const auto& k : options_.keys) {
    KeyState ks;
    ks.name = k;
    if (auto it = resume_from.find(k); it != resume_from.end()) {
      if (auto id = StreamId::parse(it->second)) {
        ks.has_position = true;
        ks.resumed = true;
        ks.delivered = ks.committed = *id;
        if (auto c = resume_counters.find(k); c != resume_counters.end()) {
          ks.counter_known = true;
          ks.counter = c->second;
        }
      }
    }
    keys_.push_back(std::move(ks));
  }
}

RedisStreamSource::~RedisStreamSource() = default;

std::string RedisStreamSource::describe() const {
  std::string keys;
  for (const auto& k : options_.keys) keys += (keys.empty() ? "" : ",") + k;
  return "redis " + keys + " at " + endpoint_.describe() + " (group " + options_.group + ", consumer " +
         options_.consumer + ")";
}

std::string RedisStreamSource::health() const {
  std::lock_guard lock(health_mu_);
  return health_;
}

std::string RedisStreamSource::notice() const {
  std::lock_guard lock(health_mu_);
  return notice_;
}

int64_t RedisStreamSource::lost_entries() const {
  std::lock_guard lock(health_mu_);
  return lost_;
}

std::map<std::string, std::string> RedisStreamSource::positions() const {
  std::map<std::string, std::string> out;
  for (const auto& ks : keys_)
    if (ks.has_position) out[ks.name] = ks.delivered.to_string();
  return out;
}

size_t RedisStreamSource::unacknowledged() const {
  size_t n = 0;
  for (const auto& ks : keys_) n += ks.returned.size() + ks.to_ack.size();
  return n;
}

RedisStreamSource::KeyState* RedisStreamSource::key_state(std::string_view name) {
  for (auto& ks : keys_)
    if (ks.name == name) return &ks;
  return nullptr;
}

void RedisStreamSource::note_failure(const RedisError& e) {
  conn_.reset();
  prefetch_inflight_ = false;  // what it delivered is pending in Redis: re-read after reconnecting
  prefetched_ = RedisReply();
  lag_.store(-1, std::memory_order_relaxed);
  next_attempt_ = Clock::now() + backoff_;
  std::string why = e.connection_lost() ? " unreachable (" : " not ready (";
  std::string text = "retrying: Redis at " + endpoint_.describe() + why + e.redis_text() + "), next attempt in " +
                     std::to_string(backoff_.count()) + " ms";
  {
    std::lock_guard lock(health_mu_);
    if (health_.empty()) log::warning("stream " + name_ + ": " + text);
    health_ = std::move(text);
  }
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
}

void RedisStreamSource::setup_groups() {
  for (const auto& ks : keys_) {
    const std::string start = ks.has_position ? ks.delivered.to_string() : options_.group_start_id(ks.name);
    create_group(*conn_, ks.name, options_.group, start);
  }
}

bool RedisStreamSource::connect() {
  try {
    conn_ = std::make_unique<RedisConnection>(endpoint_);
    if (!resume_checked_) check_resume();  // before XGROUP CREATE ... MKSTREAM touches the keys
    setup_groups();
  } catch (const RedisError& e) {
    if (!e.transient()) {
      conn_.reset();
      throw;
    }
    note_failure(e);
    return false;
  }
  for (auto& ks : keys_) {
    ks.pending_done = false;
    ks.pending_cursor = StreamId{};
  }
  backoff_ = kFirstBackoff;
  next_lag_refresh_ = Clock::time_point{};
  std::lock_guard lock(health_mu_);
  if (!health_.empty()) log::info("stream " + name_ + ": Redis at " + endpoint_.describe() + " is back");
  health_.clear();
  return true;
}

bool RedisStreamSource::wait_until(Clock::time_point t) {
  for (auto now = Clock::now(); now < t; now = Clock::now()) {
    if (interrupted_.exchange(false)) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(t - now, std::chrono::milliseconds(20)));
  }
  return true;
}

engine::PollResult RedisStreamSource::poll(Batch& out, std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  Batch batch = decoder_.empty_batch(0);  // read_once reserves once it knows how many entries came
  while (true) {
    if (interrupted_.exchange(false)) return engine::PollResult::Idle;
    if (!conn_) {
      if (Clock::now() < next_attempt_) {
        if (!wait_until(std::min(next_attempt_, deadline)) || Clock::now() < next_attempt_)
          return engine::PollResult::Idle;
      }
      if (!connect()) {
        if (Clock::now() >= deadline) return engine::PollResult::Idle;
        continue;
      }
    }
    try {
      if (regroup_) {  // the group vanished (Redis restarted empty): recreate at our positions
        settle_prefetch();
        prefetched_ = RedisReply();
        log::warning("stream " + name_ + ": consumer group " + options_.group + " is gone; recreating it");
        setup_groups();
        regroup_ = false;
      }
      if (std::any_of(keys_.begin(), keys_.end(), [](const KeyState& k) { return !k.to_ack.empty(); })) flush_acks();
      if (Clock::now() >= next_lag_refresh_) refresh_lag();
      auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      auto block = std::clamp(remaining, std::chrono::milliseconds(0), kMaxBlock);
      if (options_.block_ms > 0) block = std::min(block, std::chrono::milliseconds(options_.block_ms));
      read_once(batch, block);
      if (batch.rows() > 0) {
        out = std::move(batch);
        return engine::PollResult::Data;
      }
    } catch (const RedisError& e) {
      if (is_nogroup(e)) regroup_ = true;
      else if (e.transient()) note_failure(e);
      else throw;
    }
    if (Clock::now() >= deadline) return engine::PollResult::Idle;
  }
}

std::vector<RedisStreamSource::KeyState*> RedisStreamSource::build_read(bool pending, std::chrono::milliseconds block) {
  args_.clear();
  args_.insert(args_.end(), {"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT",
                             std::to_string(options_.batch_size)});
  if (!pending && block.count() > 0) args_.insert(args_.end(), {"BLOCK", std::to_string(block.count())});
  args_.push_back("STREAMS");
  std::vector<KeyState*> requested;
  for (auto& ks : keys_)
    if (!pending || !ks.pending_done) requested.push_back(&ks);
  for (auto* ks : requested) args_.push_back(ks->name);
  for (auto* ks : requested) args_.push_back(pending ? ks->pending_cursor.to_string() : std::string(">"));
  argv_.assign(args_.begin(), args_.end());
  return requested;
}

void RedisStreamSource::settle_prefetch() {
  if (!prefetch_inflight_) return;
  prefetch_inflight_ = false;
  prefetched_ = conn_->read_reply();
}

size_t RedisStreamSource::read_once(Batch& out, std::chrono::milliseconds block) {
  RedisReply reply;
  bool pending = false;
  std::vector<KeyState*> requested;
  if (prefetch_inflight_ || prefetched_) {  // asked for after the last batch: new entries only
    settle_prefetch();
    reply = std::move(prefetched_);
    prefetched_ = RedisReply();
  } else {
    pending = std::any_of(keys_.begin(), keys_.end(), [](const KeyState& k) { return !k.pending_done; });
    requested = build_read(pending, block);
    reply = conn_->try_command(argv_);
  }
  if (reply.is_error()) conn_->throw_reply_error("XREADGROUP", reply);
  const bool has_streams = !reply.is_nil() && reply->type == REDIS_REPLY_ARRAY;
  if (!pending && has_streams) {
    bool full = false;  // a key gave a whole COUNT: more is likely waiting
    for (size_t s = 0; s < reply->elements; ++s) {
      const redisReply* stream = reply->element[s];
      if (stream->type == REDIS_REPLY_ARRAY && stream->elements == 2 && stream->element[1]->type == REDIS_REPLY_ARRAY &&
          stream->element[1]->elements >= static_cast<size_t>(options_.batch_size))
        full = true;
    }
    if (full) {  // have Redis prepare the next batch while this one is decoded and processed
      build_read(false, std::chrono::milliseconds(0));
      conn_->append(argv_);
      conn_->send();
      prefetch_inflight_ = true;
    }
  }
  const uint64_t before = consumed_.load(std::memory_order_relaxed);
  std::vector<KeyState*> progressed;
  if (has_streams) {
    size_t total = 0;
    for (size_t s = 0; s < reply->elements; ++s) {
      const redisReply* stream = reply->element[s];
      if (stream->type == REDIS_REPLY_ARRAY && stream->elements == 2) total += stream->element[1]->elements;
    }
    decoder_.reserve(out, out.rows() + total);
    for (size_t s = 0; s < reply->elements; ++s) {
      const redisReply* stream = reply->element[s];
      if (stream->type != REDIS_REPLY_ARRAY || stream->elements != 2) continue;
      KeyState* ks = key_state(view(stream->element[0]));
      const redisReply* entries = stream->element[1];
      if (!ks || entries->type != REDIS_REPLY_ARRAY || entries->elements == 0) continue;
      if (pending) progressed.push_back(ks);
      consume_entries(*ks, entries, out, pending);
    }
  }
  if (pending)
    for (auto* ks : requested)
      if (std::find(progressed.begin(), progressed.end(), ks) == progressed.end()) ks->pending_done = true;
  return consumed_.load(std::memory_order_relaxed) - before;
}

void RedisStreamSource::consume_entries(KeyState& ks, const redisReply* entries, Batch& out, bool pending) {
  uint64_t count = 0;
  for (size_t e = 0; e < entries->elements; ++e) {
    const redisReply* entry = entries->element[e];
    if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 2) continue;
    const std::string_view id_text = view(entry->element[0]);
    const auto id = StreamId::parse(id_text);
    if (!id) continue;
    if (pending) ks.pending_cursor = *id;
    if (ks.has_position && *id <= ks.delivered) {  // returned before: never twice
      if (*id <= ks.committed) ks.to_ack.push_back(*id);
      continue;
    }
    ks.has_position = true;
    ks.delivered = *id;
    ks.returned.push_back(*id);
    ++ks.consumed;
    if (ks.counter_known && *id >= ks.count_from) ++ks.counter;
    ++count;
    const redisReply* fields = entry->element[1];
    if (fields->type != REDIS_REPLY_ARRAY) continue;  // deleted (XDEL) while pending: nothing to read
    if (!decoder_.decode(out, ks.name, id_text, *id, fields, error_)) {
      dead_lettered_.fetch_add(1, std::memory_order_relaxed);
      if (dead_letters_)
        dead_letters_(DeadLetter{ks.name, std::string(id_text), StreamEntryDecoder::raw_json(fields), error_,
                                 now_micros()});
    }
  }
  consumed_.fetch_add(count, std::memory_order_relaxed);
}

void RedisStreamSource::committed() {
  for (auto& ks : keys_) {
    if (ks.to_ack.empty()) ks.to_ack.swap(ks.returned);
    else ks.to_ack.insert(ks.to_ack.end(), ks.returned.begin(), ks.returned.end());
    ks.returned.clear();
    ks.committed = ks.delivered;
  }
  if (!conn_) return;  // poll() acknowledges once it has reconnected
  try {
    flush_acks();
  } catch (const RedisError& e) {
    if (e.transient()) note_failure(e);
    else log::warning("stream " + name_ + ": XACK failed, will retry: " + std::string(e.what()));
  } catch (const std::exception& e) {
    log::warning("stream " + name_ + ": XACK failed, will retry: " + std::string(e.what()));
  }
}

void RedisStreamSource::flush_acks() {
  settle_prefetch();
  std::vector<std::pair<KeyState*, size_t>> sent;
  for (auto& ks : keys_)
    if (!ks.to_ack.empty()) sent.emplace_back(&ks, append_xacks(*conn_, ks.name, options_.group, ks.to_ack));
  std::string error;
  for (auto& [ks, commands] : sent) {
    bool ok = true;
    for (size_t i = 0; i < commands; ++i) {
      RedisReply r = conn_->read_reply();
      if (r.is_error() && r.text().rfind("NOGROUP", 0) != 0) {  // no group: nothing left to acknowledge
        ok = false;
        error = std::string(r.text());
      }
    }
    if (ok) ks->to_ack.clear();
  }
  if (!error.empty()) log::warning("stream " + name_ + ": XACK refused, will retry: " + error);
}

void RedisStreamSource::refresh_lag() {
  settle_prefetch();
  next_lag_refresh_ = Clock::now() + kLagRefresh;
  std::vector<uint64_t> consumed;
  for (const auto& ks : keys_) consumed.push_back(ks.consumed);
  int64_t lag = group_lag(*conn_, options_.keys, options_.group, consumed);
  if (lag >= 0 && prefetched_ && prefetched_->type == REDIS_REPLY_ARRAY)  // delivered to us, not yet consumed
    for (size_t s = 0; s < prefetched_->elements; ++s) {
      const redisReply* stream = prefetched_->element[s];
      if (stream->type == REDIS_REPLY_ARRAY && stream->elements == 2)
        lag += static_cast<int64_t>(stream->element[1]->elements);
    }
  lag_.store(lag, std::memory_order_relaxed);
  anchor_counters();
}

// A key whose last consumed entry is the stream's last-generated-id has read everything ever
// added to it: its counter is entries-added, exactly.
void RedisStreamSource::anchor_counters() {
  std::vector<KeyState*> anchored;
  std::vector<std::string> names;
  for (auto& ks : keys_)
    if (ks.has_position) {
      anchored.push_back(&ks);
      names.push_back(ks.name);
    }
  if (anchored.empty()) return;
  const auto infos = stream_info(*conn_, names);
  for (size_t i = 0; i < anchored.size(); ++i) {
    KeyState& ks = *anchored[i];
    const StreamInfo& info = infos[i];
    if (!info.exists || !info.entries_added || !info.last_generated || *info.last_generated != ks.delivered) continue;
    ks.counter_known = true;
    ks.counter = *info.entries_added;
    ks.count_from = StreamId{};
  }
}

void RedisStreamSource::check_resume() {
  std::vector<KeyState*> resumed;
  std::vector<std::string> names;
  for (auto& ks : keys_)
    if (ks.resumed) {
      resumed.push_back(&ks);
      names.push_back(ks.name);
    }
  struct Outcome {
    bool report = false;
    std::optional<uint64_t> lost;  // nullopt: an unknown number
    bool trimmed = false;          // nothing at or below P is left (else entries above P were XDELed)
    int counter = 0;               // 0 keep, 1 set to (value, from), -1 unknown from now on
    uint64_t value = 0;
    StreamId from;
  };
  std::vector<Outcome> outcomes(resumed.size());
  if (!resumed.empty()) {
    // Everything is read before anything changes, so a connection lost here repeats it all.
    const auto infos = stream_info(*conn_, names);
    for (size_t i = 0; i < resumed.size(); ++i) {
      const KeyState& ks = *resumed[i];
      const StreamInfo& info = infos[i];
      Outcome& o = outcomes[i];
      if (!info.exists || !info.entries_added) continue;  // gone (recreated empty later), or before Redis 7
      const StreamId p = ks.delivered;
      const uint64_t added = *info.entries_added;
      const bool deleted_after_p = info.max_deleted && *info.max_deleted > p;
      o.trimmed = !info.first_entry || *info.first_entry > p;
      if (ks.counter_known) {
        if (added < ks.counter) {  // fewer entries ever added than we had read: the key was recreated
          o.counter = -1;
          continue;
        }
        const uint64_t after = added - ks.counter;  // added with an ID above P
        uint64_t present = after;                   // of those, still there
        if (o.trimmed) present = info.length;
        else if (deleted_after_p) present = count_entries_after(*conn_, ks.name, p);
        if (present > after) {  // cannot be, unless the key was recreated: no claim
          o.counter = -1;
          continue;
        }
        o.lost = after - present;
        o.report = *o.lost > 0;
      } else {
        o.report = (info.first_entry && *info.first_entry > next_id(p) && deleted_after_p) ||
                   (!info.first_entry && info.last_generated && *info.last_generated > p);
      }
      if (o.trimmed && (info.first_entry || info.last_generated) &&
          !(info.first_entry && info.max_deleted && *info.max_deleted >= *info.first_entry)) {
        // Every entry present is above P and none is missing among them: the counter just before
        // the oldest one is entries-added - length.
        o.counter = 1;
        o.value = added - info.length;
        o.from = info.first_entry ? *info.first_entry : next_id(*info.last_generated);
      } else if (deleted_after_p) {
        o.counter = -1;  // reading skips what was XDELed: counting on would undercount
      }
    }
  }
  resume_checked_ = true;
  std::string notices;
  int64_t lost_total = 0;
  for (size_t i = 0; i < resumed.size(); ++i) {
    KeyState& ks = *resumed[i];
    const Outcome& o = outcomes[i];
    if (o.counter == 1) {
      ks.counter_known = true;
      ks.counter = o.value;
      ks.count_from = o.from;
    } else if (o.counter == -1) {
      ks.counter_known = false;
    }
    if (!o.report) continue;
    std::string text = "lost ";
    text += o.lost ? std::to_string(*o.lost) + (*o.lost == 1 ? " entry" : " entries") : "an unknown number of entries";
    text += " of stream key " + ks.name + (o.trimmed ? ": trimmed past" : ": deleted after") +
            " the committed position " + ks.delivered.to_string() + " while Eddy was down";
    log::warning("stream " + name_ + ": " + text);
    notices += (notices.empty() ? "" : "; ") + text;
    if (lost_total >= 0) lost_total = o.lost ? lost_total + static_cast<int64_t>(*o.lost) : -1;
  }
  std::lock_guard lock(health_mu_);
  notice_ = std::move(notices);
  lost_ = lost_total;
}

std::string RedisStreamSource::position() const {
  nlohmann::json j;
  j["consumed"] = offset();
  j["positions"] = positions();
  nlohmann::json counters = nlohmann::json::object();
  for (const auto& ks : keys_)
    if (ks.has_position && ks.counter_known) counters[ks.name] = ks.counter;
  if (!counters.empty()) j["counters"] = std::move(counters);
  return j.dump();
}

bool RedisStreamSource::parse_position(const std::string& text, std::map<std::string, std::string>& positions,
                                       uint64_t& consumed) {
  std::map<std::string, uint64_t> counters;
  return parse_position(text, positions, consumed, counters);
}

bool RedisStreamSource::parse_position(const std::string& text, std::map<std::string, std::string>& positions,
                                       uint64_t& consumed, std::map<std::string, uint64_t>& counters) {
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    consumed = j.at("consumed").get<uint64_t>();
    positions = j.at("positions").get<std::map<std::string, std::string>>();
    counters.clear();
    if (auto it = j.find("counters"); it != j.end()) counters = it->get<std::map<std::string, uint64_t>>();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace eddy::connectors
