// engine/subscription.h (the bounded change buffer of a SUBSCRIBE) and the change consumers of
// engine/continuous_query.h (attach / detach, snapshots, old row versions).

#include "tests/unit/engine/per_key_plan.h"
#include <catch.hpp>

#include <atomic>
#include <map>
#include <thread>

#include "common/value_text.h"
#include "engine/continuous_query.h"
#include "engine/stream_buffer.h"
#include "engine/subscription.h"
#include "storage/snapshot.h"

using namespace eddy;
using namespace eddy::engine;

namespace {

Batch changes_of(std::initializer_list<std::pair<int64_t, int64_t>> value_weight) {
  Batch b = Batch::with_types({Type::int64()});
  for (auto [v, w] : value_weight) b.append_row({Value::int64(v)}, w);
  return b;
}

Batch out_layout() { return Batch::with_types({Type::int64(), Type::int64(), Type::int64()}); }

// (epoch, diff, value) of every row of a taken batch.
std::vector<std::tuple<int64_t, int64_t, int64_t>> triples(const Batch& b) {
  std::vector<std::tuple<int64_t, int64_t, int64_t>> out;
  for (size_t r = 0; r < b.rows(); ++r) {
    CHECK(b.weights[r] == 1);
    out.emplace_back(b.columns[0].ints()[r], b.columns[1].ints()[r], b.columns[2].ints()[r]);
  }
  return out;
}

using T3 = std::tuple<int64_t, int64_t, int64_t>;

}  // namespace

TEST_CASE("a subscription shows an epoch's changes only once it is committed, in order") {
  Subscription s(100);
  std::atomic<int> wakeups{0};
  s.set_listener([&] { ++wakeups; });
  storage::EpochWrite w;
  s.on_changes(1, changes_of({{10, 1}, {11, 1}}), w);
  CHECK(s.ready() == 0);
  Batch out = out_layout();
  CHECK(s.take(10, out) == 0);
  CHECK(wakeups == 0);  // nothing to read yet
  s.on_committed(1);
  CHECK(wakeups == 1);
  CHECK(s.ready() == 2);
  s.on_changes(2, changes_of({{10, -1}, {12, 1}}), w);
  s.on_changes(2, changes_of({{13, 1}}), w);  // an epoch may come in several batches
  s.on_committed(2);
  CHECK(wakeups == 2);
  CHECK(s.ready() == 5);
  CHECK(w.empty());  // a subscription adds nothing to the epoch's write

  CHECK(s.take(3, out) == 3);  // a take may end inside an epoch
  CHECK(triples(out) == std::vector<T3>{{1, 1, 10}, {1, 1, 11}, {2, -1, 10}});
  out = out_layout();
  CHECK(s.take(100, out) == 2);
  CHECK(triples(out) == std::vector<T3>{{2, 1, 12}, {2, 1, 13}});
  CHECK(s.ready() == 0);
  CHECK(s.state() == Subscription::State::Open);
}

TEST_CASE("empty epochs neither wake the reader nor take room") {
  Subscription s(2);
  int wakeups = 0;
  s.set_listener([&] { ++wakeups; });
  storage::EpochWrite w;
  for (uint64_t e = 1; e <= 100; ++e) {
    s.on_changes(e, Batch::with_types({Type::int64()}), w);
    s.on_committed(e);
  }
  CHECK(wakeups == 0);
  CHECK(s.state() == Subscription::State::Open);
}

TEST_CASE("a subscription past its bound drops its buffer and stays overflowed") {
  Subscription s(4);
  int wakeups = 0;
  s.set_listener([&] { ++wakeups; });
  storage::EpochWrite w;
  s.on_changes(1, changes_of({{1, 1}, {2, 1}, {3, 1}}), w);
  s.on_committed(1);
  Batch out = out_layout();
  CHECK(s.take(1, out) == 1);  // taking makes room: 2 held
  s.on_changes(2, changes_of({{4, 1}, {5, 1}}), w);  // 4 held: at the bound, still fine
  s.on_committed(2);
  CHECK(s.state() == Subscription::State::Open);
  CHECK(s.ready() == 4);
  s.on_changes(3, changes_of({{6, 1}}), w);  // 5 > 4, though epoch 3 is not committed yet
  CHECK(s.state() == Subscription::State::Overflowed);
  CHECK(wakeups == 3);  // two commits and the overflow
  CHECK(s.ready() == 0);
  out = out_layout();
  CHECK(s.take(10, out) == 0);
  s.on_changes(4, changes_of({{7, 1}}), w);  // ignored from now on
  s.on_committed(4);
  CHECK(s.ready() == 0);
  CHECK(s.state() == Subscription::State::Overflowed);
}

TEST_CASE("a subscription transforms changes on the runner and fails alone when the transform throws") {
  // WHERE value > 10, the value doubled; weights pass through.
  Subscription s(100, [](const Batch& in) {
    Batch out = Batch::with_types({Type::int64()});
    for (size_t r = 0; r < in.rows(); ++r) {
      const int64_t v = in.columns[0].ints()[r];
      if (v == 0) throw SqlError(sqlstate::kDivisionByZero, "division by zero");
      if (v > 10) out.append_row({Value::int64(v * 2)}, in.weights[r]);
    }
    return out;
  });
  storage::EpochWrite w;
  s.on_changes(1, changes_of({{5, 1}, {20, -1}, {30, 1}}), w);
  s.on_committed(1);
  Batch out = out_layout();
  CHECK(s.take(10, out) == 2);
  CHECK(triples(out) == std::vector<T3>{{1, -1, 40}, {1, 1, 60}});
  s.on_changes(2, changes_of({{0, 1}}), w);
  CHECK(s.state() == Subscription::State::Failed);
  REQUIRE(s.failure());
  CHECK(s.failure()->sqlstate() == "22012");
}

TEST_CASE("when the query ends, committed changes stay readable and uncommitted ones are dropped") {
  Subscription s(100);
  int wakeups = 0;
  s.set_listener([&] { ++wakeups; });
  storage::EpochWrite w;
  s.on_changes(1, changes_of({{1, 1}}), w);
  s.on_committed(1);
  s.on_changes(2, changes_of({{2, 1}}), w);  // its commit never lands
  s.on_end(QueryEnd{"stopped", ""});
  CHECK(wakeups == 2);
  CHECK(s.state() == Subscription::State::Ended);
  CHECK(s.end().state == "stopped");
  Batch out = out_layout();
  CHECK(s.take(10, out) == 1);
  CHECK(triples(out) == std::vector<T3>{{1, 1, 1}});
}

TEST_CASE("a closed subscription ignores the runner and never calls its listener again") {
  Subscription s(100);
  int wakeups = 0;
  s.set_listener([&] { ++wakeups; });
  storage::EpochWrite w;
  s.on_changes(1, changes_of({{1, 1}}), w);
  s.close();
  s.on_committed(1);
  s.on_end(QueryEnd{"stopped", ""});
  CHECK(wakeups == 0);
  CHECK(s.ready() == 0);
}

TEST_CASE("a reader on another thread is woken for every committed epoch and loses none") {
  Subscription s(1000000);
  std::mutex m;
  std::condition_variable cv;
  bool woken = false;
  s.set_listener([&] {
    std::lock_guard lock(m);
    woken = true;
    cv.notify_one();
  });
  constexpr int kEpochs = 2000;
  std::thread runner([&] {
    storage::EpochWrite w;
    for (int e = 1; e <= kEpochs; ++e) {
      s.on_changes(e, changes_of({{e, 1}}), w);
      s.on_committed(e);
    }
    s.on_end(QueryEnd{"finished", ""});
  });
  std::vector<int64_t> seen;
  for (;;) {
    Batch out = out_layout();
    s.take(7, out);
    for (auto [epoch, diff, value] : triples(out)) {
      CHECK(epoch == value);
      seen.push_back(value);
    }
    if (out.empty()) {
      if (s.state() == Subscription::State::Ended && s.ready() == 0) break;
      std::unique_lock lock(m);
      cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return woken; });
      woken = false;
    }
  }
  runner.join();
  REQUIRE(seen.size() == kEpochs);
  for (int i = 0; i < kEpochs; ++i) CHECK(seen[i] == i + 1);
}

// ---------------------------------------------------------------------------------------------
// ContinuousQuery's change consumers.

namespace {

using testing::per_key_plan;

// SELECT k, v FROM s (no aggregation: every row is an insert).
QueryPlan passthrough_plan() {
  QueryPlan plan;
  plan.input_types = {Type::text(), Type::int64()};
  plan.outputs.push_back(make_column_ref(0, Type::text(), "k"));
  plan.outputs.push_back(make_column_ref(1, Type::int64(), "v"));
  plan.output_names = {"k", "v"};
  plan.visible_outputs = 2;
  return plan;
}

Batch input(std::initializer_list<std::pair<const char*, int64_t>> xs) {
  Batch b = Batch::with_types({Type::text(), Type::int64()});
  for (auto [k, v] : xs) b.append_row({Value::text(k), Value::int64(v)});
  return b;
}

std::string row_text(const Row& r) {
  std::string s;
  for (const auto& v : r) s += (v.is_null ? "NULL" : format_value(v)) + "|";
  return s;
}

// The view as a multiset of rows.
std::map<std::string, int64_t> contents(storage::Store& store, uint64_t relation) {
  std::map<std::string, int64_t> out;
  storage::Snapshot snap;
  REQUIRE(store.snapshot(snap).ok());
  REQUIRE(snap.scan(relation, [&](std::string_view, const Row& r) {
    ++out[row_text(r)];
    return true;
  }).ok());
  return out;
}

// Records every call, checks the protocol (changes before their commit, epochs in order, no
// call after on_end), and keeps the multiset the committed changes add up to.
class Recorder final : public ChangeConsumer {
 public:
  void on_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite&) override {
    std::lock_guard lock(m_);
    CHECK_FALSE(ended_);
    CHECK(epoch >= last_committed_);
    if (staged_epoch_ != epoch) staged_.clear();
    staged_epoch_ = epoch;
    for (size_t r = 0; r < changes.rows(); ++r) staged_.emplace_back(row_text(changes.row(r)), changes.weights[r]);
    ++calls_;
  }
  void on_committed(uint64_t epoch) override {
    std::lock_guard lock(m_);
    CHECK_FALSE(ended_);
    CHECK(epoch == staged_epoch_);
    CHECK(epoch >= last_committed_);
    last_committed_ = epoch;
    for (auto& [row, w] : staged_) {
      committed_.emplace_back(epoch, row, w);
      model_[row] += w;
      if (model_[row] == 0) model_.erase(row);
    }
    staged_.clear();
    ++calls_;
  }
  void on_end(const QueryEnd& end) override {
    std::lock_guard lock(m_);
    CHECK_FALSE(ended_);
    ended_ = true;
    end_ = end;
  }

  std::vector<std::tuple<uint64_t, std::string, int64_t>> committed() {
    std::lock_guard lock(m_);
    return committed_;
  }
  std::map<std::string, int64_t> model() {
    std::lock_guard lock(m_);
    return model_;
  }
  int calls() {
    std::lock_guard lock(m_);
    return calls_;
  }
  bool ended() {
    std::lock_guard lock(m_);
    return ended_;
  }
  QueryEnd end() {
    std::lock_guard lock(m_);
    return end_;
  }

 private:
  std::mutex m_;
  uint64_t staged_epoch_ = 0;
  uint64_t last_committed_ = 0;
  std::vector<std::pair<std::string, int64_t>> staged_;
  std::vector<std::tuple<uint64_t, std::string, int64_t>> committed_;
  std::map<std::string, int64_t> model_;
  int calls_ = 0;
  bool ended_ = false;
  QueryEnd end_;
};

using Change = std::tuple<uint64_t, std::string, int64_t>;

}  // namespace

TEST_CASE("an attached consumer gets each epoch's changes: -1 old, +1 new, only after the commit") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(7, 100, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                    std::chrono::milliseconds(5));
  auto recorder = std::make_shared<Recorder>();
  CHECK_FALSE(q.attach(recorder, false));  // not running yet
  q.start();
  buffer->append(input({{"a", 1}, {"b", 2}}));
  REQUIRE(q.commit_through(2, std::chrono::seconds(5)));
  REQUIRE(q.attach(recorder, false));
  CHECK(recorder->committed().empty());  // no snapshot asked for
  buffer->append(input({{"a", 3}, {"c", 1}}));
  REQUIRE(q.commit_through(4, std::chrono::seconds(5)));
  std::vector<Change> got = recorder->committed();
  REQUIRE(got.size() == 3);
  const uint64_t e = std::get<0>(got[0]);
  CHECK(e >= 2);
  std::sort(got.begin(), got.end());
  // b did not change; a went from (1, 1) to (2, 4); c appeared.
  CHECK(got == std::vector<Change>{{e, "a|1|1|", -1}, {e, "a|2|4|", 1}, {e, "c|1|1|", 1}});

  // An update's -1 comes right before its +1.
  buffer->append(input({{"b", 5}}));
  REQUIRE(q.commit_through(5, std::chrono::seconds(5)));
  got = recorder->committed();
  REQUIRE(got.size() == 5);
  CHECK(std::get<1>(got[3]) == "b|1|2|");
  CHECK(std::get<2>(got[3]) == -1);
  CHECK(std::get<1>(got[4]) == "b|2|7|");
  CHECK(std::get<2>(got[4]) == 1);
  CHECK(std::get<0>(got[3]) > e);

  q.stop();
  CHECK(recorder->ended());
  CHECK(recorder->end().state == "stopped");
  CHECK_FALSE(q.attach(std::make_shared<Recorder>(), true));  // stopped
}

TEST_CASE("a snapshot and the changes after it add up to the view, with no gap and no duplicate") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(8, 101, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                    std::chrono::milliseconds(1));
  q.start();
  // A writer keeps appending while consumers attach with snapshots at different moments.
  constexpr int kBatches = 400;
  std::thread writer([&] {
    for (int i = 0; i < kBatches; ++i) {
      std::string k = "k" + std::to_string(i % 37);
      buffer->append(input({{k.c_str(), i}, {"hot", 1}}));
      if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  std::vector<std::shared_ptr<Recorder>> recorders;
  for (int i = 0; i < 5; ++i) {
    auto r = std::make_shared<Recorder>();
    REQUIRE(q.attach(r, true));
    recorders.push_back(r);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  writer.join();
  REQUIRE(q.commit_through(2 * kBatches, std::chrono::seconds(10)));
  const auto view = contents(store, 101);
  CHECK(view.size() == 38);
  CHECK(view.count("hot|400|400|") == 1);
  for (auto& r : recorders) CHECK(r->model() == view);
  q.stop();
}

TEST_CASE("a snapshot of a view comes at the last committed epoch, then changes follow") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(9, 102, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                    std::chrono::milliseconds(5));
  q.start();
  buffer->append(input({{"a", 1}, {"b", 2}}));
  REQUIRE(q.commit_through(2, std::chrono::seconds(5)));
  auto r = std::make_shared<Recorder>();
  REQUIRE(q.attach(r, true));
  std::vector<Change> got = r->committed();  // delivered before attach returned
  REQUIRE(got.size() == 2);
  const uint64_t e = std::get<0>(got[0]);
  CHECK(e == q.status().epochs);
  CHECK(got == std::vector<Change>{{e, "a|1|1|", 1}, {e, "b|1|2|", 1}});
  buffer->append(input({{"a", 1}}));
  REQUIRE(q.commit_through(3, std::chrono::seconds(5)));
  got = r->committed();
  REQUIRE(got.size() == 4);
  CHECK(std::get<0>(got[2]) > e);
  CHECK(r->model() == contents(store, 102));
  q.stop();
}

TEST_CASE("the snapshot of an empty view is one empty batch, then its commit") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(12, 105, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                    std::chrono::milliseconds(5));
  q.start();
  auto r = std::make_shared<Recorder>();
  REQUIRE(q.attach(r, true));
  CHECK(r->calls() == 2);  // on_changes(E, nothing), on_committed(E): the Recorder checks the pairing
  CHECK(r->committed().empty());
  buffer->append(input({{"a", 1}}));
  REQUIRE(q.commit_through(1, std::chrono::seconds(5)));
  CHECK(r->model() == contents(store, 105));
  q.stop();
}

TEST_CASE("rows of a query without aggregation are inserts; a detached consumer hears nothing more") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(10, 103, std::make_unique<BufferSource>(buffer, "s"), passthrough_plan(), store,
                    std::chrono::milliseconds(5));
  q.start();
  buffer->append(input({{"a", 1}}));
  REQUIRE(q.commit_through(1, std::chrono::seconds(5)));
  auto r = std::make_shared<Recorder>();
  REQUIRE(q.attach(r, true));
  buffer->append(input({{"a", 1}, {"b", 2}}));
  REQUIRE(q.commit_through(3, std::chrono::seconds(5)));
  std::vector<Change> got = r->committed();
  REQUIRE(got.size() == 3);
  for (const auto& c : got) CHECK(std::get<2>(c) == 1);
  CHECK(r->model() == contents(store, 103));
  CHECK(r->model() == std::map<std::string, int64_t>{{"a|1|", 2}, {"b|2|", 1}});

  q.detach(r);
  const int calls = r->calls();
  // The detach is done by the time a later epoch commits.
  buffer->append(input({{"c", 3}}));
  REQUIRE(q.commit_through(4, std::chrono::seconds(5)));
  buffer->append(input({{"d", 4}}));
  REQUIRE(q.commit_through(5, std::chrono::seconds(5)));
  CHECK(r->calls() <= calls + 2);  // at most the epoch that raced with detach
  const int after = r->calls();
  buffer->append(input({{"e", 5}}));
  REQUIRE(q.commit_through(6, std::chrono::seconds(5)));
  CHECK(r->calls() == after);
  q.stop();
  CHECK_FALSE(r->ended());  // detached: no on_end
}

TEST_CASE("a Subscription attached to a running query sees its changes") {
  storage::Store store;
  auto buffer = std::make_shared<StreamBuffer>(std::vector<Type>{Type::text(), Type::int64()});
  ContinuousQuery q(11, 104, std::make_unique<BufferSource>(buffer, "s"), per_key_plan(), store,
                    std::chrono::milliseconds(5));
  q.start();
  buffer->append(input({{"a", 1}}));
  REQUIRE(q.commit_through(1, std::chrono::seconds(5)));
  auto s = std::make_shared<Subscription>(100);
  REQUIRE(q.attach(s, true));
  CHECK(s->ready() == 1);
  buffer->append(input({{"a", 1}}));
  REQUIRE(q.commit_through(2, std::chrono::seconds(5)));
  Batch out = Batch::with_types({Type::int64(), Type::int64(), Type::text(), Type::int64(), Type::numeric()});
  CHECK(s->take(100, out) == 3);
  CHECK(out.columns[1].ints() == std::vector<int64_t>{1, -1, 1});
  CHECK(out.columns[3].ints() == std::vector<int64_t>{1, 1, 2});
  CHECK(out.columns[0].ints()[1] == out.columns[0].ints()[2]);
  CHECK(out.columns[0].ints()[0] < out.columns[0].ints()[1]);
  q.stop();
  CHECK(s->state() == Subscription::State::Ended);
  CHECK(s->end().state == "stopped");
}
