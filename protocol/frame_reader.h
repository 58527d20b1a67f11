#pragma once
// Splits the bytes a client sends into complete frames, whatever pieces they arrive in.
//
// Two phases, as in PostgreSQL:
//   Startup  int32 length (itself included) then payload: StartupMessage, SSLRequest,
//            GSSENCRequest, CancelRequest. Valid when 8 <= length <= 10004, i.e. the payload
//            holds the 4-byte code and at most MAX_STARTUP_PACKET_LENGTH (10000) bytes.
//   Normal   1 type byte, int32 length (itself included, so >= 4), payload.
//            Payload limits: 65535 for 'p' (auth responses, PG_MAX_AUTH_TOKEN_LENGTH);
//            1 GiB - 2 (PQ_LARGE_MESSAGE_LIMIT) for 'Q' 'P' 'B' 'F' 'd' and for types the
//            reader does not know; 10000 (PQ_SMALL_MESSAGE_LIMIT) for the small control
//            messages 'S' 'H' 'X' 'C' 'D' 'E' 'c' 'f'.
// A length outside these limits throws ConnectionError 08P01 with notify_client() == false:
// framing is lost and PostgreSQL closes such a connection without a word. The limit is checked
// as soon as the 5-byte header is in, so a bogus length never makes the reader wait for (or
// allocate) a gigabyte.
//
// Whether a type byte is a known message is the session's business, not the reader's.
//
// The session starts in Startup and calls set_phase(Phase::Normal) once it has accepted a
// StartupMessage. After answering 'S' to an SSLRequest it must check buffered() == 0 before
// the TLS handshake: bytes already buffered were sent in clear and may have been injected
// (CVE-2021-23214); PostgreSQL answers FATAL 08P01 "received unencrypted data after SSL request".
//
// Not thread-safe; one reader per connection.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace eddy::protocol {

inline constexpr uint32_t kMaxStartupPacketLength = 10000;  // MAX_STARTUP_PACKET_LENGTH
inline constexpr uint32_t kSmallMessageLimit = 10000;       // PQ_SMALL_MESSAGE_LIMIT
inline constexpr uint32_t kMaxAuthTokenLength = 65535;      // PG_MAX_AUTH_TOKEN_LENGTH

struct Frame {
  char type = 0;             // 0 for startup-phase packets
  std::string_view payload;  // after the length word; see FrameReader::next() for its lifetime
};

class FrameReader {
 public:
  enum class Phase { Startup, Normal };

  Phase phase() const { return phase_; }
  void set_phase(Phase p) { phase_ = p; }

  // Appends bytes received from the client.
  void feed(std::string_view bytes);
  // Zero-copy alternative to feed(): returns room for at least `n` bytes at the end of the
  // buffer; read from the socket into it, then commit() the number of bytes actually read
  // (possibly 0) before any other call.
  std::span<char> prepare(size_t n);
  void commit(size_t n);

  // The next complete frame, or nullopt when more bytes are needed. The payload views the
  // reader's buffer and stays valid until the next call to feed(), prepare() or next().
  // Throws ConnectionError (see above) on an invalid length; the reader is unusable afterwards.
  std::optional<Frame> next();

  // Bytes received but not yet returned as frames.
  size_t buffered() const { return buf_.size() - start_; }

  // The payload limit for a normal-phase message of `type` (see the table above).
  static uint32_t max_payload(char type);

 private:
  void compact();

  static constexpr size_t kNotPrepared = size_t(-1);

  std::string buf_;
  size_t start_ = 0;                    // first byte not yet returned
  size_t prepared_at_ = kNotPrepared;   // where prepare()'s room starts, until commit()
  Phase phase_ = Phase::Startup;
};

}  // namespace eddy::protocol
