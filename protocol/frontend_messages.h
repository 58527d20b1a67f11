#pragma once
// Messages a client sends after startup (typed frames, see frame_reader.h): their decoders, and
// encoders for tests, tools and the fuzzer's seeds.
//
// Layouts (payload after type byte and int32 length; cstring = bytes + NUL):
//   'Q' Query        cstring sql
//   'P' Parse        cstring name | cstring query | int16 n | uint32 param_type_oid[n]
//   'B' Bind         cstring portal | cstring statement | int16 nf | int16 format[nf] |
//                    int16 np | { int32 len (-1 = NULL) | byte[len] }[np] | int16 nr | int16 fmt[nr]
//   'D' Describe     byte 'S' or 'P' | cstring name
//   'E' Execute      cstring portal | int32 max_rows (0 = all)
//   'C' Close        byte 'S' or 'P' | cstring name
//   'S' Sync, 'H' Flush, 'X' Terminate, 'c' CopyDone: empty
//   'd' CopyData     bytes
//   'f' CopyFail     cstring message
//   'F' FunctionCall (not decoded further, see below)
//   'p' one of, by the state of the authentication exchange:
//       PasswordMessage      cstring password
//       SASLInitialResponse  cstring mechanism | int32 len (-1 = none) | byte[len]
//       SASLResponse         bytes
//
// Malformed payloads throw SqlError 08P01 naming the message and the problem ("invalid Bind
// message: truncated int32 at offset 12 ..."); an error for one statement, not the connection.
// Format codes other than 0/1 throw 22023 "unsupported format code: 2"; invalid UTF-8 in SQL
// text, names or text-format parameters throws 22021. An unknown type byte throws
// ConnectionError 08P01 "invalid frontend message type 120", which PostgreSQL answers FATAL.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/frame_reader.h"

namespace eddy::protocol {

struct Query {
  std::string sql;
};
struct Parse {
  std::string name;  // "" = the unnamed statement
  std::string query;
  std::vector<uint32_t> param_types;  // 0 = let the server infer
};
struct Bind {
  std::string portal;     // "" = the unnamed portal
  std::string statement;  // "" = the unnamed statement
  std::vector<int16_t> param_formats;             // as sent: none, one for all, or one each
  std::vector<std::optional<std::string>> params;  // nullopt = NULL
  std::vector<int16_t> result_formats;             // as sent: none, one for all, or one each

  // The format code of parameter i (0 text, 1 binary), resolving the none/one/each convention.
  int16_t param_format(size_t i) const { return format_at(param_formats, i); }
  // The format code of result column i. The caller checks result_formats.size() is 0, 1 or the
  // number of result columns (PostgreSQL: "bind message has 3 result formats but query has 2
  // columns", 08P01).
  int16_t result_format(size_t i) const { return format_at(result_formats, i); }

  static int16_t format_at(const std::vector<int16_t>& f, size_t i) {
    return f.empty() ? 0 : f.size() == 1 ? f[0] : f[i];
  }
};
struct Describe {
  char kind = 'S';  // 'S' statement or 'P' portal
  std::string name;
};
struct Execute {
  std::string portal;
  int32_t max_rows = 0;  // <= 0: no limit
};
struct Close {
  char kind = 'S';  // 'S' statement or 'P' portal
  std::string name;
};
struct Sync {};
struct Flush {};
struct Terminate {};
struct CopyData {
  std::string_view data;  // views the frame's payload: valid as long as the Frame is
};
struct CopyDone {};
struct CopyFail {
  std::string message;
};
// A 'p' message before the session has decided which kind it is (see decode_password_message
// and the SASL decoders). Views the frame's payload.
struct AuthResponse {
  std::string_view payload;
};
// 'F', the fast-path function call, which Eddy does not offer: decoded only so that the session
// can answer ERROR 0A000 instead of dropping the connection. Views the frame's payload.
struct FunctionCall {
  std::string_view payload;
};
struct PasswordMessage {
  std::string password;
};
struct SaslInitialResponse {
  std::string mechanism;            // "SCRAM-SHA-256"
  std::optional<std::string> data;  // client-first-message; nullopt when length was -1
};
struct SaslResponse {
  std::string data;
};

using FrontendMessage = std::variant<Query, Parse, Bind, Describe, Execute, Close, Sync, Flush,
                                     Terminate, CopyData, CopyDone, CopyFail, AuthResponse,
                                     FunctionCall>;

// Decodes a normal-phase frame. Throws as described at the top of this file.
FrontendMessage decode_frontend_message(const Frame& frame);

Query decode_query(std::string_view payload);
Parse decode_parse(std::string_view payload);
Bind decode_bind(std::string_view payload);
Describe decode_describe(std::string_view payload);
Execute decode_execute(std::string_view payload);
Close decode_close(std::string_view payload);
CopyFail decode_copy_fail(std::string_view payload);
PasswordMessage decode_password_message(std::string_view payload);
SaslInitialResponse decode_sasl_initial_response(std::string_view payload);
SaslResponse decode_sasl_response(std::string_view payload);

// Encoders: append one whole message (type, length, payload) to `out`.
void encode(std::string& out, const Query& m);
void encode(std::string& out, const Parse& m);
void encode(std::string& out, const Bind& m);
void encode(std::string& out, const Describe& m);
void encode(std::string& out, const Execute& m);
void encode(std::string& out, const Close& m);
void encode(std::string& out, const Sync& m);
void encode(std::string& out, const Flush& m);
void encode(std::string& out, const Terminate& m);
void encode(std::string& out, const CopyData& m);
void encode(std::string& out, const CopyDone& m);
void encode(std::string& out, const CopyFail& m);
void encode(std::string& out, const PasswordMessage& m);
void encode(std::string& out, const SaslInitialResponse& m);
void encode(std::string& out, const SaslResponse& m);

}  // namespace eddy::protocol
