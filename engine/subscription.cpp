#include "engine/subscription.h"

#include <algorithm>

namespace eddy::engine {

Subscription::Subscription(size_t max_rows, Transform transform)
    : max_rows_(std::max<size_t>(max_rows, 1)), transform_(std::move(transform)) {}

void Subscription::on_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write) {
  (void)write;  // a subscription keeps nothing in the store
  {
    std::lock_guard lock(mutex_);
    if (closed_ || state_ != State::Open) return;
    if (!staged_.empty() && staged_.back().epoch != epoch) {
      // An epoch whose commit never landed is followed by on_end, never by another epoch; drop
      // it should that ever change.
      for (const Entry& e : staged_) held_ -= e.rows.rows();
      staged_.clear();
    }
  }
  if (changes.empty()) return;
  Batch rows;
  std::optional<SqlError> failed;
  if (transform_) {
    try {
      rows = transform_(changes);
    } catch (const SqlError& e) {
      failed = e;
    } catch (const std::exception& e) {
      failed = SqlError(sqlstate::kInternalError, std::string("applying the subscription's query: ") + e.what());
    }
  } else {
    rows = changes;
  }
  {
    std::lock_guard lock(mutex_);
    if (closed_ || state_ != State::Open) return;
    if (failed) {
      state_ = State::Failed;
      failure_ = std::move(failed);
    } else if (rows.empty()) {
      return;
    } else if (held_ + rows.rows() > max_rows_) {
      state_ = State::Overflowed;
      staged_.clear();
      ready_.clear();
      held_ = ready_rows_ = 0;
    } else {
      held_ += rows.rows();
      staged_.push_back(Entry{epoch, std::move(rows), 0});
      return;
    }
  }
  notify();
}

void Subscription::on_committed(uint64_t epoch) {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || state_ != State::Open || staged_.empty()) return;
    for (Entry& e : staged_) {
      if (e.epoch > epoch) continue;  // never happens: commits come in epoch order
      ready_rows_ += e.rows.rows();
      ready_.push_back(std::move(e));
    }
    std::erase_if(staged_, [&](const Entry& e) { return e.epoch <= epoch; });
  }
  notify();
}

void Subscription::on_end(const QueryEnd& end) {
  {
    std::lock_guard lock(mutex_);
    if (closed_ || state_ != State::Open) return;
    state_ = State::Ended;
    end_ = end;
    for (const Entry& e : staged_) held_ -= e.rows.rows();
    staged_.clear();  // never committed
  }
  notify();
}

size_t Subscription::take(size_t max_rows, Batch& out) {
  std::lock_guard lock(mutex_);
  size_t taken = 0;
  while (taken < max_rows && !ready_.empty()) {
    Entry& e = ready_.front();
    const size_t n = std::min(max_rows - taken, e.rows.rows() - e.next);
    const size_t columns = e.rows.columns.size();
    for (size_t r = e.next; r < e.next + n; ++r) {
      out.columns[0].append_int(static_cast<int64_t>(e.epoch));
      out.columns[1].append_int(e.rows.weights[r]);
      for (size_t c = 0; c < columns; ++c) out.columns[c + 2].append_from(e.rows.columns[c], r);
    }
    out.weights.insert(out.weights.end(), n, 1);
    e.next += n;
    taken += n;
    if (e.next == e.rows.rows()) ready_.pop_front();
  }
  held_ -= taken;
  ready_rows_ -= taken;
  return taken;
}

size_t Subscription::ready() const {
  std::lock_guard lock(mutex_);
  return ready_rows_;
}

Subscription::State Subscription::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

QueryEnd Subscription::end() const {
  std::lock_guard lock(mutex_);
  return end_;
}

std::optional<SqlError> Subscription::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

void Subscription::set_listener(Listener listener) {
  std::lock_guard lock(mutex_);
  listener_ = std::move(listener);
}

void Subscription::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  staged_.clear();
  ready_.clear();
  held_ = ready_rows_ = 0;
  listener_ = nullptr;
}

void Subscription::notify() {
  Listener listener;
  {
    std::lock_guard lock(mutex_);
    listener = listener_;
  }
  if (listener) listener();
}

}  // namespace eddy::engine
