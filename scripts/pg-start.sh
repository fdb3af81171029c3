#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for development and tests, bound to 127.0.0.1 only, with trust
# authentication (never expose it). Installs the Debian package when the server is missing.
#   IPT_PG_DIR   the cluster's folder (default: .data/pg under the repository)
#   IPT_PG_PORT  the port (default: 55432)
# Prints the connection string on the last line. Running it again while the server runs reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${IPT_PG_DIR:-$PWD/.data/pg}"
port="${IPT_PG_PORT:-55432}"

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

bin="$(pg_bin || true)"
if [ -z "$bin" ]; then
  echo "pg-start: installing PostgreSQL (Debian package postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(pg_bin)"
fi

# initdb refuses to run as root: the cluster belongs to the postgres OS user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  # The postgres user must be able to reach the folder through its parents.
  p="$dir"; while [ "$p" != "/" ]; do p="$(dirname "$p")"; chmod o+x "$p" 2>/dev/null || true; done
fi
chmod 700 "$dir"

if [ ! -f "$dir/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c max_connections=300 -k $dir" start >/dev/null
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
