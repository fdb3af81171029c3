#!/usr/bin/env bash
# Stops exactly the processes scripts/cluster-start.sh started (by the PIDs it recorded), then
# the throwaway PostgreSQL when cluster-start.sh started it (not one that was running before).
# --kill sends SIGKILL instead of a graceful SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

signal=TERM
[ "${1:-}" = "--kill" ] && signal=KILL
for pidfile in .data/cluster/*.pid; do
  [ -e "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -s "$signal" "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$pidfile"
done
if [ -f .data/cluster/pg.ours ]; then
  bash scripts/pg-stop.sh
  rm -f .data/cluster/pg.ours
fi
