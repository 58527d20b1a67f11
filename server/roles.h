#pragma once
// Roles as the rest of the server sees them (pg_roles / pg_authid views, SHOW, sessions):
// what Database::roles() returns. Passwords never leave server/role_catalog.h.

#include <cstdint>
#include <string>
#include <string_view>

namespace eddy {

// The bootstrap superuser: always exists, SUPERUSER LOGIN, oid 10 as PostgreSQL's.
inline constexpr uint32_t kBootstrapSuperuserOid = 10;
inline constexpr std::string_view kBootstrapSuperuserName = "eddy";
// Roles created with CREATE ROLE get oids from here on (PostgreSQL's FirstNormalObjectId);
// oids are persisted and never reused.
inline constexpr uint32_t kFirstRoleOid = 16384;

struct RoleInfo {
  uint32_t oid = 0;
  std::string name;
  bool superuser = false;  // rolsuper
  bool login = false;      // rolcanlogin
  bool has_password = false;  // pg_authid.rolpassword IS NOT NULL (pg_roles shows '********')
};

}  // namespace eddy
