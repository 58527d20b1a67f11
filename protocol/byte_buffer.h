#pragma once
// Big-endian byte writing and bounds-checked reading, the two primitives every message in this
// folder is built from.
//
// ByteWriter appends to a caller-owned std::string (so a session can batch many messages into one
// socket write). ByteReader reads from a string_view it does not own and throws SqlError — by
// default 08P01 protocol_violation, naming the message being read — whenever a field would run
// past the end, so no decoder can read out of bounds whatever the input.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/error.h"

namespace eddy::protocol {

// Largest payload PostgreSQL accepts or produces for one message (PQ_LARGE_MESSAGE_LIMIT,
// MaxAllocSize - 1). A message is 1 type byte + 4 length bytes + payload.
inline constexpr uint32_t kMaxMessagePayload = 0x3fffffff - 1;

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}

  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void i16(int16_t v) { u16(static_cast<uint16_t>(v)); }
  void u16(uint16_t v) {
    char b[2] = {static_cast<char>(v >> 8), static_cast<char>(v)};
    out_.append(b, 2);
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void u32(uint32_t v) {
    char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                 static_cast<char>(v)};
    out_.append(b, 4);
  }
  void i64(int64_t v) {
    u32(static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32));
    u32(static_cast<uint32_t>(static_cast<uint64_t>(v)));
  }
  void bytes(std::string_view b) { out_.append(b); }
  // A NUL-terminated string. `s` must not contain NUL itself (it would end the string early for
  // the reader); callers pass identifiers and SQL text, which never do.
  void cstring(std::string_view s) {
    out_.append(s);
    out_.push_back('\0');
  }

  // Starts a typed message: writes `type` and a length placeholder. Returns the offset of the
  // length word, to be handed to end_message() once the payload is written.
  size_t begin_message(char type) {
    out_.push_back(type);
    return begin_length();
  }
  // Starts an untyped length-prefixed block (startup packets, or a DataRow field's length).
  size_t begin_length() {
    size_t at = out_.size();
    u32(0);
    return at;
  }
  // Back-patches the length word at `at` with the number of bytes from it to the end, itself
  // included (PostgreSQL's message length convention). Throws 54000 past kMaxMessagePayload.
  void end_message(size_t at) { patch_u32(at, checked_length(out_.size() - at)); }
  // Back-patches the length word at `at` with the number of bytes after it (the field length
  // convention of DataRow and Bind).
  void end_field(size_t at) { patch_u32(at, checked_length(out_.size() - at - 4)); }

  std::string& buffer() { return out_; }

 private:
  static uint32_t checked_length(size_t n) {
    if (n > kMaxMessagePayload + 4)
      throw SqlError(sqlstate::kProgramLimitExceeded,
                     "message of " + std::to_string(n) + " bytes exceeds the protocol limit of 1 GB");
    return static_cast<uint32_t>(n);
  }
  void patch_u32(size_t at, uint32_t v) {
    out_[at] = static_cast<char>(v >> 24);
    out_[at + 1] = static_cast<char>(v >> 16);
    out_[at + 2] = static_cast<char>(v >> 8);
    out_[at + 3] = static_cast<char>(v);
  }

  std::string& out_;
};

class ByteReader {
 public:
  // `what` names the message for error texts ("Bind message", "startup packet", "int4 value").
  // `sqlstate` is raised on truncation or trailing bytes: 08P01 for messages, 22P03 for binary
  // values.
  ByteReader(std::string_view data, const char* what,
             const char* sqlstate = sqlstate::kProtocolViolation)
      : data_(data), what_(what), sqlstate_(sqlstate) {}

  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }
  size_t position() const { return pos_; }

  uint8_t u8() {
    need(1, "byte");
    return static_cast<uint8_t>(data_[pos_++]);
  }
  uint16_t u16() {
    need(2, "int16");
    uint16_t v = static_cast<uint16_t>((byte(0) << 8) | byte(1));
    pos_ += 2;
    return v;
  }
  int16_t i16() { return static_cast<int16_t>(u16()); }
  uint32_t u32() {
    need(4, "int32");
    uint32_t v = (uint32_t(byte(0)) << 24) | (uint32_t(byte(1)) << 16) | (uint32_t(byte(2)) << 8) |
                 uint32_t(byte(3));
    pos_ += 4;
    return v;
  }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() {
    uint64_t hi = u32();
    uint64_t lo = u32();
    return static_cast<int64_t>((hi << 32) | lo);
  }
  // `n` raw bytes, as a view into the input.
  std::string_view bytes(size_t n) {
    need(n, "bytes");
    std::string_view v = data_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  // Everything not read yet.
  std::string_view rest() {
    std::string_view v = data_.substr(pos_);
    pos_ = data_.size();
    return v;
  }
  // A NUL-terminated string (the NUL is consumed, not returned).
  std::string_view cstring() {
    if (at_end()) fail("missing string at offset " + std::to_string(pos_));
    const char* start = data_.data() + pos_;
    const void* nul = std::memchr(start, '\0', remaining());
    if (nul == nullptr) fail("missing NUL terminator of the string at offset " + std::to_string(pos_));
    size_t n = static_cast<const char*>(nul) - start;
    pos_ += n + 1;
    return std::string_view(start, n);
  }
  // Throws unless every byte was read (PostgreSQL's pq_getmsgend).
  void expect_end() {
    if (!at_end())
      fail(std::to_string(remaining()) + " unexpected trailing byte" + (remaining() == 1 ? "" : "s"));
  }

  [[noreturn]] void fail(const std::string& problem) const {
    throw SqlError(sqlstate_, std::string("invalid ") + what_ + ": " + problem);
  }

 private:
  unsigned byte(size_t i) const { return static_cast<uint8_t>(data_[pos_ + i]); }
  void need(size_t n, const char* field) const {
    if (remaining() < n)
      fail(std::string("truncated ") + field + " at offset " + std::to_string(pos_) + " (" +
           std::to_string(n) + " bytes needed, " + std::to_string(remaining()) + " left)");
  }

  std::string_view data_;
  size_t pos_ = 0;
  const char* what_;
  const char* sqlstate_;
};

}  // namespace eddy::protocol
