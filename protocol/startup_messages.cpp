#include "protocol/startup_messages.h"

#include "common/error.h"
#include "protocol/byte_buffer.h"
#include "protocol/connection_error.h"
#include "protocol/utf8.h"

namespace eddy::protocol {

namespace {

[[noreturn]] void fatal(std::string sqlstate, std::string message) {
  throw ConnectionError(std::move(sqlstate), std::move(message), /*notify_client=*/true);
}

StartupMessage decode_startup_message(int32_t version, ByteReader& in, std::string_view payload) {
  StartupMessage m;
  m.protocol_version = version;
  unsigned major = static_cast<uint32_t>(version) >> 16;
  if (major != 3)
    fatal(sqlstate::kFeatureNotSupported, "unsupported frontend protocol " + std::to_string(major) +
                                              "." + std::to_string(m.minor_version()) +
                                              ": server supports 3.0 to 3.0");
  const std::string layout = "invalid startup packet layout: expected terminator as last byte";
  // Name/value pairs until an empty name; the terminator must be the very last byte.
  while (true) {
    if (in.at_end()) fatal(sqlstate::kProtocolViolation, layout);
    size_t name_at = in.position();
    std::string_view rest = payload.substr(name_at);
    if (rest.front() == '\0') {
      in.u8();
      break;
    }
    std::string_view name, value;
    try {
      name = in.cstring();
      value = in.cstring();
    } catch (const SqlError&) {
      fatal(sqlstate::kProtocolViolation, layout);
    }
    try {
      check_utf8(name);
      check_utf8(value);
    } catch (const SqlError& e) {
      fatal(e.sqlstate(), e.message());
    }
    if (name.starts_with("_pq_.")) {
      m.unrecognized_options.emplace_back(name);
      continue;
    }
    if (name == "user") m.user = value;
    if (name == "database") m.database = value;
    m.parameters.emplace_back(std::string(name), std::string(value));
  }
  if (!in.at_end()) fatal(sqlstate::kProtocolViolation, layout);
  if (m.user.empty())
    fatal(sqlstate::kInvalidAuthorizationSpecification,
          "no PostgreSQL user name specified in startup packet");
  if (m.database.empty()) m.database = m.user;
  return m;
}

std::string startup_frame(const std::string& payload) {
  std::string out;
  ByteWriter w(out);
  size_t at = w.begin_length();
  w.bytes(payload);
  w.end_message(at);
  return out;
}

}  // namespace

const std::string* StartupMessage::find(std::string_view name) const {
  for (const auto& [k, v] : parameters)
    if (k == name) return &v;
  return nullptr;
}

StartupPacket decode_startup_packet(std::string_view payload) {
  ByteReader in(payload, "startup packet");
  if (payload.size() < 4)
    throw ConnectionError(sqlstate::kProtocolViolation, "invalid length of startup packet", false);
  int32_t code = in.i32();
  switch (code) {
    case kCancelRequestCode:
      if (payload.size() != 12)
        throw ConnectionError(sqlstate::kProtocolViolation,
                              "invalid length of cancel request packet", false);
      {
        CancelRequest c;
        c.process_id = in.i32();
        c.secret_key = in.i32();
        return c;
      }
    case kSslRequestCode:
      return SslRequest{};
    case kGssEncRequestCode:
      return GssEncRequest{};
    default:
      return decode_startup_message(code, in, payload);
  }
}

std::string encode_startup_message(const std::vector<std::pair<std::string, std::string>>& params,
                                   int32_t protocol_version) {
  std::string payload;
  ByteWriter w(payload);
  w.i32(protocol_version);
  for (const auto& [k, v] : params) {
    w.cstring(k);
    w.cstring(v);
  }
  w.u8(0);
  return startup_frame(payload);
}

std::string encode_cancel_request(int32_t process_id, int32_t secret_key) {
  std::string payload;
  ByteWriter w(payload);
  w.i32(kCancelRequestCode);
  w.i32(process_id);
  w.i32(secret_key);
  return startup_frame(payload);
}

std::string encode_ssl_request() {
  std::string payload;
  ByteWriter(payload).i32(kSslRequestCode);
  return startup_frame(payload);
}

std::string encode_gssenc_request() {
  std::string payload;
  ByteWriter(payload).i32(kGssEncRequestCode);
  return startup_frame(payload);
}

}  // namespace eddy::protocol
