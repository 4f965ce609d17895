#!/usr/bin/env bash
# Measures Iris end to end against this machine's own HTTP limit, side by side in one run:
# a bare Kestrel endpoint, the predictor (cache off and on, repeated and distinct inputs), the
# predictor through the gateway, batch scoring, and the AppHost's start. Loopback only.
#
#   bench/run.sh            full run (about 5 minutes): 2 rounds of 10 s per variant
#   bench/run.sh --quick    smoke run (under 2 minutes once built): 1 round of 3 s per variant
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
duration=10 rounds=2 warmup=3
((quick)) && duration=3 rounds=1 warmup=2
connections=64 threads=2

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk with apt-get" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk
fi

echo "Building Release" >&2
dotnet build Iris.sln -c Release -nologo -v quiet >&2

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A loopback port nothing listens on: asked of the kernel when python3 is there, else a random high port.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    echo $((20000 + RANDOM % 30000))
  fi
}

# start NAME DLL PORT [VAR=VALUE ...]: a service from its Release build, in Production, on loopback.
start() {
  local name=$1 dll=$2 port=$3; shift 3
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production "$@" dotnet "$(basename "$dll")" --urls "http://127.0.0.1:$port" \
    >"$work/$name.log" 2>&1) &
  pids+=($!)
  eval "pid_$name=$!"
}

wait_until_answering() {
  local url=$1
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
        -d '{"sepalLength":6.3,"sepalWidth":3.3,"petalLength":6.0,"petalWidth":2.5}' "$url"; then return 0; fi
    sleep 0.1
  done
  echo "$url never answered" >&2; exit 1
}

release=bin/Release/net10.0
port_bare=$(free_port); port_off=$(free_port); port_on=$(free_port); port_gateway=$(free_port)
start bare "bench/Iris.Bench.Bare/$release/Iris.Bench.Bare.dll" "$port_bare"
start off "Iris.Predictor/$release/Iris.Predictor.dll" "$port_off" PredictionCache__Enabled=false
start on "Iris.Predictor/$release/Iris.Predictor.dll" "$port_on"
# The gateway as deployed (telemetry instrumentation on), its rate limit off, in front of the cache-off predictor.
start gateway "Iris.Gateway/$release/Iris.Gateway.dll" "$port_gateway" Gateway__RateLimit__TokensPerSecond=0 \
  services__predictor__http__0="http://127.0.0.1:$port_off" services__web__http__0="http://127.0.0.1:$port_bare"
for url in "http://127.0.0.1:$port_bare/predict" "http://127.0.0.1:$port_off/predict" \
           "http://127.0.0.1:$port_on/predict" "http://127.0.0.1:$port_gateway/api/predict"; do
  wait_until_answering "$url"
done

# name|url|script|processes whose CPU the requests cost
variants=(
  "bare|http://127.0.0.1:$port_bare/predict|predict-repeated.lua|$pid_bare"
  "direct|http://127.0.0.1:$port_off/predict|predict-repeated.lua|$pid_off"
  "direct-distinct|http://127.0.0.1:$port_off/predict|predict-distinct.lua|$pid_off"
  "cache-repeated|http://127.0.0.1:$port_on/predict|predict-repeated.lua|$pid_on"
  "cache-distinct|http://127.0.0.1:$port_on/predict|predict-distinct.lua|$pid_on"
  "gateway|http://127.0.0.1:$port_gateway/api/predict|predict-repeated.lua|$pid_gateway $pid_off"
  "batch|http://127.0.0.1:$port_off/predict/batch|batch.lua|$pid_off"
)

ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { local total=0; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $total; }

results="$work/results"
: >"$results"
cd "$root/bench/wrk"
# Every process JIT-compiles its hot paths first: a pass over all variants before any is measured,
# so that the first one measured is not also the coldest.
echo "Warming up" >&2
for variant in "${variants[@]}"; do
  IFS='|' read -r name url script processes <<<"$variant"
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script" "$url" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    IFS='|' read -r name url script processes <<<"$variant"
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script" "$url" >/dev/null
    before=$(cpu_ticks $processes)
    line=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$url" | grep '^RESULT')
    after=$(cpu_ticks $processes)
    echo "$name $line $((after - before))" >>"$results"
    echo "round $round: $name ${line#RESULT }" >&2
  done
done
cd "$root"

peak_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
peaks="bare $(peak_mb "$pid_bare") MB, predictor (cache off) $(peak_mb "$pid_off") MB, predictor (cache on) $(peak_mb "$pid_on") MB, gateway $(peak_mb "$pid_gateway") MB"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()

# The AppHost, warm (already built): from `dotnet run` to the gateway healthy, which it lets start
# only once the cache, both predictor replicas and the web app are healthy.
echo "Timing the AppHost's start" >&2
start_ns=$(date +%s%N)
dotnet run --project Iris.AppHost -c Release --no-build >"$work/apphost.log" 2>&1 &
apphost=$!
pids+=($apphost)
apphost_seconds="not healthy within 120 s"
for _ in $(seq 1 1200); do
  if curl -s -o /dev/null -w '%{http_code}' http://localhost:8080/health 2>/dev/null | grep -q 200; then
    apphost_seconds=$(awk -v ns=$(( $(date +%s%N) - start_ns )) 'BEGIN {printf "%.1f", ns / 1e9}')
    break
  fi
  sleep 0.1
done
kill -TERM "$apphost" 2>/dev/null || true
wait "$apphost" 2>/dev/null || true
pids=()

# The table: per variant, the mean over rounds (p99: the worst round).
awk -v tps="$ticks_per_second" -v peaks="$peaks" -v apphost="$apphost_seconds" \
    -v cores="$(nproc)" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
    -v dotnet="$(dotnet --version)" -v runs="$rounds × ${duration} s, wrk -t$threads -c$connections" '
  { n[$1]++; requests[$1] += $3; seconds[$1] += $4; p50[$1] += $5; if ($6 > p99[$1]) p99[$1] = $6; bad[$1] += $7 + $8; ticks[$1] += $9 }
  END {
    order = "bare direct direct-distinct cache-repeated cache-distinct gateway batch"
    split(order, names, " ")
    printf "Machine: %s, %d cores, .NET SDK %s. Runs: %s.\n\n", cpu, cores, dotnet, runs
    printf "| Variant | Requests/s | p50 | p99 | CPU per request | Errors |\n|---|---:|---:|---:|---:|---:|\n"
    for (i = 1; i in names; i++) {
      v = names[i]; rps[v] = requests[v] / seconds[v]
      printf "| %s | %\047.0f%s | %.2f ms | %.2f ms | %.0f µs | %d |\n", v, rps[v], (v == "batch" ? sprintf(" (%\047.0f rows/s)", rps[v] * 1000) : ""), p50[v] / n[v] / 1000, p99[v] / 1000, ticks[v] / tps * 1e6 / requests[v], bad[v]
    }
    printf "\nPeak working set: %s. AppHost start to all healthy (warm): %s s.\n\n", peaks, apphost
    printf "| Ratio | Measured | Target |\n|---|---:|---|\n"
    printf "| predictor ÷ bare | %.2f | ≥ 0.80 |\n", rps["direct"] / rps["bare"]
    printf "| cache on ÷ off, repeated | %.2f | ≥ 0.95 |\n", rps["cache-repeated"] / rps["direct"]
    printf "| cache on ÷ off, distinct | %.2f | ≥ 0.95 |\n", rps["cache-distinct"] / rps["direct-distinct"]
    printf "| gateway ÷ direct | %.2f | ≥ 0.35 |\n", rps["gateway"] / rps["direct"]
    printf "| batch rows/s | %\047.0f | ≥ 1,000,000 |\n", rps["batch"] * 1000
    printf "| p99 direct | %.2f ms | ≤ 5 ms |\n", p99["direct"] / 1000
  }' "$results"
