#pragma once
// The live sessions of a server: how many there are (--max-connections) and, by their
// BackendKeyData (process id, secret key), whose statement a CancelRequest interrupts.
//
// A connection takes a Slot once its StartupMessage arrives (PostgreSQL counts backends, and a
// CancelRequest never becomes one) and keeps it until it closes; when all are taken the
// session answers FATAL 53300 "sorry, too many clients already". After authentication the slot
// gets its key: a process id unique among live sessions and a secret from OpenSSL's CSPRNG.
//
// Thread-safe: sessions on every io thread and the listener's thread use it.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "common/interrupt.h"

namespace eddy {

class SessionRegistry {
 public:
  explicit SessionRegistry(unsigned max_sessions) : max_sessions_(max_sessions) {}

  // A session's place; releasing it (destruction) forgets its key. Movable, not copyable.
  class Slot {
   public:
    Slot(Slot&& other) noexcept
        : registry_(other.registry_), process_id_(other.process_id_), secret_key_(other.secret_key_) {
      other.registry_ = nullptr;
    }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot();
    int32_t process_id() const { return process_id_; }
    int32_t secret_key() const { return secret_key_; }

   private:
    friend class SessionRegistry;
    explicit Slot(SessionRegistry* registry) : registry_(registry) {}
    SessionRegistry* registry_;
    int32_t process_id_ = 0;  // 0 until register_cancel_key()
    int32_t secret_key_ = 0;
  };

  // A slot, or nullopt when max_sessions are taken.
  std::optional<Slot> admit();
  // Gives `slot` its BackendKeyData; a CancelRequest with that key then cancels `interrupt`.
  void register_cancel_key(Slot& slot, std::shared_ptr<StatementInterrupt> interrupt);
  // A CancelRequest: true when a live session has this key (its running statement, if any, is
  // then cancelled); false, and nothing happens, otherwise.
  bool cancel(int32_t process_id, int32_t secret_key);
  // Cancels every running statement (shutdown: sessions stop waiting for long statements).
  void cancel_all();
  unsigned sessions() const;

 private:
  struct Key {
    int32_t secret_key;
    std::shared_ptr<StatementInterrupt> interrupt;
  };
  void release(int32_t process_id);

  const unsigned max_sessions_;
  mutable std::mutex mutex_;
  unsigned sessions_ = 0;             // GUARDED_BY(mutex_)
  int32_t next_process_id_ = 1000;    // GUARDED_BY(mutex_)
  std::map<int32_t, Key> keys_;       // GUARDED_BY(mutex_), by process id
};

}  // namespace eddy
