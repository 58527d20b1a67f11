#include "protocol/backend_messages.h"

#include "protocol/byte_buffer.h"

namespace eddy::protocol {

namespace {

template <typename F>
void message(std::string& out, char type, F&& body) {
  ByteWriter w(out);
  size_t at = w.begin_message(type);
  body(w);
  w.end_message(at);
}

void empty_message(std::string& out, char type) {
  message(out, type, [](ByteWriter&) {});
}

void authentication(std::string& out, int32_t code, std::string_view data) {
  message(out, 'R', [&](ByteWriter& w) {
    w.i32(code);
    w.bytes(data);
  });
}

void copy_response(std::string& out, char type, int8_t format, std::span<const int16_t> formats) {
  message(out, type, [&](ByteWriter& w) {
    w.u8(static_cast<uint8_t>(format));
    w.i16(static_cast<int16_t>(formats.size()));
    for (int16_t f : formats) w.i16(f);
  });
}

}  // namespace

void ssl_response(std::string& out, bool accept) { out.push_back(accept ? 'S' : 'N'); }
void gssenc_response(std::string& out, bool accept) { out.push_back(accept ? 'G' : 'N'); }

void authentication_ok(std::string& out) { authentication(out, 0, {}); }
void authentication_cleartext_password(std::string& out) { authentication(out, 3, {}); }
void authentication_md5_password(std::string& out, const uint8_t (&salt)[4]) {
  authentication(out, 5, std::string_view(reinterpret_cast<const char*>(salt), 4));
}
void authentication_sasl(std::string& out, std::span<const std::string_view> mechanisms) {
  message(out, 'R', [&](ByteWriter& w) {
    w.i32(10);
    for (std::string_view m : mechanisms) w.cstring(m);
    w.u8(0);
  });
}
void authentication_sasl_continue(std::string& out, std::string_view data) {
  authentication(out, 11, data);
}
void authentication_sasl_final(std::string& out, std::string_view data) {
  authentication(out, 12, data);
}

void parameter_status(std::string& out, std::string_view name, std::string_view value) {
  message(out, 'S', [&](ByteWriter& w) {
    w.cstring(name);
    w.cstring(value);
  });
}

void backend_key_data(std::string& out, int32_t process_id, int32_t secret_key) {
  message(out, 'K', [&](ByteWriter& w) {
    w.i32(process_id);
    w.i32(secret_key);
  });
}

void negotiate_protocol_version(std::string& out, std::span<const std::string> options,
                                int32_t newest_version) {
  message(out, 'v', [&](ByteWriter& w) {
    w.i32(newest_version);
    w.i32(static_cast<int32_t>(options.size()));
    for (const std::string& o : options) w.cstring(o);
  });
}

void ready_for_query(std::string& out, TransactionStatus status) {
  message(out, 'Z', [&](ByteWriter& w) { w.u8(static_cast<uint8_t>(status)); });
}

int32_t pg_type_modifier(Type t) {
  if (t.id == TypeId::Varchar && t.modifier >= 0) return t.modifier + 4;
  return -1;
}

FieldDescription FieldDescription::of(std::string name, Type t, int16_t format) {
  FieldDescription f;
  f.name = std::move(name);
  f.type_oid = t.oid();
  f.type_length = t.pg_length();
  f.type_modifier = pg_type_modifier(t);
  f.format = format;
  return f;
}

void row_description(std::string& out, std::span<const FieldDescription> fields) {
  message(out, 'T', [&](ByteWriter& w) {
    w.i16(static_cast<int16_t>(fields.size()));
    for (const FieldDescription& f : fields) {
      w.cstring(f.name);
      w.u32(f.table_oid);
      w.i16(f.column_number);
      w.u32(f.type_oid);
      w.i16(f.type_length);
      w.i32(f.type_modifier);
      w.i16(f.format);
    }
  });
}

void command_complete(std::string& out, std::string_view tag) {
  message(out, 'C', [&](ByteWriter& w) { w.cstring(tag); });
}
void empty_query_response(std::string& out) { empty_message(out, 'I'); }

void parse_complete(std::string& out) { empty_message(out, '1'); }
void bind_complete(std::string& out) { empty_message(out, '2'); }
void close_complete(std::string& out) { empty_message(out, '3'); }
void no_data(std::string& out) { empty_message(out, 'n'); }
void portal_suspended(std::string& out) { empty_message(out, 's'); }

void parameter_description(std::string& out, std::span<const uint32_t> type_oids) {
  message(out, 't', [&](ByteWriter& w) {
    w.i16(static_cast<int16_t>(type_oids.size()));
    for (uint32_t oid : type_oids) w.u32(oid);
  });
}

void copy_in_response(std::string& out, int8_t format, std::span<const int16_t> formats) {
  copy_response(out, 'G', format, formats);
}
void copy_out_response(std::string& out, int8_t format, std::span<const int16_t> formats) {
  copy_response(out, 'H', format, formats);
}
void copy_both_response(std::string& out, int8_t format, std::span<const int16_t> formats) {
  copy_response(out, 'W', format, formats);
}
std::vector<int16_t> uniform_formats(size_t columns, int8_t format) {
  return std::vector<int16_t>(columns, format);
}
void copy_data(std::string& out, std::string_view data) {
  message(out, 'd', [&](ByteWriter& w) { w.bytes(data); });
}
void copy_done(std::string& out) { empty_message(out, 'c'); }

}  // namespace eddy::protocol
