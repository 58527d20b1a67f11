#pragma once
// One SUBSCRIBE's server side: an engine::Subscription (engine/subscription.h) attached to the
// continuous query of a materialized view, and what a session needs to present its changes:
// the output columns (_epoch bigint, _diff bigint, then the view's or the SELECT's columns) and
// the errors that end it. A SUBSCRIBE statement, a COPY (SUBSCRIBE ...) and a SUBSCRIBE cursor
// (a Portal) each own one; destroying it detaches from the query.
//
// How a subscription ends (the SQLSTATEs, and why these):
//   - the client fell more than --subscribe-buffer changes behind: FATAL 53400
//     (configuration_limit_exceeded, the limit being a server setting), and the connection
//     closes: the client cannot catch up with what was dropped;
//   - the view was dropped: 57000 (operator_intervention: PostgreSQL's class for statements
//     ended by an action outside them, as 57P04 for a dropped database);
//   - the view's query stopped (server shutdown): 57P01 (admin_shutdown);
//   - the view's query failed: that failure's own SQLSTATE, with the query's message;
//   - an expression of SUBSCRIBE TO (SELECT ...) failed on a change: its own SQLSTATE.
// A query that finished (a bounded source ran dry) is no error: the changes it committed are
// delivered, then the statement completes.
//
// Thread-safe as engine::Subscription is; in practice one session uses it.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/column.h"
#include "engine/continuous_query.h"
#include "engine/subscription.h"
#include "server/output_column.h"

namespace eddy {

class Database;

class LiveSubscription {
 public:
  LiveSubscription(Database& db, uint64_t view_id, std::string view_name,
                   std::shared_ptr<engine::ContinuousQuery> query, std::shared_ptr<engine::Subscription> subscription,
                   std::vector<OutputColumn> columns);
  ~LiveSubscription();
  LiveSubscription(const LiveSubscription&) = delete;
  LiveSubscription& operator=(const LiveSubscription&) = delete;

  const std::vector<OutputColumn>& columns() const { return columns_; }
  // Up to `max_rows` buffered changes in columns()' layout, oldest first. When none are
  // buffered and none can come any more, throws what ended the subscription (see above), or
  // returns an empty batch with finished() true when the query finished.
  Batch take(size_t max_rows);
  // Changes buffered now.
  size_t ready() const { return subscription_->ready(); }
  bool finished() const { return finished_; }
  // A transient view made for this subscription (SUBSCRIBE TO (SELECT ... FROM stream ...)):
  // dropped with it.
  void drop_on_close(std::string view) { transient_view_ = std::move(view); }
  // `wake` is called from the runner's thread whenever take() may return more or throw.
  void set_waker(std::function<void()> wake) { subscription_->set_listener(std::move(wake)); }

 private:
  [[noreturn]] void raise_end() const;

  Database& db_;
  const uint64_t view_id_;
  const std::string view_name_;
  std::shared_ptr<engine::ContinuousQuery> query_;
  std::shared_ptr<engine::Subscription> subscription_;
  std::vector<OutputColumn> columns_;
  std::vector<Type> types_;
  bool finished_ = false;
  std::string transient_view_;
};

}  // namespace eddy
