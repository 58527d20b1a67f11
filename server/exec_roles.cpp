// CREATE ROLE / CREATE USER, ALTER ROLE / ALTER USER, DROP ROLE / DROP USER, with PostgreSQL's
// messages and SQLSTATEs.
//
// Attributes Eddy keeps: SUPERUSER | NOSUPERUSER, LOGIN | NOLOGIN, PASSWORD 'x' | NULL. The
// other attributes pg_dumpall writes are accepted without effect where they change nothing:
// INHERIT | NOINHERIT and the NO- forms always; CREATEDB, CREATEROLE, REPLICATION and BYPASSRLS
// only for superusers, who have them anyway. Only superusers manage roles (there is no
// CREATEROLE privilege); any role may change its own password.

#include <cctype>
#include <optional>
#include <set>

#include "common/error.h"
#include "server/auth/scram_verifier.h"
#include "server/exec_internal.h"

namespace eddy::exec {

namespace {

struct RoleChanges {
  std::optional<bool> superuser;
  std::optional<bool> login;
  bool password_given = false;
  std::optional<std::string> password;  // the verifier to store; nullopt with password_given: clear
  std::vector<std::string> superuser_only;  // CREATEDB, CREATEROLE, ...: fine for superusers only
  bool only_password() const { return !superuser && !login && superuser_only.empty(); }
};

SqlError insufficient(std::string message) { return SqlError(sqlstate::kInsufficientPrivilege, std::move(message)); }

// PASSWORD 'x': a SCRAM verifier is kept as given (pg_dump's output), a password becomes one.
std::optional<std::string> stored_password(const std::string& given) {
  if (given.empty()) return std::nullopt;  // PASSWORD '' and PASSWORD NULL clear it
  switch (auth::password_form(given)) {
    case auth::PasswordForm::ScramVerifier: return given;
    case auth::PasswordForm::Md5Hash:
      throw SqlError(sqlstate::kFeatureNotSupported, "MD5-encrypted passwords are not supported")
          .with_hint("Give the password itself, or a SCRAM-SHA-256 verifier.");
    case auth::PasswordForm::Plain: break;
  }
  return auth::scram_verifier_text(given);
}

RoleChanges role_changes(const ast::CreateRole& stmt) {
  static const std::set<std::string> kIgnored = {"inherit",      "noinherit",     "nocreatedb",
                                                 "nocreaterole", "noreplication", "nobypassrls"};
  static const std::set<std::string> kSuperuserOnly = {"createdb", "createrole", "replication", "bypassrls"};
  RoleChanges c;
  std::set<std::string> seen;
  for (const auto& o : stmt.options) {
    const std::string& key = o.key;
    const std::string family = key.rfind("no", 0) == 0 ? key.substr(2) : key;  // LOGIN and NOLOGIN conflict
    if (!seen.insert(family).second) throw SqlError(sqlstate::kSyntaxError, "conflicting or redundant options", o.position);
    if (key == "superuser" || key == "nosuperuser") c.superuser = key == "superuser";
    else if (key == "login" || key == "nologin") c.login = key == "login";
    else if (key == "password") {
      c.password_given = true;
      c.password = stored_password(o.value);
    } else if (kSuperuserOnly.count(key)) c.superuser_only.push_back(key);
    else if (!kIgnored.count(key))
      throw SqlError(sqlstate::kSyntaxError, "syntax error at or near \"" + key + "\"", o.position);
  }
  return c;
}

void check_role_name(const std::string& name) {
  if (name.rfind("pg_", 0) == 0)
    throw SqlError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
        .with_detail("Role names starting with \"pg_\" are reserved.");
  if (name == "public" || name == "none")
    throw SqlError(sqlstate::kReservedName, "role name \"" + name + "\" is reserved");
}

bool is_superuser(Database& db, const SessionState& session) {
  auto me = db.role_catalog().find(session.user);
  return me && me->superuser;
}

void check_superuser_only(const RoleChanges& c, bool will_be_superuser) {
  if (c.superuser_only.empty() || will_be_superuser) return;
  std::string what = c.superuser_only.front();
  for (auto& ch : what) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  throw SqlError(sqlstate::kFeatureNotSupported, what + " is not supported for roles that are not superusers")
      .with_hint("In Eddy only superusers manage roles; SUPERUSER implies " + what + ".");
}

void create_role(Database& db, const ast::CreateRole& stmt, const SessionState& session, ResultWriter& out) {
  if (!is_superuser(db, session)) throw insufficient("permission denied to create role");
  check_role_name(stmt.name);
  RoleChanges c = role_changes(stmt);
  Role role;
  role.name = stmt.name;
  role.superuser = c.superuser.value_or(false);
  role.login = c.login.value_or(false);
  check_superuser_only(c, role.superuser);
  role.password = c.password;
  db.role_catalog().create(std::move(role));
  out.complete("CREATE ROLE");
}

void alter_role(Database& db, const ast::CreateRole& stmt, const SessionState& session, ResultWriter& out) {
  auto role = db.role_catalog().find(stmt.name);
  if (!role) throw SqlError(sqlstate::kUndefinedObject, "role \"" + stmt.name + "\" does not exist");
  RoleChanges c = role_changes(stmt);
  if (!is_superuser(db, session)) {
    if (role->superuser || c.superuser)
      throw insufficient("must be superuser to alter superuser roles or change superuser attribute");
    if (role->name != session.user || !c.only_password()) throw insufficient("permission denied");
  }
  if (role->oid == kBootstrapSuperuserOid && c.superuser == false)
    throw insufficient("permission denied to alter role")
        .with_detail("The bootstrap user must have the SUPERUSER attribute.");
  if (c.superuser) role->superuser = *c.superuser;
  if (c.login) role->login = *c.login;
  check_superuser_only(c, role->superuser);
  if (c.password_given) role->password = c.password;
  db.role_catalog().update(*role);
  out.complete("ALTER ROLE");
}

}  // namespace

void create_or_alter_role(Database& db, const ast::CreateRole& stmt, const SessionState& session, ResultWriter& out) {
  if (stmt.alter) alter_role(db, stmt, session, out);
  else create_role(db, stmt, session, out);
}

void drop_roles(Database& db, const ast::Drop& stmt, const SessionState& session, ResultWriter& out) {
  if (!is_superuser(db, session)) throw insufficient("permission denied to drop role");
  // Every name is checked before anything is dropped: a failing DROP ROLE drops nothing.
  std::vector<uint32_t> doomed;
  for (const auto& name : stmt.names) {
    auto role = db.role_catalog().find(name);
    if (!role) {
      if (!stmt.if_exists) throw SqlError(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
      out.notice("role \"" + name + "\" does not exist, skipping");
      continue;
    }
    if (role->name == session.user) throw SqlError(sqlstate::kObjectInUse, "current user cannot be dropped");
    if (role->oid == kBootstrapSuperuserOid)
      throw SqlError(sqlstate::kDependentObjectsStillExist,
                     "cannot drop role " + role->name + " because it is required by the database system");
    doomed.push_back(role->oid);
  }
  for (uint32_t oid : doomed) db.role_catalog().drop(oid);
  out.complete("DROP ROLE");
}

}  // namespace eddy::exec
