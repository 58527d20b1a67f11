// Views over views: a chained ContinuousQuery has no thread; it runs inside its upstream's
// epochs (chain_to), its rows and state committed in the upstream's write.

#include "common/error.h"
#include "engine/continuous_query.h"

namespace eddy::engine {

// ---------------------------------------------------------------------------------------------
// Views over views: a chained query runs inside its upstream's epochs (chain_to).

// What the upstream calls; forwards to the chained query while it lives.
class ChainLink final : public ChangeConsumer {
 public:
  explicit ChainLink(std::weak_ptr<ContinuousQuery> query) : query_(std::move(query)) {}
  void on_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write) override {
    if (auto q = query_.lock()) q->chain_changes(epoch, changes, write);
  }
  void on_committed(uint64_t epoch) override {
    if (auto q = query_.lock()) q->chain_committed(epoch);
  }
  void on_end(const QueryEnd& end) override {
    if (auto q = query_.lock()) q->chain_end(end);
  }
  void between_epochs() override {
    if (auto q = query_.lock()) q->chain_between_epochs();
  }

 private:
  std::weak_ptr<ContinuousQuery> query_;
};

void ContinuousQuery::chain_to(std::shared_ptr<ContinuousQuery> upstream) {
  upstream_ = std::move(upstream);
  link_ = std::make_shared<ChainLink>(weak_from_this());
  source_description_ = source_->describe();
}

std::shared_ptr<ChangeConsumer> ContinuousQuery::chain_link() { return link_; }

void ContinuousQuery::chain_changes(uint64_t epoch, const Batch& changes, storage::EpochWrite& write) {
  std::lock_guard lock(chain_mutex_);
  if (stopping_) return;
  try {
    if (!changes.empty()) process(changes);
    epoch_ = epoch > 0 ? epoch - 1 : 0;  // this query's epochs are its upstream's
    fill_epoch(write, chain_pending_);
  } catch (const SqlError& e) {
    // The upstream goes on; this view stops where it was, with its error shown.
    stopping_ = true;
    set_state("failed", e.sqlstate() + ": " + e.message());
    upstream_->detach(link_);
    end_consumers();
  }
}

void ContinuousQuery::chain_committed(uint64_t epoch) {
  std::lock_guard lock(chain_mutex_);
  if (stopping_) return;
  epoch_ = epoch > 0 ? epoch - 1 : 0;
  after_commit(chain_pending_);
  chain_pending_ = PendingEpoch();
}

void ContinuousQuery::chain_end(const QueryEnd& end) {
  std::lock_guard lock(chain_mutex_);
  if (stopping_) return;
  stopping_ = true;
  // A bounded upstream that finished leaves this view complete: finished too.
  set_state(end.state == "failed" || end.state == "finished" ? end.state : "stopped",
            end.state == "failed" ? "the view it reads failed: " + end.error : std::string());
  end_consumers();
}

void ContinuousQuery::chain_between_epochs() {
  std::lock_guard lock(chain_mutex_);
  if (stopping_) return;
  if (consumer_tasks_pending_.load()) run_consumer_tasks();
}

}  // namespace eddy::engine
