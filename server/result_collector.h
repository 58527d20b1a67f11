#pragma once
// A ResultWriter that keeps one statement's result (a ResultSet) instead of sending it: what a
// cursor's DECLARE, a COPY TO and a protocol portal run their statement into. Everything that
// is not the result (notices, warnings, ParameterStatus, COPY TO's output) goes on to `side`
// when one is given, and is dropped otherwise.

#include "server/executor.h"
#include "server/portal.h"

namespace eddy {

class ResultCollector final : public ResultWriter {
 public:
  explicit ResultCollector(ResultWriter* side = nullptr) : side_(side) {}

  // The result so far; call once, after complete().
  ResultSet take() { return std::move(result_); }

  void describe(const std::vector<OutputColumn>& columns) override;
  void rows(const Batch& batch) override;
  void complete(const std::string& tag) override { result_.tag = tag; }
  void notice(const std::string& message) override;
  void warning(const SqlError& warning) override;
  // Rows are kept as values; the format is the reader's to choose.
  void set_binary(bool) override {}
  void copy_out(size_t columns) override;
  void copy_data(std::string_view lines) override;
  void copy_done() override;
  void parameter_status(const std::string& name, const std::string& value) override;

 private:
  ResultWriter* side_;
  ResultSet result_;
};

}  // namespace eddy
