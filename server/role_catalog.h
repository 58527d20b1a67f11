#pragma once
// The roles: CREATE / ALTER / DROP ROLE and what authentication reads, persisted in the store's
// state beside the catalog (storage/README.md):
//
//   role/<oid>        {"v":1, "oid", "name", "superuser", "login", "password": verifier | null}
//   auth/mock_secret  32 random bytes, made once: the key of SCRAM's mock salts (scram_exchange.h)
//   auth/next_role_oid  the next oid CREATE ROLE gives, as decimal text (oids are never reused)
//
// Passwords are kept only as SCRAM-SHA-256 verifiers (server/auth/scram_verifier.h). The
// bootstrap superuser (roles.h) always exists: it is added in memory when the store has no
// entry for it, and written once it changes.
//
// Thread-safe: sessions read and change roles concurrently. A change is committed to the store
// before it becomes visible, one commit per statement; changes are serialized.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/roles.h"

namespace eddy {

namespace storage {
class Store;
}

struct Role {
  uint32_t oid = 0;
  std::string name;
  bool superuser = false;
  bool login = false;
  std::optional<std::string> password;  // SCRAM-SHA-256 verifier text; nullopt: none

  RoleInfo info() const { return RoleInfo{oid, name, superuser, login, password.has_value()}; }
};

std::string encode_role(const Role& role);
// nullopt when the bytes are not a role of a known version.
std::optional<Role> decode_role(std::string_view json);

class RoleCatalog {
 public:
  explicit RoleCatalog(storage::Store& store);

  // Reads the roles and the mock secret (creating it on first start). Throws SqlError when the
  // store cannot be read or written. Call once, before any other method.
  void load();

  std::optional<Role> find(std::string_view name) const;
  // Every role, by oid.
  std::vector<RoleInfo> list() const;
  // True when some LOGIN role has a password: someone can log in with a password method.
  bool any_password_login() const;

  // Adds a role with the next oid and returns it. Throws SqlError 42710 `role "x" already
  // exists`, or the store's error (53100 disk full, ...) with nothing changed.
  Role create(Role role);
  // Replaces the role with role.oid (its name stays). Throws 42704 when it no longer exists.
  void update(const Role& role);
  // Removes a role; false when there is none with that oid.
  bool drop(uint32_t oid);
  // --superuser-password-file: gives the bootstrap superuser `password`, keeping the stored
  // verifier when it already matches (so a restart does not rewrite it).
  void set_bootstrap_password(std::string_view password);

  // The secret mock salts are derived from.
  const std::string& mock_secret() const { return mock_secret_; }

 private:
  // Writes `role` and, unless 0, the next oid to give, in one commit. REQUIRES(mutex_).
  void persist(const Role& role, uint32_t next_oid = 0);

  storage::Store& store_;
  mutable std::mutex mutex_;
  std::map<uint32_t, Role> roles_;  // GUARDED_BY(mutex_), by oid
  uint32_t next_oid_ = kFirstRoleOid;  // GUARDED_BY(mutex_)
  std::string mock_secret_;  // written by load() only
};

}  // namespace eddy
