#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need when it is missing, so a fresh
# machine needs nothing but this command: the PostgreSQL tests get a throwaway server started by
# scripts/pg-start.sh (installed when missing) and stopped at the end; the browser test gets
# Chromium from the Debian archive when /usr/bin/chromium is missing.
# Prints one closing line: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    IPT_PG_DIR="$pg_dir" bash scripts/pg-stop.sh --wipe >/dev/null 2>&1 || true
    rm -rf "$(dirname "$pg_dir")"
  fi
  rm -rf "$results"
}
trap cleanup EXIT

dotnet build Ipt.Cluster.sln -c Release -nologo -v quiet

# The dashboard's browser test drives headless Chromium (Playwright with ExecutablePath).
if [ ! -x /usr/bin/chromium ] && [ -d tests/Browser.Tests ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser test..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "Chromium could not be installed; the browser test will skip (or fail with CI=true)."
fi

# The benchmark smoke run drives HTTP load with wrk.
if ! command -v wrk >/dev/null && command -v apt-get >/dev/null; then
  echo "Installing wrk for the benchmark smoke run..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || echo "wrk could not be installed; the benchmark smoke run will fail."
fi

# PostgreSQL tests exist: give them a server (unless one is given), on a free port.
if [ -z "${IPT_PG_CONNECTION:-}" ] && grep -rqs "PostgresCollection" tests/; then
  pg_dir="$(mktemp -d)/pg"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55433)
  IPT_PG_CONNECTION="$(IPT_PG_DIR="$pg_dir" IPT_PG_PORT="$port" bash scripts/pg-start.sh | tail -1)"
  export IPT_PG_CONNECTION
fi

# The process tests (silos and gateways as child processes) keep their output here; it is kept
# only when a test fails, for the post-mortem of a fault that did not reproduce.
export IPT_TEST_LOGS="$results/process-logs"
mkdir -p "$IPT_TEST_LOGS"

status=0
dotnet test Ipt.Cluster.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?
if [ "$status" -ne 0 ] && [ -n "$(ls -A "$IPT_TEST_LOGS")" ]; then
  kept="$(mktemp -d -t ipt-test-logs-XXXXXX)"
  cp -r "$IPT_TEST_LOGS"/. "$kept"/
  cp "$results"/*.trx "$kept"/ 2>/dev/null || true
  echo "Child process logs of this failed run: $kept"
fi

# Smoke run of the benchmark harness (bench/Ipt.Bench, run --quick): it must run to the end and write
# its JSON. No timing is asserted here: figures on a shared CI machine say nothing.
bench_status=0
bench_out="$results/bench"
echo "Benchmark smoke run (run --quick, bounded to 4 minutes)..."
timeout 240 dotnet bench/Ipt.Bench/bin/Release/net10.0/Ipt.Bench.dll run --quick --out "$bench_out" || bench_status=$?
if [ "$bench_status" -eq 0 ] && ! ls "$bench_out"/*.json >/dev/null 2>&1; then bench_status=1; fi
if [ "$bench_status" -ne 0 ]; then echo "benchmark smoke run: FAILED (exit $bench_status or no JSON written)"; else echo "benchmark smoke run: ok ($(ls "$bench_out"/*.json | xargs -n1 basename))"; fi

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
# Name the failed tests last, with the head of their message and stack, where a truncated CI log
# still shows them.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  python3 - "$trx" <<'PY' 2>/dev/null || grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/failed test: \1/p' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
    print("failed test:", result.get("testName"))
    for part in ("Message", "StackTrace"):
        text = result.findtext(f"t:Output/t:ErrorInfo/t:{part}", default="", namespaces=ns)
        for line in text.strip().splitlines()[:12]:
            print("    " + line)
PY
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$bench_status" -ne 0 ]; then exit 1; fi
