#include "server/role_catalog.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/log.h"
#include "server/auth/crypto.h"
#include "server/auth/scram_verifier.h"
#include "storage/snapshot.h"
#include "storage/store.h"

namespace eddy {

using nlohmann::json;

namespace {

constexpr std::string_view kRolePrefix = "role/";
constexpr std::string_view kMockSecretKey = "auth/mock_secret";
constexpr std::string_view kNextOidKey = "auth/next_role_oid";

std::string role_key(uint32_t oid) { return std::string(kRolePrefix) + std::to_string(oid); }

void check(const storage::Status& st, const char* what) {
  if (!st.ok()) throw SqlError(st.sqlstate(), std::string(what) + ": " + st.message());
}

Role bootstrap_role() {
  Role r;
  r.oid = kBootstrapSuperuserOid;
  r.name = std::string(kBootstrapSuperuserName);
  r.superuser = true;
  r.login = true;
  return r;
}

}  // namespace

std::string encode_role(const Role& r) {
  json j{{"v", 1}, {"oid", r.oid}, {"name", r.name}, {"superuser", r.superuser}, {"login", r.login}};
  j["password"] = r.password ? json(*r.password) : json(nullptr);
  return j.dump();
}

std::optional<Role> decode_role(std::string_view text) {
  try {
    json j = json::parse(text);
    if (j.value("v", 0) != 1) return std::nullopt;
    Role r;
    r.oid = j.at("oid").get<uint32_t>();
    r.name = j.at("name").get<std::string>();
    r.superuser = j.at("superuser").get<bool>();
    r.login = j.at("login").get<bool>();
    if (!j.at("password").is_null()) r.password = j.at("password").get<std::string>();
    return r;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

RoleCatalog::RoleCatalog(storage::Store& store) : store_(store) {}

void RoleCatalog::load() {
  std::map<uint32_t, Role> roles;
  std::optional<std::string> secret, next_oid;
  {
    storage::Snapshot snapshot;
    check(store_.snapshot(snapshot), "cannot read the roles");
    check(snapshot.scan_state(kRolePrefix,
                              [&](std::string_view key, std::string_view value) {
                                auto r = decode_role(value);
                                if (r) roles[r->oid] = std::move(*r);
                                else log::error("role entry " + std::string(key) + " is unreadable; left out");
                                return true;
                              }),
          "cannot read the roles");
    check(snapshot.get_state(kMockSecretKey, secret), "cannot read the roles");
    check(snapshot.get_state(kNextOidKey, next_oid), "cannot read the roles");
  }
  if (!secret) {
    secret = auth::random_bytes(32);
    storage::EpochWrite w;
    w.put_state.emplace_back(std::string(kMockSecretKey), *secret);
    check(store_.commit(w), "cannot store the authentication secret");
  }
  if (!roles.count(kBootstrapSuperuserOid)) roles[kBootstrapSuperuserOid] = bootstrap_role();
  std::lock_guard lock(mutex_);
  roles_ = std::move(roles);
  mock_secret_ = std::move(*secret);
  next_oid_ = std::max(kFirstRoleOid, roles_.rbegin()->first + 1);
  uint32_t stored = 0;
  if (next_oid) std::from_chars(next_oid->data(), next_oid->data() + next_oid->size(), stored);
  next_oid_ = std::max(next_oid_, stored);
}

std::optional<Role> RoleCatalog::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  for (const auto& [oid, r] : roles_)
    if (r.name == name) return r;
  return std::nullopt;
}

std::vector<RoleInfo> RoleCatalog::list() const {
  std::lock_guard lock(mutex_);
  std::vector<RoleInfo> out;
  out.reserve(roles_.size());
  for (const auto& [oid, r] : roles_) out.push_back(r.info());
  return out;
}

bool RoleCatalog::any_password_login() const {
  std::lock_guard lock(mutex_);
  return std::any_of(roles_.begin(), roles_.end(), [](const auto& e) { return e.second.login && e.second.password; });
}

void RoleCatalog::persist(const Role& role, uint32_t next_oid) {
  storage::EpochWrite w;
  w.put_state.emplace_back(role_key(role.oid), encode_role(role));
  if (next_oid != 0) w.put_state.emplace_back(std::string(kNextOidKey), std::to_string(next_oid));
  check(store_.commit(w), "could not store the role");
}

Role RoleCatalog::create(Role role) {
  std::lock_guard lock(mutex_);
  for (const auto& [oid, r] : roles_)
    if (r.name == role.name) throw SqlError(sqlstate::kDuplicateObject, "role \"" + role.name + "\" already exists");
  role.oid = next_oid_;
  persist(role, next_oid_ + 1);  // oids of dropped roles are not given again, even after a restart
  ++next_oid_;
  roles_[role.oid] = role;
  return role;
}

void RoleCatalog::update(const Role& role) {
  std::lock_guard lock(mutex_);
  auto it = roles_.find(role.oid);
  if (it == roles_.end()) throw SqlError(sqlstate::kUndefinedObject, "role \"" + role.name + "\" does not exist");
  Role changed = role;
  changed.name = it->second.name;
  persist(changed);
  it->second = std::move(changed);
}

bool RoleCatalog::drop(uint32_t oid) {
  std::lock_guard lock(mutex_);
  if (!roles_.count(oid)) return false;
  storage::EpochWrite w;
  w.erase_state.push_back(role_key(oid));
  check(store_.commit(w), "could not drop the role");
  roles_.erase(oid);
  return true;
}

void RoleCatalog::set_bootstrap_password(std::string_view password) {
  std::lock_guard lock(mutex_);
  Role& r = roles_.at(kBootstrapSuperuserOid);
  if (r.password) {
    auto v = auth::parse_scram_verifier(*r.password);
    if (v && auth::verify_scram_password(*v, password)) return;
  }
  Role changed = r;
  changed.password = auth::scram_verifier_text(password);
  persist(changed);
  r = std::move(changed);
}

}  // namespace eddy
