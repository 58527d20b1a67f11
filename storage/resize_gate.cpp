#include "storage/resize_gate.h"

namespace eddy::storage {

void ResizeGate::lock_shared() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !exclusive_ && pending_ == 0; });
  ++readers_;
}

void ResizeGate::unlock_shared() {
  std::lock_guard lock(mutex_);
  if (--readers_ == 0) changed_.notify_all();
}

bool ResizeGate::try_lock_exclusive_for(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  ++pending_;
  bool free = changed_.wait_for(lock, wait, [&] { return !exclusive_ && readers_ == 0; });
  --pending_;
  if (!free) {
    changed_.notify_all();  // readers held back by this attempt may enter again
    return false;
  }
  exclusive_ = true;
  return true;
}

void ResizeGate::unlock_exclusive() {
  std::lock_guard lock(mutex_);
  exclusive_ = false;
  changed_.notify_all();
}

size_t ResizeGate::readers() const {
  std::lock_guard lock(mutex_);
  return readers_;
}

}  // namespace eddy::storage
