#include "server/result_collector.h"

namespace eddy {

void ResultCollector::describe(const std::vector<OutputColumn>& columns) {
  result_.columns = columns;
  result_.returns_rows = true;
  std::vector<Type> types;
  for (const auto& c : columns) types.push_back(c.type);
  result_.rows = Batch::with_types(types);
}

void ResultCollector::rows(const Batch& batch) {
  Batch& all = result_.rows;
  if (all.empty()) {
    all = batch;
    return;
  }
  for (size_t c = 0; c < all.columns.size(); ++c)
    for (size_t r = 0; r < batch.rows(); ++r) all.columns[c].append_from(batch.columns[c], r);
  all.weights.insert(all.weights.end(), batch.weights.begin(), batch.weights.end());
}

void ResultCollector::notice(const std::string& message) {
  if (side_) side_->notice(message);
}

void ResultCollector::warning(const SqlError& warning) {
  if (side_) side_->warning(warning);
}

void ResultCollector::copy_out(size_t columns) {
  if (!side_) ResultWriter::copy_out(columns);
  side_->copy_out(columns);
}

void ResultCollector::copy_data(std::string_view lines) {
  if (side_) side_->copy_data(lines);
}

void ResultCollector::copy_done() {
  if (side_) side_->copy_done();
}

void ResultCollector::parameter_status(const std::string& name, const std::string& value) {
  if (side_) side_->parameter_status(name, value);
}

}  // namespace eddy
