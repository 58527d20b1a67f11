#pragma once
// The Source of a chained query (a materialized view over another view): it never yields rows.
// The upstream query pushes its committed changes into the chained query instead
// (ContinuousQuery::chain_to), inside the upstream's own epochs.

#include <string>

#include "engine/source.h"

namespace eddy::engine {

class UpstreamSource final : public Source {
 public:
  explicit UpstreamSource(std::string view) : view_(std::move(view)) {}
  PollResult poll(Batch&, std::chrono::milliseconds) override { return PollResult::Idle; }
  uint64_t offset() const override { return 0; }
  std::string describe() const override { return "materialized view " + view_ + " (its changes, in its epochs)"; }

 private:
  std::string view_;
};

}  // namespace eddy::engine
