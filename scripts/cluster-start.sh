#!/usr/bin/env bash
# Cluster mode on one machine, the way it runs on many: a throwaway PostgreSQL (scripts/pg-start.sh),
# the schema migrated, then N silo processes (and M gateways, once the gateway has a cluster mode),
# all bound to 127.0.0.1. PIDs go to .data/cluster/*.pid and logs to .data/cluster/*.log;
# scripts/cluster-stop.sh stops exactly those processes.
#   usage: scripts/cluster-start.sh [N silos, default 2] [M gateways, default 0]
#   IPT_SILO_PORT_BASE (default 11111) and IPT_GATEWAY_PORT_BASE (default 30000): silo i listens on BASE+i.
set -euo pipefail
cd "$(dirname "$0")/.."

silos="${1:-2}"
gateways="${2:-0}"
state=".data/cluster"
mkdir -p "$state"

connection="$(bash scripts/pg-start.sh | tail -1)"
dotnet build src/Silo -c Release -nologo -v quiet
silo_dll="src/Silo/bin/Release/net10.0/Ipt.Cluster.Silo.dll"
dotnet "$silo_dll" migrate "--Storage:Postgres:ConnectionString=$connection"

export Storage__Postgres__ConnectionString="$connection"
for i in $(seq 0 $((silos - 1))); do
  silo_port=$(( ${IPT_SILO_PORT_BASE:-11111} + i ))
  gateway_port=$(( ${IPT_GATEWAY_PORT_BASE:-30000} + i ))
  nohup dotnet "$silo_dll" --Mode=Cluster --Orleans:SiloPort=$silo_port --Orleans:GatewayPort=$gateway_port \
    >"$state/silo-$i.log" 2>&1 &
  echo $! >"$state/silo-$i.pid"
  echo "silo $i: pid $(cat "$state/silo-$i.pid"), silo port $silo_port, gateway port $gateway_port"
done

if [ "$gateways" -gt 0 ]; then
  echo "cluster-start: gateways are not started yet: the gateway has no cluster mode on this branch" >&2
fi
echo "PostgreSQL: $connection"
