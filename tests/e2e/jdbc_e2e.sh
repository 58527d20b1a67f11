#!/usr/bin/env bash
# Runs tests/e2e/jdbc/JdbcE2e.java against a fresh Eddy: compiles it with javac against Debian's
# pgjdbc (/usr/share/java/postgresql.jar, package libpostgresql-jdbc-java), starts a server at
# --log-level debug (the program reads its Bind lines to see which formats pgjdbc asked for)
# and runs the program in UTC, the only time zone Eddy has.
#
#   tests/e2e/jdbc_e2e.sh /path/to/eddy
#
# The program prints the TAP-style lines; this script exits with its status.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"

eddy=${1:?usage: jdbc_e2e.sh PATH_TO_EDDY}
jar=/usr/share/java/postgresql.jar
for tool in javac java; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install default-jdk-headless)" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "$jar not found (apt-get install libpostgresql-jdbc-java)" >&2; exit 1; }

# pgjdbc's getImportedKeys joins nine catalogs in one FROM list: should Eddy ever plan such a
# query as a cross product again, it fails rather than filling the host's memory.
export EDDY_MEMORY_LIMIT_MB=${EDDY_MEMORY_LIMIT_MB:-2048}
eddy_start "$eddy" --log-level debug
mkdir "$EDDY_TMP/classes"
javac -Xlint:all -Werror -d "$EDDY_TMP/classes" -cp "$jar" "$here/jdbc/JdbcE2e.java"

rc=0
java -Duser.timezone=UTC -cp "$jar:$EDDY_TMP/classes" JdbcE2e \
  "jdbc:postgresql://127.0.0.1:$EDDY_PORT/eddy?user=eddy" "$EDDY_TMP/server.log" || rc=$?
if [ "$rc" != 0 ]; then
  echo "server output (tail):"
  grep -v '\[debug\]' "$EDDY_TMP/server.log" | tail -n 20 | sed 's/^/  | /'
fi
exit "$rc"
