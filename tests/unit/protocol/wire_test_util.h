#pragma once
// Helpers for the protocol tests: split a stream of backend messages and read their fields,
// the way a client would, so every encoder is checked against an independent decoder.

#include <catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "protocol/byte_buffer.h"

namespace eddy::protocol::test {

struct Msg {
  char type = 0;
  std::string payload;
};

// Splits typed messages; fails the test on a bad length or leftover bytes.
inline std::vector<Msg> split_messages(std::string_view bytes) {
  std::vector<Msg> out;
  ByteReader in(bytes, "backend stream");
  while (!in.at_end()) {
    char type = static_cast<char>(in.u8());
    int32_t len = in.i32();
    REQUIRE(len >= 4);
    out.push_back(Msg{type, std::string(in.bytes(static_cast<size_t>(len - 4)))});
  }
  return out;
}

// The single message in `bytes`, which must be of `type`.
inline Msg only_message(std::string_view bytes, char type) {
  auto msgs = split_messages(bytes);
  REQUIRE(msgs.size() == 1);
  REQUIRE(msgs[0].type == type);
  return msgs[0];
}

// Fields of an ErrorResponse / NoticeResponse payload.
inline std::map<char, std::string> error_fields(std::string_view payload) {
  std::map<char, std::string> f;
  ByteReader in(payload, "ErrorResponse");
  while (true) {
    char code = static_cast<char>(in.u8());
    if (code == 0) break;
    f[code] = std::string(in.cstring());
  }
  REQUIRE(in.at_end());
  return f;
}

// Fields of a DataRow payload (nullopt = NULL).
inline std::vector<std::optional<std::string>> data_row_fields(std::string_view payload) {
  std::vector<std::optional<std::string>> f;
  ByteReader in(payload, "DataRow");
  int16_t n = in.i16();
  for (int16_t i = 0; i < n; ++i) {
    int32_t len = in.i32();
    if (len == -1) {
      f.emplace_back();
      continue;
    }
    f.emplace_back(std::string(in.bytes(static_cast<size_t>(len))));
  }
  REQUIRE(in.at_end());
  return f;
}

// Big-endian helpers for building inputs by hand.
inline std::string be32(uint32_t v) {
  std::string s;
  ByteWriter(s).u32(v);
  return s;
}
inline std::string be16(uint16_t v) {
  std::string s;
  ByteWriter(s).u16(v);
  return s;
}
inline std::string frame(char type, std::string_view payload) {
  std::string s(1, type);
  s += be32(static_cast<uint32_t>(payload.size() + 4));
  s += payload;
  return s;
}

// Runs `f`, requiring it to throw SqlError with `sqlstate`; returns the message.
template <typename F>
std::string sql_error_of(F&& f, const std::string& sqlstate) {
  try {
    f();
  } catch (const SqlError& e) {
    INFO("message: " << e.message());
    CHECK(e.sqlstate() == sqlstate);
    return e.message();
  }
  FAIL("expected SqlError " << sqlstate);
  return {};
}

}  // namespace eddy::protocol::test
