#include "protocol/data_row.h"

#include "common/value_text.h"
#include "protocol/binary_format.h"
#include "protocol/byte_buffer.h"

namespace eddy::protocol {

namespace {

int16_t format_of(std::span<const int16_t> formats, size_t i) {
  return formats.empty() ? kTextFormat : formats.size() == 1 ? formats[0] : formats[i];
}

}  // namespace

void data_row(std::string& out, std::span<const Column> columns, size_t row,
              std::span<const int16_t> formats) {
  ByteWriter w(out);
  size_t at = w.begin_message('D');
  w.i16(static_cast<int16_t>(columns.size()));
  for (size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    if (col.is_null(row)) {
      w.i32(-1);
      continue;
    }
    size_t field = w.begin_length();
    if (format_of(formats, c) == kBinaryFormat)
      append_binary(out, col, row);
    else
      append_value_text(out, col, row);
    w.end_field(field);
  }
  w.end_message(at);
}

void data_row(std::string& out, const Row& values, std::span<const int16_t> formats) {
  ByteWriter w(out);
  size_t at = w.begin_message('D');
  w.i16(static_cast<int16_t>(values.size()));
  for (size_t c = 0; c < values.size(); ++c) {
    const Value& v = values[c];
    if (v.is_null) {
      w.i32(-1);
      continue;
    }
    size_t field = w.begin_length();
    if (format_of(formats, c) == kBinaryFormat)
      append_binary(out, v);
    else
      out += format_value(v);
    w.end_field(field);
  }
  w.end_message(at);
}

void data_row(std::string& out, std::span<const std::optional<std::string_view>> fields) {
  ByteWriter w(out);
  size_t at = w.begin_message('D');
  w.i16(static_cast<int16_t>(fields.size()));
  for (const auto& f : fields) {
    if (!f) {
      w.i32(-1);
      continue;
    }
    w.i32(static_cast<int32_t>(f->size()));
    w.bytes(*f);
  }
  w.end_message(at);
}

}  // namespace eddy::protocol
