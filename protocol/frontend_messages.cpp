#include "protocol/frontend_messages.h"

#include <algorithm>

#include "common/error.h"
#include "protocol/byte_buffer.h"
#include "protocol/connection_error.h"
#include "protocol/utf8.h"

namespace eddy::protocol {

namespace {

std::string text(ByteReader& in) {
  std::string_view s = in.cstring();
  check_utf8(s);
  return std::string(s);
}

void check_format(int16_t code) {
  if (code != 0 && code != 1)
    throw SqlError(sqlstate::kInvalidParameterValue, "unsupported format code: " + std::to_string(code));
}

std::vector<int16_t> formats(ByteReader& in) {
  uint16_t n = in.u16();
  std::vector<int16_t> f;
  f.reserve(std::min<size_t>(n, in.remaining() / 2));
  for (uint16_t i = 0; i < n; ++i) {
    f.push_back(in.i16());
    check_format(f.back());
  }
  return f;
}

char target_kind(ByteReader& in, const char* message) {
  uint8_t k = in.u8();
  if (k != 'S' && k != 'P')
    throw SqlError(sqlstate::kProtocolViolation,
                   std::string("invalid ") + message + " message subtype " + std::to_string(k));
  return static_cast<char>(k);
}

void empty(std::string_view payload, const char* what) { ByteReader(payload, what).expect_end(); }

}  // namespace

Query decode_query(std::string_view payload) {
  ByteReader in(payload, "Query message");
  Query m{text(in)};
  in.expect_end();
  return m;
}

Parse decode_parse(std::string_view payload) {
  ByteReader in(payload, "Parse message");
  Parse m;
  m.name = text(in);
  m.query = text(in);
  uint16_t n = in.u16();
  m.param_types.reserve(std::min<size_t>(n, in.remaining() / 4));
  for (uint16_t i = 0; i < n; ++i) m.param_types.push_back(in.u32());
  in.expect_end();
  return m;
}

Bind decode_bind(std::string_view payload) {
  ByteReader in(payload, "Bind message");
  Bind m;
  m.portal = text(in);
  m.statement = text(in);
  m.param_formats = formats(in);
  uint16_t n = in.u16();
  if (m.param_formats.size() > 1 && m.param_formats.size() != n)
    in.fail(std::to_string(m.param_formats.size()) + " parameter formats but " + std::to_string(n) +
            " parameters");
  m.params.reserve(std::min<size_t>(n, in.remaining() / 4));
  for (uint16_t i = 0; i < n; ++i) {
    int32_t len = in.i32();
    if (len == -1) {
      m.params.emplace_back(std::nullopt);
      continue;
    }
    if (len < 0) in.fail("invalid length " + std::to_string(len) + " of parameter " + std::to_string(i + 1));
    std::string_view v = in.bytes(static_cast<size_t>(len));
    if (m.param_format(i) == 0) check_utf8(v);
    m.params.emplace_back(std::string(v));
  }
  m.result_formats = formats(in);
  in.expect_end();
  return m;
}

Describe decode_describe(std::string_view payload) {
  ByteReader in(payload, "Describe message");
  Describe m;
  m.kind = target_kind(in, "DESCRIBE");
  m.name = text(in);
  in.expect_end();
  return m;
}

Execute decode_execute(std::string_view payload) {
  ByteReader in(payload, "Execute message");
  Execute m;
  m.portal = text(in);
  m.max_rows = in.i32();
  in.expect_end();
  return m;
}

Close decode_close(std::string_view payload) {
  ByteReader in(payload, "Close message");
  Close m;
  m.kind = target_kind(in, "CLOSE");
  m.name = text(in);
  in.expect_end();
  return m;
}

CopyFail decode_copy_fail(std::string_view payload) {
  ByteReader in(payload, "CopyFail message");
  CopyFail m{text(in)};
  in.expect_end();
  return m;
}

PasswordMessage decode_password_message(std::string_view payload) {
  ByteReader in(payload, "password message");
  PasswordMessage m{std::string(in.cstring())};
  in.expect_end();
  return m;
}

SaslInitialResponse decode_sasl_initial_response(std::string_view payload) {
  ByteReader in(payload, "SASLInitialResponse message");
  SaslInitialResponse m;
  m.mechanism = text(in);
  int32_t len = in.i32();
  if (len < -1) in.fail("invalid data length " + std::to_string(len));
  if (len >= 0) m.data = std::string(in.bytes(static_cast<size_t>(len)));
  in.expect_end();
  return m;
}

SaslResponse decode_sasl_response(std::string_view payload) { return SaslResponse{std::string(payload)}; }

FrontendMessage decode_frontend_message(const Frame& f) {
  switch (f.type) {
    case 'Q': return decode_query(f.payload);
    case 'P': return decode_parse(f.payload);
    case 'B': return decode_bind(f.payload);
    case 'D': return decode_describe(f.payload);
    case 'E': return decode_execute(f.payload);
    case 'C': return decode_close(f.payload);
    case 'S': empty(f.payload, "Sync message"); return Sync{};
    case 'H': empty(f.payload, "Flush message"); return Flush{};
    case 'X': empty(f.payload, "Terminate message"); return Terminate{};
    case 'd': return CopyData{f.payload};
    case 'c': empty(f.payload, "CopyDone message"); return CopyDone{};
    case 'f': return decode_copy_fail(f.payload);
    case 'p': return AuthResponse{f.payload};
    case 'F': return FunctionCall{f.payload};
    default:
      throw ConnectionError(sqlstate::kProtocolViolation,
                            "invalid frontend message type " +
                                std::to_string(static_cast<int>(static_cast<uint8_t>(f.type))),
                            /*notify_client=*/true);
  }
}

// ---- encoders ---------------------------------------------------------------------------------

namespace {

// Writes a message with `type` whose payload `body` fills.
template <typename F>
void message(std::string& out, char type, F&& body) {
  ByteWriter w(out);
  size_t at = w.begin_message(type);
  body(w);
  w.end_message(at);
}

void write_formats(ByteWriter& w, const std::vector<int16_t>& f) {
  w.i16(static_cast<int16_t>(f.size()));
  for (int16_t x : f) w.i16(x);
}

}  // namespace

void encode(std::string& out, const Query& m) {
  message(out, 'Q', [&](ByteWriter& w) { w.cstring(m.sql); });
}
void encode(std::string& out, const Parse& m) {
  message(out, 'P', [&](ByteWriter& w) {
    w.cstring(m.name);
    w.cstring(m.query);
    w.i16(static_cast<int16_t>(m.param_types.size()));
    for (uint32_t oid : m.param_types) w.u32(oid);
  });
}
void encode(std::string& out, const Bind& m) {
  message(out, 'B', [&](ByteWriter& w) {
    w.cstring(m.portal);
    w.cstring(m.statement);
    write_formats(w, m.param_formats);
    w.i16(static_cast<int16_t>(m.params.size()));
    for (const auto& p : m.params) {
      if (!p) {
        w.i32(-1);
        continue;
      }
      w.i32(static_cast<int32_t>(p->size()));
      w.bytes(*p);
    }
    write_formats(w, m.result_formats);
  });
}
void encode(std::string& out, const Describe& m) {
  message(out, 'D', [&](ByteWriter& w) {
    w.u8(static_cast<uint8_t>(m.kind));
    w.cstring(m.name);
  });
}
void encode(std::string& out, const Execute& m) {
  message(out, 'E', [&](ByteWriter& w) {
    w.cstring(m.portal);
    w.i32(m.max_rows);
  });
}
void encode(std::string& out, const Close& m) {
  message(out, 'C', [&](ByteWriter& w) {
    w.u8(static_cast<uint8_t>(m.kind));
    w.cstring(m.name);
  });
}
void encode(std::string& out, const Sync&) { message(out, 'S', [](ByteWriter&) {}); }
void encode(std::string& out, const Flush&) { message(out, 'H', [](ByteWriter&) {}); }
void encode(std::string& out, const Terminate&) { message(out, 'X', [](ByteWriter&) {}); }
void encode(std::string& out, const CopyData& m) {
  message(out, 'd', [&](ByteWriter& w) { w.bytes(m.data); });
}
void encode(std::string& out, const CopyDone&) { message(out, 'c', [](ByteWriter&) {}); }
void encode(std::string& out, const CopyFail& m) {
  message(out, 'f', [&](ByteWriter& w) { w.cstring(m.message); });
}
void encode(std::string& out, const PasswordMessage& m) {
  message(out, 'p', [&](ByteWriter& w) { w.cstring(m.password); });
}
void encode(std::string& out, const SaslInitialResponse& m) {
  message(out, 'p', [&](ByteWriter& w) {
    w.cstring(m.mechanism);
    if (!m.data) {
      w.i32(-1);
      return;
    }
    w.i32(static_cast<int32_t>(m.data->size()));
    w.bytes(*m.data);
  });
}
void encode(std::string& out, const SaslResponse& m) {
  message(out, 'p', [&](ByteWriter& w) { w.bytes(m.data); });
}

}  // namespace eddy::protocol
