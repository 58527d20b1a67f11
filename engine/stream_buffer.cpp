#include "engine/stream_buffer.h"

#include <algorithm>
#include <numeric>

namespace eddy::engine {

void StreamBuffer::append(Batch batch) {
  if (batch.empty()) return;
  {
    std::lock_guard lock(mutex_);
    uint64_t n = batch.rows();
    chunks_.push_back(Chunk{size_, std::make_shared<const Batch>(std::move(batch))});
    size_ += n;
  }
  arrived_.notify_all();
}

bool StreamBuffer::read(uint64_t offset, Batch& out, std::chrono::milliseconds wait) {
  std::shared_ptr<const Batch> chunk;
  uint64_t start = 0;
  {
    std::unique_lock lock(mutex_);
    uint64_t seen_wakeups = wakeups_;
    arrived_.wait_for(lock, wait, [&] { return closed_ || size_ > offset || wakeups_ != seen_wakeups; });
    if (size_ <= offset) return false;
    auto it = std::upper_bound(chunks_.begin(), chunks_.end(), offset,
                               [](uint64_t off, const Chunk& c) { return off < c.start; });
    --it;  // the chunk holding `offset`
    chunk = it->rows;
    start = it->start;
  }
  if (offset == start) {
    out = *chunk;
  } else {
    std::vector<uint32_t> rows(chunk->rows() - (offset - start));
    std::iota(rows.begin(), rows.end(), static_cast<uint32_t>(offset - start));
    out = chunk->gather(rows);
  }
  return true;
}

uint64_t StreamBuffer::size() const {
  std::lock_guard lock(mutex_);
  return size_;
}

void StreamBuffer::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  arrived_.notify_all();
}

void StreamBuffer::notify() {
  {
    std::lock_guard lock(mutex_);
    ++wakeups_;
  }
  arrived_.notify_all();
}

PollResult BufferSource::poll(Batch& out, std::chrono::milliseconds wait) {
  if (!buffer_->read(offset_, out, wait)) return PollResult::Idle;
  offset_ += out.rows();
  return PollResult::Data;
}

}  // namespace eddy::engine
