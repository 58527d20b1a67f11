#pragma once
// The rows of a stream fed over the wire (INSERT / COPY into a stream with no USING). Appends
// are kept in order as immutable chunks; each reader keeps its own offset, so a view created
// later reads the stream from its beginning, like every other replayable source.
//
// Thread-safe: sessions append, runners read.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/column.h"
#include "engine/source.h"

namespace eddy::engine {

class StreamBuffer {
 public:
  explicit StreamBuffer(std::vector<Type> types) : types_(std::move(types)) {}

  const std::vector<Type>& types() const { return types_; }
  // Appends a batch in the stream's layout; wakes waiting readers.
  void append(Batch batch);
  // Rows from `offset` on, at most one chunk's worth; waits up to `wait` for rows to appear.
  // Returns false when none are available (or the buffer was closed).
  bool read(uint64_t offset, Batch& out, std::chrono::milliseconds wait);
  uint64_t size() const;
  // Wakes every reader (on DROP or shutdown).
  void close();
  void notify();

 private:
  struct Chunk {
    uint64_t start;
    std::shared_ptr<const Batch> rows;
  };
  std::vector<Type> types_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Chunk> chunks_;
  uint64_t size_ = 0;
  bool closed_ = false;
  uint64_t wakeups_ = 0;
};

// A Source over a StreamBuffer.
class BufferSource final : public Source {
 public:
  BufferSource(std::shared_ptr<StreamBuffer> buffer, std::string name, uint64_t offset = 0)
      : buffer_(std::move(buffer)), name_(std::move(name)), offset_(offset) {}
  PollResult poll(Batch& out, std::chrono::milliseconds wait) override;
  uint64_t offset() const override { return offset_; }
  void interrupt() override { buffer_->notify(); }
  std::string describe() const override { return "stream " + name_ + " (rows sent over the wire)"; }
  bool caught_up() const override { return offset_ >= buffer_->size(); }

 private:
  std::shared_ptr<StreamBuffer> buffer_;
  std::string name_;
  uint64_t offset_;
};

}  // namespace eddy::engine
