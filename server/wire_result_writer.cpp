#include "server/wire_result_writer.h"

#include "protocol/backend_messages.h"
#include "protocol/data_row.h"
#include "protocol/error_response.h"

namespace eddy {

void WireResultWriter::describe(const std::vector<OutputColumn>& columns) {
  std::vector<protocol::FieldDescription> fields;
  fields.reserve(columns.size());
  const int16_t format = formats_.empty() ? 0 : formats_[0];
  for (const auto& c : columns) {
    auto f = protocol::FieldDescription::of(c.name, c.type, format);
    f.table_oid = c.table_oid;
    f.column_number = c.column_number;
    fields.push_back(std::move(f));
  }
  protocol::row_description(out_, fields);
}

void WireResultWriter::rows(const Batch& batch) {
  for (size_t r = 0; r < batch.rows(); ++r) protocol::data_row(out_, batch.columns, r, formats_);
}

void WireResultWriter::complete(const std::string& tag) {
  protocol::command_complete(out_, tag);
  formats_.clear();  // a BINARY cursor's format ends with its FETCH
}

void WireResultWriter::notice(const std::string& message) {
  protocol::notice_response(out_, SqlError(sqlstate::kSuccessfulCompletion, message));
}

void WireResultWriter::warning(const SqlError& warning) {
  protocol::notice_response(out_, warning, protocol::Severity::Warning);
}

void WireResultWriter::copy_out(size_t columns) {
  // Overall format 0 (text) covers both COPY text and csv; binary COPY does not exist yet.
  protocol::copy_out_response(out_, 0, protocol::uniform_formats(columns, 0));
}

void WireResultWriter::copy_data(std::string_view lines) { protocol::copy_data(out_, lines); }

void WireResultWriter::copy_done() { protocol::copy_done(out_); }

void WireResultWriter::parameter_status(const std::string& name, const std::string& value) {
  protocol::parameter_status(out_, name, value);
}

}  // namespace eddy
