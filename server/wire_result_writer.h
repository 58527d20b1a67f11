#pragma once
// A ResultWriter that encodes a statement's results as wire messages appended to a string:
// RowDescription, DataRow, CommandComplete, NoticeResponse, ParameterStatus, and COPY TO's
// CopyOutResponse / CopyData / CopyDone. The session sends the string; the extended protocol
// also uses one to keep the messages a portal raised while it ran.

#include <cstdint>
#include <string>
#include <vector>

#include "server/executor.h"

namespace eddy {

class WireResultWriter final : public ResultWriter {
 public:
  explicit WireResultWriter(std::string& out) : out_(out) {}

  void describe(const std::vector<OutputColumn>& columns) override;
  void rows(const Batch& batch) override;
  void complete(const std::string& tag) override;
  void notice(const std::string& message) override;
  void warning(const SqlError& warning) override;
  // Until the next complete().
  void set_binary(bool binary) override { formats_.assign(binary ? 1 : 0, 1); }
  void copy_out(size_t columns) override;
  void copy_data(std::string_view lines) override;
  void copy_done() override;
  void parameter_status(const std::string& name, const std::string& value) override;

 private:
  std::string& out_;
  std::vector<int16_t> formats_;  // empty: text; {1}: every column binary
};

}  // namespace eddy
