// CREATE / ALTER / DROP ROLE through the executor, with PostgreSQL's errors.

#include <catch.hpp>

#include "common/error.h"
#include "common/interrupt.h"
#include "common/value_text.h"
#include "grammar/parser.h"
#include "server/auth/scram_verifier.h"
#include "server/database.h"
#include "server/executor.h"

using namespace eddy;

namespace {

class Capture : public ResultWriter {
 public:
  std::string tag;
  std::vector<std::string> notices;
  void describe(const std::vector<OutputColumn>&) override {}
  void rows(const Batch&) override {}
  void complete(const std::string& t) override { tag = t; }
  void notice(const std::string& m) override { notices.push_back(m); }
};

struct Fixture {
  Database db{DatabaseOptions{}};
  Executor executor{db};
  SessionState session;  // user eddy, the bootstrap superuser

  // The tag, or "SQLSTATE message" of the error.
  std::string run(const std::string& sql, SessionState* as = nullptr, Capture* capture = nullptr) {
    Capture local;
    Capture& out = capture ? *capture : local;
    try {
      for (const auto& st : parse_sql(sql)) executor.execute(st, as ? *as : session, out);
    } catch (const SqlError& e) {
      return e.sqlstate() + " " + e.message();
    }
    return out.tag;
  }
  std::optional<Role> role(const std::string& name) { return db.role_catalog().find(name); }
};

}  // namespace

TEST_CASE("CREATE ROLE and CREATE USER") {
  Fixture f;
  CHECK(f.run("CREATE ROLE reader") == "CREATE ROLE");
  REQUIRE(f.role("reader"));
  CHECK_FALSE(f.role("reader")->login);
  CHECK_FALSE(f.role("reader")->superuser);
  CHECK_FALSE(f.role("reader")->password);

  CHECK(f.run("CREATE USER writer WITH PASSWORD 'pw'") == "CREATE ROLE");
  CHECK(f.role("writer")->login);
  auto v = auth::parse_scram_verifier(*f.role("writer")->password);
  REQUIRE(v);
  CHECK(auth::verify_scram_password(*v, "pw"));

  CHECK(f.run("CREATE ROLE boss WITH SUPERUSER LOGIN PASSWORD 'x'") == "CREATE ROLE");
  CHECK(f.role("boss")->superuser);
  CHECK(f.run("CREATE ROLE \"Mixed Case\" LOGIN") == "CREATE ROLE");
  CHECK(f.role("Mixed Case"));

  CHECK(f.run("CREATE ROLE reader") == "42710 role \"reader\" already exists");
  CHECK(f.run("CREATE ROLE eddy") == "42710 role \"eddy\" already exists");
  CHECK(f.run("CREATE ROLE pg_monitor") == "42939 role name \"pg_monitor\" is reserved");
  CHECK(f.run("CREATE ROLE x LOGIN NOLOGIN") == "42601 conflicting or redundant options");
  CHECK(f.run("CREATE ROLE x FLY") == "42601 syntax error at or near \"fly\"");
  CHECK_FALSE(f.role("x"));
}

TEST_CASE("a SCRAM verifier given as the password is stored as is; MD5 hashes are refused") {
  Fixture f;
  const std::string verifier = auth::scram_verifier_text("dumped");
  CHECK(f.run("CREATE ROLE restored LOGIN PASSWORD '" + verifier + "'") == "CREATE ROLE");
  CHECK(*f.role("restored")->password == verifier);
  CHECK(f.run("CREATE ROLE old LOGIN PASSWORD 'md5" + std::string(32, '0') + "'") ==
        "0A000 MD5-encrypted passwords are not supported");
}

TEST_CASE("pg_dumpall's attributes are accepted where they change nothing") {
  Fixture f;
  CHECK(f.run("CREATE ROLE app; ALTER ROLE app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN "
              "NOREPLICATION NOBYPASSRLS PASSWORD 'p'") == "ALTER ROLE");
  CHECK(f.role("app")->login);
  CHECK(f.run("CREATE ROLE admin WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS") ==
        "CREATE ROLE");
  CHECK(f.run("CREATE ROLE creator CREATEDB") ==
        "0A000 CREATEDB is not supported for roles that are not superusers");
}

TEST_CASE("ALTER ROLE changes attributes and passwords") {
  Fixture f;
  f.run("CREATE ROLE u LOGIN PASSWORD 'one'");
  const std::string before = *f.role("u")->password;
  CHECK(f.run("ALTER ROLE u WITH PASSWORD 'two'") == "ALTER ROLE");
  CHECK(*f.role("u")->password != before);
  CHECK(auth::verify_scram_password(*auth::parse_scram_verifier(*f.role("u")->password), "two"));
  CHECK(f.run("ALTER USER u NOLOGIN") == "ALTER ROLE");
  CHECK_FALSE(f.role("u")->login);
  CHECK(f.run("ALTER ROLE u PASSWORD NULL") == "ALTER ROLE");
  CHECK_FALSE(f.role("u")->password);
  CHECK(f.run("ALTER ROLE u SUPERUSER") == "ALTER ROLE");
  CHECK(f.role("u")->superuser);
  CHECK(f.run("ALTER ROLE ghost LOGIN") == "42704 role \"ghost\" does not exist");
  CHECK(f.run("ALTER ROLE eddy NOSUPERUSER") == "42501 permission denied to alter role");
  CHECK(f.role("eddy")->superuser);
  CHECK(f.run("ALTER ROLE eddy PASSWORD 'root'") == "ALTER ROLE");
  CHECK(f.role("eddy")->password);
}

TEST_CASE("DROP ROLE") {
  Fixture f;
  f.run("CREATE ROLE a; CREATE ROLE b; CREATE ROLE c");
  CHECK(f.run("DROP ROLE a") == "DROP ROLE");
  CHECK_FALSE(f.role("a"));
  CHECK(f.run("DROP ROLE a") == "42704 role \"a\" does not exist");
  Capture capture;
  CHECK(f.run("DROP ROLE IF EXISTS a, b", nullptr, &capture) == "DROP ROLE");
  CHECK(capture.notices == std::vector<std::string>{"role \"a\" does not exist, skipping"});
  CHECK_FALSE(f.role("b"));
  // All or nothing: c stays when the statement fails on a later name.
  CHECK(f.run("DROP USER c, nobody") == "42704 role \"nobody\" does not exist");
  CHECK(f.role("c"));
  CHECK(f.run("DROP ROLE eddy") == "55006 current user cannot be dropped");
  f.run("CREATE ROLE root SUPERUSER LOGIN");
  SessionState root;
  root.user = "root";
  CHECK(f.run("DROP ROLE eddy", &root) == "2BP01 cannot drop role eddy because it is required by the database system");
  CHECK(f.run("DROP ROLE root", &root) == "55006 current user cannot be dropped");
}

TEST_CASE("only superusers manage roles; anyone may change their own password") {
  Fixture f;
  f.run("CREATE ROLE alice LOGIN PASSWORD 'a'; CREATE ROLE bob LOGIN");
  SessionState alice;
  alice.user = "alice";
  CHECK(f.run("CREATE ROLE mallory", &alice) == "42501 permission denied to create role");
  CHECK(f.run("DROP ROLE bob", &alice) == "42501 permission denied to drop role");
  CHECK(f.run("ALTER ROLE bob PASSWORD 'x'", &alice) == "42501 permission denied");
  CHECK(f.run("ALTER ROLE alice LOGIN", &alice) == "42501 permission denied");
  CHECK(f.run("ALTER ROLE alice SUPERUSER", &alice) ==
        "42501 must be superuser to alter superuser roles or change superuser attribute");
  CHECK(f.run("ALTER ROLE eddy PASSWORD 'x'", &alice) ==
        "42501 must be superuser to alter superuser roles or change superuser attribute");
  CHECK(f.run("ALTER ROLE alice PASSWORD 'new'", &alice) == "ALTER ROLE");
  CHECK(auth::verify_scram_password(*auth::parse_scram_verifier(*f.role("alice")->password), "new"));
}

TEST_CASE("SET statement_timeout is shown as PostgreSQL shows it and bounds statements") {
  Fixture f;
  class Rows : public Capture {
   public:
    std::vector<std::string> values;
    void rows(const Batch& b) override {
      for (size_t r = 0; r < b.rows(); ++r) values.push_back(format_value(b.columns[0].get(r)));
    }
  };
  auto show = [&] {
    Rows rows;
    f.run("SHOW statement_timeout", nullptr, &rows);
    return rows.values.empty() ? std::string("?") : rows.values[0];
  };
  CHECK(show() == "0");
  CHECK(f.run("SET statement_timeout = 100") == "SET");
  CHECK(show() == "100ms");
  CHECK(f.run("SET statement_timeout = '1s'") == "SET");
  CHECK(show() == "1s");
  CHECK(f.run("SET statement_timeout TO '90000'") == "SET");
  CHECK(show() == "90s");
  CHECK(f.run("SET statement_timeout = 'soon'") == "22023 invalid value for parameter \"statement_timeout\": \"soon\"");
  CHECK(show() == "90s");
  CHECK(f.run("RESET statement_timeout") == "RESET");
  CHECK(show() == "0");

  f.session.interrupt = std::make_shared<StatementInterrupt>();
  f.run("SET statement_timeout = 50");
  auto start = std::chrono::steady_clock::now();
  CHECK(f.run("SELECT pg_sleep(10)") == "57014 canceling statement due to statement timeout");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  f.run("SET statement_timeout = 0");
  CHECK(f.run("SELECT pg_sleep(0.01)") == "SELECT 1");
}

TEST_CASE("session_authorization and is_superuser are the login's, whatever RESET ALL does") {
  Fixture f;
  f.run("CREATE ROLE alice LOGIN");
  SessionState alice;
  alice.user = "alice";
  alice.superuser = false;
  class Rows : public Capture {
   public:
    std::vector<std::string> values;
    void rows(const Batch& b) override {
      for (size_t r = 0; r < b.rows(); ++r) values.push_back(format_value(b.columns[0].get(r)));
    }
  };
  auto show = [&](const std::string& what) {
    Rows rows;
    f.run("SHOW " + what, &alice, &rows);
    return rows.values.empty() ? std::string("?") : rows.values[0];
  };
  CHECK(show("session_authorization") == "alice");
  CHECK(show("is_superuser") == "off");
  CHECK(f.run("RESET ALL", &alice) == "RESET");
  CHECK(show("session_authorization") == "alice");
  CHECK(show("is_superuser") == "off");
  CHECK(f.run("SET is_superuser = on", &alice) == "55P02 parameter \"is_superuser\" cannot be changed");
  CHECK(show("is_superuser") == "off");
}
