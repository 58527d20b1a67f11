#pragma once
// The packets of the startup phase (untyped frames, see frame_reader.h), told apart by the
// int32 code that opens their payload.
//
//   StartupMessage  int32 196608 + minor (3.x) | { cstring name, cstring value }* | byte 0
//   CancelRequest   int32 80877102 | int32 pid | int32 secret
//   SSLRequest      int32 80877103
//   GSSENCRequest   int32 80877104
//
// Errors, all ConnectionError (the connection closes):
//   unsupported major version   0A000, sent as FATAL ("unsupported frontend protocol 2.0: server
//                               supports 3.0 to 3.0")
//   bad layout                  08P01, sent as FATAL ("invalid startup packet layout: expected
//                               terminator as last byte")
//   no user name                28000, sent as FATAL
//   bad CancelRequest length    08P01, silent (PostgreSQL only logs it)

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace eddy::protocol {

inline constexpr int32_t kProtocolVersion3 = 3 << 16;  // 196608, "3.0"
inline constexpr int32_t kCancelRequestCode = (1234 << 16) | 5678;  // 80877102
inline constexpr int32_t kSslRequestCode = (1234 << 16) | 5679;     // 80877103
inline constexpr int32_t kGssEncRequestCode = (1234 << 16) | 5680;  // 80877104

struct StartupMessage {
  int32_t protocol_version = kProtocolVersion3;  // major << 16 | minor
  // Every name/value pair except "_pq_." options, in the order sent ("user", "database",
  // "application_name", "client_encoding", "options", GUCs ...).
  std::vector<std::pair<std::string, std::string>> parameters;
  // Names of "_pq_." protocol options, none of which Eddy knows.
  std::vector<std::string> unrecognized_options;
  std::string user;      // never empty (checked)
  std::string database;  // defaults to the user name, as in PostgreSQL

  int minor_version() const { return protocol_version & 0xffff; }
  // The value of parameter `name`, or nullptr.
  const std::string* find(std::string_view name) const;
  // True when the session must send NegotiateProtocolVersion before anything else: the client
  // asked for 3.x with x > 0, or sent options Eddy does not know.
  bool needs_negotiation() const { return minor_version() > 0 || !unrecognized_options.empty(); }
};

struct CancelRequest {
  int32_t process_id = 0;
  int32_t secret_key = 0;
};
struct SslRequest {};
struct GssEncRequest {};

using StartupPacket = std::variant<StartupMessage, CancelRequest, SslRequest, GssEncRequest>;

// Decodes the payload of a startup-phase frame. Throws ConnectionError as listed above.
StartupPacket decode_startup_packet(std::string_view payload);

// Encodes a whole startup packet, length word included (for tests, tools and the fuzzer's seeds).
std::string encode_startup_message(const std::vector<std::pair<std::string, std::string>>& params,
                                   int32_t protocol_version = kProtocolVersion3);
std::string encode_cancel_request(int32_t process_id, int32_t secret_key);
std::string encode_ssl_request();
std::string encode_gssenc_request();

}  // namespace eddy::protocol
