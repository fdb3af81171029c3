#!/usr/bin/env bash
# Cluster mode on one machine, the way it runs on many: a throwaway PostgreSQL (scripts/pg-start.sh),
# the schema migrated, then N silo processes and M gateway processes, all bound to 127.0.0.1.
# PIDs go to .data/cluster/*.pid and logs to .data/cluster/*.log; scripts/cluster-stop.sh stops
# exactly those processes, and PostgreSQL only when this script started it.
#   usage: scripts/cluster-start.sh [N silos, default 2] [M gateways, default 1]
#   IPT_SILO_PORT_BASE (default 11111), IPT_GATEWAY_PORT_BASE (default 30000): silo i listens on BASE+i.
#   IPT_HTTP_PORT_BASE (default 5081): gateway j serves http://127.0.0.1:(BASE+j).
# The gateways accept tokens signed with the local key in .data/cluster/signing.key
# (Identity:LocalSigningKeyPath); mint one with the gateway's token command and the same key:
#   dotnet src/Gateway/bin/Release/net10.0/Ipt.Cluster.Gateway.dll token \
#     --Identity:LocalSigningKeyPath=.data/cluster/signing.key --user root --role platform-admin
set -euo pipefail
cd "$(dirname "$0")/.."

silos="${1:-2}"
gateways="${2:-1}"
state=".data/cluster"
mkdir -p "$state"

# A PostgreSQL already running (a bench's, say) is someone else's: cluster-stop.sh leaves it running.
rm -f "$state/pg.ours"
[ -f "${IPT_PG_DIR:-$PWD/.data/pg}/postmaster.pid" ] || touch "$state/pg.ours"
connection="$(bash scripts/pg-start.sh | tail -1)"
dotnet build src/Gateway -c Release -nologo -v quiet
silo_dll="src/Silo/bin/Release/net10.0/Ipt.Cluster.Silo.dll"
gateway_dll="src/Gateway/bin/Release/net10.0/Ipt.Cluster.Gateway.dll"
dotnet "$silo_dll" migrate "--Storage:Postgres:ConnectionString=$connection"

export Storage__Postgres__ConnectionString="$connection"
# The largest gen1 budget, 16 MB, unless set already (README, "Deploying on several machines").
export DOTNET_GCGen1MaxBudget="${DOTNET_GCGen1MaxBudget:-0x1000000}"
for i in $(seq 0 $((silos - 1))); do
  silo_port=$(( ${IPT_SILO_PORT_BASE:-11111} + i ))
  gateway_port=$(( ${IPT_GATEWAY_PORT_BASE:-30000} + i ))
  nohup dotnet "$silo_dll" --Mode=Cluster --Orleans:SiloPort=$silo_port --Orleans:GatewayPort=$gateway_port \
    >"$state/silo-$i.log" 2>&1 &
  echo $! >"$state/silo-$i.pid"
  echo "silo $i: pid $(cat "$state/silo-$i.pid"), silo port $silo_port, gateway port $gateway_port"
done

for j in $(seq 0 $((gateways - 1))); do
  [ "$gateways" -gt 0 ] || break
  url="http://127.0.0.1:$(( ${IPT_HTTP_PORT_BASE:-5081} + j ))"
  nohup dotnet "$gateway_dll" --Mode=Cluster --urls="$url" \
    --Identity:LocalSigningKeyPath="$state/signing.key" >"$state/gateway-$j.log" 2>&1 &
  echo $! >"$state/gateway-$j.pid"
  echo "gateway $j: pid $(cat "$state/gateway-$j.pid"), $url (health: $url/health/ready)"
done
echo "PostgreSQL: $connection"
