#!/usr/bin/env bash
# Runs the whole system in local mode: the gateway with an in-process silo on the embedded store,
# bound to 127.0.0.1, data in .data at the repository root (kept between runs), the demo tenant
# seeded on the first run. Extra arguments go to the gateway (e.g. --urls http://127.0.0.1:6080).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/Gateway -c Release -nologo -v quiet
url="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--urls" ]; then next=$((i + 1)); url="${!next}"; fi
done

cat <<TEXT
Ipt.Cluster gateway (local mode), data in .data
  API reference  $url/scalar
  OpenAPI        $url/openapi/v1.json
  health         $url/health/live  $url/health/ready
A demo token (tenant "demo"; users t-ana, t-ben, t-cleo, t-dev, t-eli, s-mara, s-jon; cases c-0001..c-0050):
  dotnet run --project src/Gateway -c Release --no-build -- token --tenant demo --user t-ana --role therapist
  curl -H "Authorization: Bearer \$TOKEN" $url/api/cases
TEXT

# The largest gen1 budget, 16 MB, unless set already: with many active cases, gen1 collected more
# often made the gateway a fifth faster (README, "Deploying on several machines").
export DOTNET_GCGen1MaxBudget="${DOTNET_GCGen1MaxBudget:-0x1000000}"
exec dotnet run --project src/Gateway -c Release --no-build -- --Mode Local --Storage:Embedded:DataDirectory "$PWD/.data" "$@"
