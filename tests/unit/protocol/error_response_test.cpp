#include <catch.hpp>

#include "protocol/error_response.h"
#include "wire_test_util.h"

using namespace eddy;
using namespace eddy::protocol;
using eddy::protocol::test::error_fields;
using eddy::protocol::test::only_message;
using eddy::protocol::test::split_messages;

TEST_CASE("ErrorResponse carries severity, SQLSTATE, message, detail, hint, position",
          "[protocol][error]") {
  SqlError e(sqlstate::kUndefinedTable, "relation \"nope\" does not exist", 15);
  e.with_detail("some detail").with_hint("did you mean \"note\"?");
  std::string out;
  error_response(out, e);
  auto m = only_message(out, 'E');
  auto f = error_fields(m.payload);
  CHECK(f.size() == 7);
  CHECK(f['S'] == "ERROR");
  CHECK(f['V'] == "ERROR");
  CHECK(f['C'] == "42P01");
  CHECK(f['M'] == "relation \"nope\" does not exist");
  CHECK(f['D'] == "some detail");
  CHECK(f['H'] == "did you mean \"note\"?");
  CHECK(f['P'] == "15");
  // Field order: S V C M D H P.
  CHECK(m.payload.substr(0, 8) == std::string("SERROR\0V", 8));
}

TEST_CASE("optional fields are left out, FATAL severity", "[protocol][error]") {
  std::string out;
  error_response(out, SqlError(sqlstate::kProtocolViolation, "invalid frontend message type 120"),
                 Severity::Fatal);
  auto f = error_fields(only_message(out, 'E').payload);
  CHECK(f.size() == 4);
  CHECK(f['S'] == "FATAL");
  CHECK(f['V'] == "FATAL");
  CHECK(f['C'] == "08P01");
  CHECK(f.count('P') == 0);
  CHECK(f.count('D') == 0);
}

TEST_CASE("NoticeResponse", "[protocol][error]") {
  std::string out;
  notice_response(out, SqlError(sqlstate::kSuccessfulCompletion, "table \"t\" does not exist, skipping"));
  notice_response(out, SqlError(sqlstate::kWarning, "careful"), Severity::Warning);
  auto msgs = split_messages(out);
  REQUIRE(msgs.size() == 2);
  CHECK(msgs[0].type == 'N');
  CHECK(error_fields(msgs[0].payload)['S'] == "NOTICE");
  CHECK(error_fields(msgs[0].payload)['C'] == "00000");
  CHECK(error_fields(msgs[1].payload)['V'] == "WARNING");
}

TEST_CASE("a NUL inside a message cannot break the framing", "[protocol][error]") {
  std::string out;
  error_response(out, SqlError("22000", std::string("bad\0tail", 8)));
  auto f = error_fields(only_message(out, 'E').payload);
  CHECK(f['M'] == "bad");
}

TEST_CASE("severity names", "[protocol][error]") {
  CHECK(std::string(severity_name(Severity::Panic)) == "PANIC");
  CHECK(std::string(severity_name(Severity::Debug)) == "DEBUG");
  CHECK(std::string(severity_name(Severity::Info)) == "INFO");
  CHECK(std::string(severity_name(Severity::Log)) == "LOG");
}
