#include "protocol/frame_reader.h"

#include <stdexcept>
#include <string>

#include "protocol/byte_buffer.h"
#include "protocol/connection_error.h"

namespace eddy::protocol {

namespace {

uint32_t read_u32(const char* p) {
  auto b = [p](int i) { return uint32_t(static_cast<uint8_t>(p[i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

[[noreturn]] void close_connection(const std::string& message) {
  throw ConnectionError(sqlstate::kProtocolViolation, message, /*notify_client=*/false);
}

}  // namespace

uint32_t FrameReader::max_payload(char type) {
  switch (type) {
    case 'p':
      return kMaxAuthTokenLength;
    case 'S': case 'H': case 'X': case 'C': case 'D': case 'E': case 'c': case 'f':
      return kSmallMessageLimit;
    default:
      return kMaxMessagePayload;
  }
}

void FrameReader::compact() {
  // Drop consumed bytes once they are the larger part, so the buffer does not grow without
  // bound on a long-lived connection yet a burst of small frames is not moved byte by byte.
  if (start_ == buf_.size()) {
    buf_.clear();
    start_ = 0;
  } else if (start_ > 4096 && start_ * 2 > buf_.size()) {
    buf_.erase(0, start_);
    start_ = 0;
  }
}

void FrameReader::feed(std::string_view bytes) {
  compact();
  buf_.append(bytes);
}

std::span<char> FrameReader::prepare(size_t n) {
  if (prepared_at_ != kNotPrepared) buf_.resize(prepared_at_);  // an uncommitted prepare() lapses
  compact();
  prepared_at_ = buf_.size();
  buf_.resize(prepared_at_ + n);
  return std::span<char>(buf_.data() + prepared_at_, n);
}

void FrameReader::commit(size_t n) {
  if (prepared_at_ == kNotPrepared || prepared_at_ + n > buf_.size())
    throw std::logic_error("FrameReader::commit without a matching prepare");
  buf_.resize(prepared_at_ + n);
  prepared_at_ = kNotPrepared;
}

std::optional<Frame> FrameReader::next() {
  const char* p = buf_.data() + start_;
  size_t avail = buffered();
  if (phase_ == Phase::Startup) {
    if (avail < 4) return std::nullopt;
    uint32_t len = read_u32(p);
    if (len < 8 || len - 4 > kMaxStartupPacketLength)
      close_connection("invalid length of startup packet");
    if (avail < len) return std::nullopt;
    start_ += len;
    return Frame{0, std::string_view(p + 4, len - 4)};
  }
  if (avail < 5) return std::nullopt;
  char type = p[0];
  uint32_t len = read_u32(p + 1);
  if (len < 4 || len - 4 > max_payload(type)) close_connection("invalid message length");
  if (avail - 1 < len) return std::nullopt;
  start_ += 1 + size_t(len);
  return Frame{type, std::string_view(p + 5, len - 4)};
}

}  // namespace eddy::protocol
