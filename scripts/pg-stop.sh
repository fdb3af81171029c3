#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that scripts/pg-start.sh started (same IPT_PG_DIR); keeps its data.
# With --wipe, deletes the cluster's folder too.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${IPT_PG_DIR:-$PWD/.data/pg}"
[ -f "$dir/PG_VERSION" ] || { echo "pg-stop: no cluster in $dir"; exit 0; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
fi
if [ "${1:-}" = "--wipe" ]; then rm -rf "$dir"; fi
