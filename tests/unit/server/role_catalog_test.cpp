// Roles in the store: what survives a restart, and how passwords are kept.

#include <catch.hpp>

#include <filesystem>
#include <random>

#include "common/error.h"
#include "server/auth/scram_verifier.h"
#include "server/database.h"

using namespace eddy;

namespace {

// A fresh data directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("eddy-roles-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

std::unique_ptr<Database> open(const TempDir& dir) {
  DatabaseOptions options;
  options.data_dir = dir.path.string();
  std::string error;
  auto db = Database::open(options, error);
  INFO(error);
  REQUIRE(db);
  return db;
}

}  // namespace

TEST_CASE("the bootstrap superuser exists from the start") {
  Database db(DatabaseOptions{});
  auto roles = db.roles();
  REQUIRE(roles.size() == 1);
  CHECK(roles[0].oid == 10);
  CHECK(roles[0].name == "eddy");
  CHECK(roles[0].superuser);
  CHECK(roles[0].login);
  CHECK_FALSE(roles[0].has_password);
  CHECK_FALSE(db.role_catalog().any_password_login());
}

TEST_CASE("roles, their oids and passwords survive a restart") {
  TempDir dir;
  uint32_t alice_oid = 0;
  {
    auto db = open(dir);
    Role alice;
    alice.name = "alice";
    alice.login = true;
    alice.password = auth::scram_verifier_text("wonderland");
    alice_oid = db->role_catalog().create(alice).oid;
    CHECK(alice_oid == kFirstRoleOid);
    Role bob;
    bob.name = "bob";
    CHECK(db->role_catalog().create(bob).oid == kFirstRoleOid + 1);
    Role carol;
    carol.name = "carol";
    uint32_t carol_oid = db->role_catalog().create(carol).oid;
    CHECK(db->role_catalog().drop(carol_oid));
    db->role_catalog().set_bootstrap_password("root pw");
    CHECK(db->role_catalog().any_password_login());
  }
  auto db = open(dir);
  auto roles = db->roles();
  REQUIRE(roles.size() == 3);
  CHECK(roles[0].name == "eddy");
  CHECK(roles[0].has_password);
  CHECK(roles[1].name == "alice");
  CHECK(roles[1].oid == alice_oid);
  CHECK(roles[1].login);
  CHECK_FALSE(roles[1].superuser);
  CHECK(roles[2].name == "bob");
  CHECK_FALSE(roles[2].login);
  CHECK_FALSE(roles[2].has_password);

  auto alice = db->role_catalog().find("alice");
  REQUIRE(alice);
  auto verifier = auth::parse_scram_verifier(*alice->password);
  REQUIRE(verifier);
  CHECK(verifier->iterations == 4096);
  CHECK(auth::verify_scram_password(*verifier, "wonderland"));
  CHECK(auth::verify_scram_password(*auth::parse_scram_verifier(*db->role_catalog().find("eddy")->password), "root pw"));

  // The dropped role's oid is not given again, even after the restart.
  Role dave;
  dave.name = "dave";
  CHECK(db->role_catalog().create(dave).oid == kFirstRoleOid + 3);
}

TEST_CASE("the superuser password file keeps a matching verifier and replaces another") {
  Database db(DatabaseOptions{});
  db.role_catalog().set_bootstrap_password("one");
  const std::string first = *db.role_catalog().find("eddy")->password;
  db.role_catalog().set_bootstrap_password("one");
  CHECK(*db.role_catalog().find("eddy")->password == first);
  db.role_catalog().set_bootstrap_password("two");
  const std::string second = *db.role_catalog().find("eddy")->password;
  CHECK(second != first);
  CHECK(auth::verify_scram_password(*auth::parse_scram_verifier(second), "two"));
}

TEST_CASE("the mock secret is made once and kept") {
  TempDir dir;
  std::string secret;
  {
    auto db = open(dir);
    secret = db->role_catalog().mock_secret();
    CHECK(secret.size() == 32);
  }
  CHECK(open(dir)->role_catalog().mock_secret() == secret);
}

TEST_CASE("role entries encode and decode") {
  Role r;
  r.oid = 16390;
  r.name = "x\"y";
  r.superuser = true;
  r.login = false;
  r.password = "SCRAM-SHA-256$4096:c2FsdA==$AAAA:BBBB";
  auto back = decode_role(encode_role(r));
  REQUIRE(back);
  CHECK(back->oid == r.oid);
  CHECK(back->name == r.name);
  CHECK(back->superuser);
  CHECK_FALSE(back->login);
  CHECK(back->password == r.password);
  r.password.reset();
  CHECK_FALSE(decode_role(encode_role(r))->password);
  CHECK_FALSE(decode_role("{\"v\":2}"));
  CHECK_FALSE(decode_role("not json"));
}

TEST_CASE("a duplicate name is 42710") {
  Database db(DatabaseOptions{});
  Role r;
  r.name = "eddy";
  CHECK_THROWS_WITH(db.role_catalog().create(r), "role \"eddy\" already exists");
}
