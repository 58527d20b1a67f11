#!/usr/bin/env bash
# Stands in for `eddy server` in the runner's self-test: takes the same command line
#   pg_as_eddy.sh server --host H --port P --data-dir D [ignored flags...]
# and runs a throwaway PostgreSQL there instead (Debian's postgresql package): user eddy,
# database eddy, trust authentication. It becomes the postmaster (exec), so the runner's
# SIGTERM stops it like it stops Eddy. When run as root, PostgreSQL runs as the postgres user.
set -euo pipefail

[ "${1:-}" = server ] || { echo "usage: $0 server --host H --port P --data-dir D" >&2; exit 2; }
shift
host=127.0.0.1 port='' dir=''
while [ $# -gt 0 ]; do
  case $1 in
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --data-dir) dir=$2; shift 2 ;;
    *) shift ;;
  esac
done
if [ -z "$port" ] || [ -z "$dir" ]; then
  echo "$0: --port and --data-dir are required" >&2
  exit 2
fi

bindir=$(pg_config --bindir 2>/dev/null || true)
if [ ! -x "$bindir/postgres" ]; then
  bindir=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -x "$bindir/postgres" ] || { echo "$0: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

mkdir -p "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  chmod o+x "$(dirname "$dir")"  # the runner's temp dir is 0700 root
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
"${as_pg[@]}" "$bindir/initdb" -D "$dir/pg" -U eddy --auth=trust -E UTF8 --no-locale >/dev/null
echo "CREATE DATABASE eddy" | "${as_pg[@]}" "$bindir/postgres" --single -D "$dir/pg" postgres >/dev/null
exec "${as_pg[@]}" "$bindir/postgres" -D "$dir/pg" -p "$port" -c listen_addresses="$host" \
  -c unix_socket_directories="$dir" -c fsync=off
