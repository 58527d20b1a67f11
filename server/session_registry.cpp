#include "server/session_registry.h"

#include <cstring>
#include <limits>

#include "server/auth/crypto.h"

namespace eddy {

SessionRegistry::Slot::~Slot() {
  if (registry_) registry_->release(process_id_);
}

SessionRegistry::Slot& SessionRegistry::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (registry_) registry_->release(process_id_);
    registry_ = other.registry_;
    process_id_ = other.process_id_;
    secret_key_ = other.secret_key_;
    other.registry_ = nullptr;
  }
  return *this;
}

std::optional<SessionRegistry::Slot> SessionRegistry::admit() {
  std::lock_guard lock(mutex_);
  if (sessions_ >= max_sessions_) return std::nullopt;
  ++sessions_;
  return Slot(this);
}

void SessionRegistry::register_cancel_key(Slot& slot, std::shared_ptr<StatementInterrupt> interrupt) {
  std::string random = auth::random_bytes(sizeof(int32_t));
  int32_t secret = 0;
  std::memcpy(&secret, random.data(), sizeof secret);
  std::lock_guard lock(mutex_);
  if (slot.process_id_ != 0) keys_.erase(slot.process_id_);
  // The next free process id; sessions are far fewer than ids, so this ends at once.
  do {
    next_process_id_ = next_process_id_ == std::numeric_limits<int32_t>::max() ? 1000 : next_process_id_ + 1;
  } while (keys_.count(next_process_id_));
  slot.process_id_ = next_process_id_;
  slot.secret_key_ = secret;
  keys_[slot.process_id_] = Key{secret, std::move(interrupt)};
}

bool SessionRegistry::cancel(int32_t process_id, int32_t secret_key) {
  std::shared_ptr<StatementInterrupt> target;
  {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(process_id);
    if (it == keys_.end() || it->second.secret_key != secret_key) return false;
    target = it->second.interrupt;
  }
  target->request_cancel();
  return true;
}

void SessionRegistry::cancel_all() {
  std::lock_guard lock(mutex_);
  for (auto& [pid, key] : keys_) key.interrupt->request_cancel();
}

unsigned SessionRegistry::sessions() const {
  std::lock_guard lock(mutex_);
  return sessions_;
}

void SessionRegistry::release(int32_t process_id) {
  std::lock_guard lock(mutex_);
  --sessions_;
  if (process_id != 0) keys_.erase(process_id);
}

}  // namespace eddy
