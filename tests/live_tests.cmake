# Tests against a live server (see tests/README.md), included by tests/CMakeLists.txt:
#   sql.<name>        one per tests/sql/**/*.slt, run by eddy_slt against a fresh `eddy server`
#   e2e.libpqxx       tests/e2e/libpqxx_e2e.cpp, a libpqxx client
#   e2e.psql          tests/e2e/psql_e2e.sh, the real psql
#   e2e.psql_meta     tests/e2e/psql_meta_e2e.sh, psql's \d family against PostgreSQL 15's output
#   e2e.psycopg2      tests/e2e/psycopg2_e2e.py, psycopg2 under /usr/bin/python3
#   e2e.jdbc          tests/e2e/jdbc/JdbcE2e.java, pgjdbc (compiled with javac when the test runs)
#   e2e.odbc          tests/e2e/odbc_e2e.sh, psqlODBC through unixODBC's isql
#   e2e.redis         tests/e2e/redis_e2e.sh, a real redis-server, redis-cli and psql
#   e2e.crash         tests/e2e/crash_e2e.sh, kill -9 during a Redis load, exact results after
#   e2e.aggregate_state tests/e2e/aggregate_state_e2e.sh, DISTINCT/HyperLogLog/first_value state across restarts
#   e2e.disk_full     tests/e2e/disk_full_e2e.sh, queries pause with 53100 on a full disk and resume
#   e2e.sqlsmith      tests/e2e/sqlsmith_e2e.sh, random SQL generated from Eddy's own catalog
#   e2e.auth          tests/e2e/auth_e2e.sh, roles, SCRAM/md5/password, TLS, cancel, timeouts, limits
#   e2e.malformed     tests/e2e/malformed_e2e.py, hostile bytes against a live server
#   e2e.differential  tests/e2e/differential/, streaming views vs PostgreSQL 15 and a Python model
#   e2e.memory        memory_e2e.py: state and memory stay flat over a long generator run
#   e2e.streaming_restart  streaming_restart_e2e.py: event-time state across kill -9
#   e2e.subscribe     tests/e2e/subscribe_e2e.py, SUBSCRIBE through psql, the wire, psycopg2
#   e2e.nexmark       nexmark_e2e.py: bench/nexmark's queries agree with bench/ceiling's plain loops
#   slt.selftest*     the runner itself, against a throwaway PostgreSQL (when one is installed)
#   pg.<name>         tests/sql/<name>.slt against a throwaway PostgreSQL too (same condition)
# ctest does not build: `cmake --build build` first (scripts/test does both).

# Start a server on a free port in a temp dir, wait for it, stop it: shared by the C++ programs.
add_library(eddy_test_process STATIC ${CMAKE_CURRENT_LIST_DIR}/support/eddy_process.cpp)
target_include_directories(eddy_test_process PUBLIC ${CMAKE_SOURCE_DIR})
target_compile_options(eddy_test_process PRIVATE ${EDDY_WARNINGS})
target_link_libraries(eddy_test_process PUBLIC PkgConfig::LIBPQ)

add_executable(eddy_slt
  ${CMAKE_CURRENT_LIST_DIR}/slt/slt_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/slt/slt_record.cpp
  ${CMAKE_CURRENT_LIST_DIR}/slt/slt_executor.cpp)
target_compile_options(eddy_slt PRIVATE ${EDDY_WARNINGS})
target_link_libraries(eddy_slt PRIVATE eddy_test_process)

set(EDDY_LIVE_TIMEOUT 300 CACHE STRING "ctest TIMEOUT (seconds) of each live-server test")

file(GLOB_RECURSE _eddy_slt_files CONFIGURE_DEPENDS RELATIVE ${CMAKE_SOURCE_DIR}
     ${CMAKE_CURRENT_LIST_DIR}/sql/*.slt)
foreach(_file IN LISTS _eddy_slt_files)
  string(REGEX REPLACE "^tests/sql/(.*)\\.slt$" "\\1" _name "${_file}")
  string(REPLACE "/" "." _name "${_name}")
  add_test(NAME sql.${_name}
           COMMAND eddy_slt --eddy $<TARGET_FILE:eddy> ${_file}
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(sql.${_name} PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;sql")
endforeach()

pkg_check_modules(LIBPQXX IMPORTED_TARGET libpqxx)
if(LIBPQXX_FOUND)
  add_executable(libpqxx_e2e ${CMAKE_CURRENT_LIST_DIR}/e2e/libpqxx_e2e.cpp)
  target_compile_options(libpqxx_e2e PRIVATE ${EDDY_WARNINGS})
  target_link_libraries(libpqxx_e2e PRIVATE eddy_test_process PkgConfig::LIBPQXX)
  add_test(NAME e2e.libpqxx COMMAND libpqxx_e2e --eddy $<TARGET_FILE:eddy>)
  set_tests_properties(e2e.libpqxx PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
else()
  message(STATUS "libpqxx not found (apt-get install libpqxx-dev): e2e.libpqxx is not built")
endif()

# psql, python3, java, isql (with psqlODBC), redis-server and redis-cli come from scripts/setup; a
# missing one fails the test loudly rather than leaving it unregistered.
add_test(NAME e2e.psql
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/psql_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.psql PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
add_test(NAME e2e.psql_meta
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/psql_meta_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.psql_meta PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;catalog")
# Debian's python3-psycopg2 is importable by /usr/bin/python3 only (not by a pyenv python3).
add_test(NAME e2e.psycopg2
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/psycopg2_e2e.py --eddy $<TARGET_FILE:eddy>)
set_tests_properties(e2e.psycopg2 PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
add_test(NAME e2e.jdbc
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/jdbc_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.jdbc PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
add_test(NAME e2e.odbc
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/odbc_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.odbc PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
add_test(NAME e2e.redis
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/redis_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.redis PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;redis")
add_test(NAME e2e.crash
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/crash_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.crash PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;redis;crash")
add_test(NAME e2e.aggregate_state
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/aggregate_state_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.aggregate_state PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
add_test(NAME e2e.auth
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/auth_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.auth PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;auth")
add_test(NAME e2e.malformed
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/malformed_e2e.py $<TARGET_FILE:eddy>)
set_tests_properties(e2e.malformed PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;protocol")
# The differential test of docs/streaming.md: event sets from a seed ($EDDY_DIFF_SEED) fed to views,
# compared with a throwaway PostgreSQL 15 and a Python model (tests/e2e/differential/README.md).
add_test(NAME e2e.differential
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/differential/differential.py
                 --eddy $<TARGET_FILE:eddy>)
set_tests_properties(e2e.differential PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;streaming")
add_test(NAME e2e.subscribe
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/subscribe_e2e.py --eddy $<TARGET_FILE:eddy>)
set_tests_properties(e2e.subscribe PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e")
# The benchmark queries (bench/nexmark/queries) over small bounded generators, each view checked
# against the ceiling program's independent plain-loop result.
add_test(NAME e2e.nexmark
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/nexmark_e2e.py --eddy $<TARGET_FILE:eddy>
                 --ceiling $<TARGET_FILE:eddy_bench_ceiling>)
set_tests_properties(e2e.nexmark PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;streaming")
# Mounts a small tmpfs for its data directory: needs root, as CI has.
# A generator at a steady rate into tumbling windows with a watermark for 40 s (longer with
# EDDY_MEMORY_SECONDS): the state kept and the server's memory stay flat.
add_test(NAME e2e.memory
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/memory_e2e.py --eddy $<TARGET_FILE:eddy>)
set_tests_properties(e2e.memory PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;streaming")
# Two servers fed the same events, one killed and restarted after every batch: windows,
# sessions, watermarks, late rows and join state come back exactly.
add_test(NAME e2e.streaming_restart
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/e2e/streaming_restart_e2e.py --eddy $<TARGET_FILE:eddy>)
set_tests_properties(e2e.streaming_restart PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;streaming")
add_test(NAME e2e.disk_full
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/disk_full_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.disk_full PROPERTIES TIMEOUT ${EDDY_LIVE_TIMEOUT} LABELS "live;e2e;storage")

# The runner's self-test: tests/slt/selftest/pg_as_eddy.sh answers `eddy server ...` by
# starting a throwaway PostgreSQL, so eddy_slt's own behaviour is checked against the real thing.
file(GLOB _eddy_pg_bins /usr/lib/postgresql/*/bin/postgres)
if(_eddy_pg_bins)
  set(_selftest ${CMAKE_CURRENT_LIST_DIR}/slt/selftest)
  add_test(NAME slt.selftest
           COMMAND eddy_slt --eddy ${_selftest}/pg_as_eddy.sh tests/slt/selftest/postgres.slt
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  # Every record of failures.slt must fail, each with its own message.
  add_test(NAME slt.selftest_failures
           COMMAND eddy_slt --eddy ${_selftest}/pg_as_eddy.sh --timeout-seconds 1
                   tests/slt/selftest/failures.slt
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(slt.selftest slt.selftest_failures PROPERTIES TIMEOUT 120 LABELS "selftest")
  set_tests_properties(slt.selftest_failures PROPERTIES
                       PASS_REGULAR_EXPRESSION "\n2 passed, 10 failed\n")
  # .slt files that must also pass against PostgreSQL itself (they run against Eddy as sql.*).
  foreach(_name IN ITEMS aggregates_pg)
    add_test(NAME pg.${_name}
             COMMAND eddy_slt --eddy ${_selftest}/pg_as_eddy.sh tests/sql/${_name}.slt
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(pg.${_name} PROPERTIES TIMEOUT 120 LABELS "selftest;pg")
  endforeach()
endif()

# sqlsmith reads the catalogs and throws random SQL for a few minutes: no crash, no XX000.
add_test(NAME e2e.sqlsmith
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/e2e/sqlsmith_e2e.sh $<TARGET_FILE:eddy>)
set_tests_properties(e2e.sqlsmith PROPERTIES TIMEOUT 1200 LABELS "live;e2e")
