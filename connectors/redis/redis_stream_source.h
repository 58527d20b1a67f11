#pragma once
// CREATE STREAM ... USING redis: reads Redis Streams through a consumer group.
//
// Reading. On (re)connecting, the source creates the group if it is missing (XGROUP CREATE
// key group <start> MKSTREAM; start is the last delivered ID when resuming, else stream.offsets:
// latest -> $, earliest -> 0, or the ID). It then drains this consumer's pending entries
// (XREADGROUP ... STREAMS k 0) and switches to new ones (XREADGROUP ... COUNT batch BLOCK b
// STREAMS k >). An entry at or below the highest ID already returned for its key is never
// returned again (a pending entry seen again after a reconnect, or everything up to the resume
// positions after a restart).
//
// Read-ahead. When a read filled a whole COUNT, the next XREADGROUP (without BLOCK) is sent
// before the batch is decoded, so Redis prepares it while the runner works; XPENDING therefore
// also counts up to one batch delivered to this consumer but not yet returned by poll().
//
// Acknowledging. Every entry poll() consumed (rows, dead letters, deleted entries) is XACKed by
// the first committed() after it, never earlier; a failed XACK is retried by later calls.
// Entries at or below the resume positions found pending at start are acknowledged too.
//
//   poll()      -> entries 1-0..3-0 returned, positions {k: 3-0}, XPENDING 3
//   committed() -> XACK k g 1-0 2-0 3-0, XPENDING 0
//
// Failures. Losing Redis (refused, reset, timeout, LOADING after a restart) never throws from
// poll(): it returns Idle, health() says "retrying: Redis at host:port unreachable (why), next
// attempt in N ms", and it reconnects with backoff (100 ms doubling to 5 s). A vanished group
// (Redis restarted without persistence) is recreated at the last delivered ID. Other error
// replies (WRONGTYPE: the key is not a stream) throw RedisError from poll().
//
// Entries lost while down. With each position the source stores, per key, the stream's read
// counter at the last consumed entry P: how many entries were ever added with an ID <= P. It is
// exact when the source catches up with a key (P = XINFO STREAM last-generated-id: the counter
// is entries-added), or when resuming finds the oldest entry F above P (entries-added - length,
// counting on from F), and it goes up by one per entry consumed after that. (Redis's own group
// entries-read is not used: Redis 7.0 does not correct it after XTRIM.) On the first connect
// after resuming, XINFO STREAM gives, per key,
//   lost = (entries-added - counter at P) - (entries present now with an ID above P)
// where the last term is `length` when the oldest entry is above P, and 0 is lost when an entry
// at or below P is still there and nothing above P was XDELed (else it is counted with XRANGE).
// lost > 0 is logged once as a warning and shown by notice():
//   "lost 3 entries of stream key clicks: trimmed past the committed position 5-0 while Eddy was down"
// and reading continues with the oldest remaining entry. Without a stored counter (a position
// from before) only a certain loss is reported, as "an unknown number of entries": the oldest
// entry is above the one after P and an entry above P was XDELed, or the stream is empty and its
// last-generated-id is above P.
//
// Threads: poll(), committed(), positions(), position() and describe() on the runner thread
// only; interrupt(), health(), notice(), lag() and offset() from any thread.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/relation.h"
#include "connectors/redis/dead_letter.h"
#include "connectors/redis/redis_connection.h"
#include "connectors/redis/redis_options.h"
#include "connectors/redis/stream_entry_decoder.h"
#include "connectors/redis/stream_id.h"
#include "engine/source.h"

namespace eddy::connectors {

class RedisStreamSource final : public engine::Source {
 public:
  // `resume_from`: key -> last processed entry ID, as positions() returned it when the epoch
  // committed (empty for a new stream). `consumed`: offset() to continue counting from.
  // `resume_counters`: key -> read counter at that ID, as parse_position() read it (keys
  // without one: unknown). No I/O here: the first poll() connects.
  RedisStreamSource(const catalog::Relation& stream, RedisEndpoint endpoint, RedisStreamOptions options,
                    DeadLetterFn dead_letters, std::map<std::string, std::string> resume_from = {},
                    uint64_t consumed = 0, std::map<std::string, uint64_t> resume_counters = {});
  ~RedisStreamSource() override;

  engine::PollResult poll(Batch& out, std::chrono::milliseconds wait) override;
  // Entries consumed so far (rows + dead letters), counting on from the constructor's `consumed`.
  uint64_t offset() const override { return consumed_.load(std::memory_order_relaxed); }
  void interrupt() override { interrupted_.store(true); }
  std::string describe() const override;
  void committed() override;
  // A read that came back short of COUNT took all Redis had; a full one has the next read in
  // flight (read-ahead), so more is waiting.
  bool caught_up() const override { return !prefetch_inflight_ && !prefetched_; }
  std::string health() const override;
  int64_t lag() const override { return lag_.load(std::memory_order_relaxed); }
  // Entries found lost at resume (see above), one sentence per key joined by "; "; empty when none.
  std::string notice() const override;
  // Entries found lost at resume, summed over keys; -1 when some loss has an unknown count.
  int64_t lost_entries() const;

  // Key -> ID of the last entry consumed (returned by poll) from it; keys with none are absent.
  // What to persist with an epoch and pass back as `resume_from`.
  std::map<std::string, std::string> positions() const;
  // The resume point stored with each epoch: {"consumed": offset(), "positions": positions(),
  // "counters": {key: read counter at its position}} as JSON ("counters" only has the keys whose
  // counter is known; positions stored without it are still read). parse_position() reads it
  // back for the constructor; false when unreadable.
  std::string position() const override;
  static bool parse_position(const std::string& text, std::map<std::string, std::string>& positions,
                             uint64_t& consumed);
  static bool parse_position(const std::string& text, std::map<std::string, std::string>& positions,
                             uint64_t& consumed, std::map<std::string, uint64_t>& counters);
  uint64_t dead_lettered() const { return dead_lettered_.load(std::memory_order_relaxed); }  // any thread
  // Entries consumed whose XACK has not been confirmed yet. Runner thread.
  size_t unacknowledged() const;

 private:
  struct KeyState {
    std::string name;
    bool has_position = false;
    StreamId delivered;  // highest ID consumed (or the resume position)
    StreamId committed;  // highest ID covered by committed() (or the resume position)
    std::vector<StreamId> returned;  // consumed since the last committed()
    std::vector<StreamId> to_ack;    // covered by a commit, XACK not yet confirmed
    bool pending_done = false;       // this consumer's pending entries read since connecting
    StreamId pending_cursor;         // where the next pending read starts
    uint64_t consumed = 0;           // for the lag estimate before Redis 7
    // Read counter: entries ever added with an ID <= delivered, when known. Entries consumed
    // with an ID >= count_from add one each (below it they are already counted).
    bool counter_known = false;
    uint64_t counter = 0;
    StreamId count_from;
    bool resumed = false;            // has_position came from resume_from: check for losses
  };
  using Clock = std::chrono::steady_clock;

  bool connect();  // false after a failure (noted)
  void setup_groups();
  void note_failure(const RedisError& e);
  bool wait_until(Clock::time_point t);  // false when interrupted
  std::vector<KeyState*> build_read(bool pending, std::chrono::milliseconds block);
  size_t read_once(Batch& out, std::chrono::milliseconds block);
  void settle_prefetch();
  void consume_entries(KeyState& ks, const redisReply* entries, Batch& out, bool pending);
  void flush_acks();
  void refresh_lag();
  void check_resume();  // the loss check at the first connect after resuming
  void anchor_counters();
  KeyState* key_state(std::string_view name);

  std::string name_;
  RedisEndpoint endpoint_;
  RedisStreamOptions options_;
  DeadLetterFn dead_letters_;
  StreamEntryDecoder decoder_;
  std::vector<KeyState> keys_;
  std::unique_ptr<RedisConnection> conn_;

  std::chrono::milliseconds backoff_{100};
  Clock::time_point next_attempt_{};
  Clock::time_point next_lag_refresh_{};
  bool regroup_ = false;  // the group vanished: recreate it before reading again

  std::atomic<uint64_t> consumed_;
  std::atomic<int64_t> lag_{-1};
  std::atomic<bool> interrupted_{false};
  std::atomic<uint64_t> dead_lettered_{0};
  mutable std::mutex health_mu_;
  std::string health_;  // guarded by health_mu_
  bool resume_checked_ = false;
  std::string notice_;   // guarded by health_mu_
  int64_t lost_ = 0;     // guarded by health_mu_; -1: some count unknown

  // Read-ahead: after a full batch of new entries, the next XREADGROUP (without BLOCK) goes out
  // before poll() returns, so Redis prepares it while the runner works on this batch. Its reply
  // is read before any other command (settle_prefetch) and consumed by the next read.
  bool prefetch_inflight_ = false;
  RedisReply prefetched_;

  // XREADGROUP argv, reused across calls
  std::vector<std::string> args_;
  std::vector<std::string_view> argv_;
  std::string error_;
};

}  // namespace eddy::connectors
