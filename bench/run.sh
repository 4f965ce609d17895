#!/usr/bin/env bash
# Measures Iris end to end against this machine's own HTTP limit, side by side in one run:
# a bare Kestrel endpoint, the predictor (cache off and on, repeated and distinct inputs), the
# predictor through the gateway and through its peers (a bare YARP proxy and nginx), batch scoring,
# the predictor and the gateway again with every request traced (Development's telemetry; production
# samples a tenth), V2 inference over REST and gRPC (one flower and Fisher's 150, direct and through
# the gateway), and the AppHost's start. Loopback only.
#
#   bench/run.sh            full run (about 15 minutes once built): 2 rounds of 10 s per variant
#   bench/run.sh --quick    smoke run (about 3 minutes once built): 1 round of 3 s per variant
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
duration=10 rounds=2 warmup=3 settle=20
((quick)) && duration=3 rounds=1 warmup=2 settle=2
connections=64 threads=2

source bench/lib.sh
# wrk for HTTP/1.1, h2load (nghttp2-client) for gRPC and the V2 comparison, python3 for its request
# bodies, nginx as the gateway's peer (on a machine with systemd, Debian also starts its nginx service).
require wrk:wrk h2load:nghttp2-client python3:python3 nginx:nginx
build_release

port_bare=$(free_port); port_off=$(free_port); port_on=$(free_port); port_gateway=$(free_port)
grpc_off=$(free_port); grpc_on=$(free_port); grpc_gateway=$(free_port)
port_yarp=$(free_port); port_nginx=$(free_port)
port_traced=$(free_port); grpc_traced=$(free_port); port_gateway_traced=$(free_port); grpc_gateway_traced=$(free_port)
start bare "bench/Iris.Bench.Bare/$release/Iris.Bench.Bare.dll" "$port_bare" -
start off "Iris.Predictor/$release/Iris.Predictor.dll" "$port_off" "$grpc_off" PredictionCache__Enabled=false
# The cache on as shipped (its policy decides; PredictionCache__InProcessFrom=00:00:00 forces it on for this model).
start on "Iris.Predictor/$release/Iris.Predictor.dll" "$port_on" "$grpc_on"
# The gateway as deployed (telemetry instrumentation on), its rate limit off, in front of the cache-off predictor.
start gateway "Iris.Gateway/$release/Iris.Gateway.dll" "$port_gateway" "$grpc_gateway" Gateway__RateLimit__TokensPerSecond=0 \
  services__predictor__http__0="http://127.0.0.1:$port_off" services__predictor__grpc__0="http://127.0.0.1:$grpc_off" \
  services__web__http__0="http://127.0.0.1:$port_bare"
# The gateway's peers in front of the same predictor: YARP with nothing of Iris's, and nginx.
start yarp "bench/Iris.Bench.Yarp/$release/Iris.Bench.Yarp.dll" "$port_yarp" - Predictor="http://127.0.0.1:$port_off"
start_nginx "$port_nginx" "$port_off"
# Development's telemetry for comparison: every request traced (Production samples a tenth; no
# exporter runs in either, so this is the price of recording, not of sending).
start traced "Iris.Predictor/$release/Iris.Predictor.dll" "$port_traced" "$grpc_traced" PredictionCache__Enabled=false OTEL_TRACES_SAMPLER=always_on
start gateway_traced "Iris.Gateway/$release/Iris.Gateway.dll" "$port_gateway_traced" "$grpc_gateway_traced" Gateway__RateLimit__TokensPerSecond=0 \
  OTEL_TRACES_SAMPLER=always_on services__predictor__http__0="http://127.0.0.1:$port_traced" \
  services__predictor__grpc__0="http://127.0.0.1:$grpc_traced" services__web__http__0="http://127.0.0.1:$port_bare"
for url in "http://127.0.0.1:$port_bare/predict" "http://127.0.0.1:$port_off/predict" \
           "http://127.0.0.1:$port_on/predict" "http://127.0.0.1:$port_gateway/api/predict" \
           "http://127.0.0.1:$port_traced/predict" "http://127.0.0.1:$port_gateway_traced/api/predict" \
           "http://127.0.0.1:$port_yarp/api/predict" "http://127.0.0.1:$port_nginx/api/predict"; do
  wait_until_answering "$url"
done
nginx_processes="$pid_nginx $(pgrep -P "$pid_nginx" | tr '\n' ' ')"

# name|url|script|processes whose CPU the requests cost|the proxy's own processes, for the edges
variants=(
  "bare|http://127.0.0.1:$port_bare/predict|predict-repeated.lua|$pid_bare"
  "direct|http://127.0.0.1:$port_off/predict|predict-repeated.lua|$pid_off"
  "direct-distinct|http://127.0.0.1:$port_off/predict|predict-distinct.lua|$pid_off"
  "cache-repeated|http://127.0.0.1:$port_on/predict|predict-repeated.lua|$pid_on"
  "cache-distinct|http://127.0.0.1:$port_on/predict|predict-distinct.lua|$pid_on"
  "gateway|http://127.0.0.1:$port_gateway/api/predict|predict-repeated.lua|$pid_gateway $pid_off|$pid_gateway"
  "yarp|http://127.0.0.1:$port_yarp/api/predict|predict-repeated.lua|$pid_yarp $pid_off|$pid_yarp"
  "nginx|http://127.0.0.1:$port_nginx/api/predict|predict-repeated.lua|$nginx_processes $pid_off|$nginx_processes"
  "batch|http://127.0.0.1:$port_off/predict/batch|batch.lua|$pid_off"
  "direct-traced|http://127.0.0.1:$port_traced/predict|predict-repeated.lua|$pid_traced"
  "gateway-traced|http://127.0.0.1:$port_gateway_traced/api/predict|predict-repeated.lua|$pid_gateway_traced $pid_traced|$pid_gateway_traced"
)

results="$work/results"
: >"$results"
cd "$root/bench/wrk"
# Every process JIT-compiles its hot paths first, and under load on two cores the tiering takes a
# while: the predictor served 5.5k, 7.4k, 19k, 27k, then 28k requests/s in consecutive 5 s windows.
# So each variant runs until it has settled before any is measured: steady state is what a pod serves.
echo "Warming up (${settle} s a variant)" >&2
for variant in "${variants[@]}"; do
  IFS='|' read -r name url script processes proxy <<<"$variant"
  wrk -t"$threads" -c"$connections" -d"${settle}s" -s "$script" "$url" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    IFS='|' read -r name url script processes proxy <<<"$variant"
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script" "$url" >/dev/null
    before=$(cpu_ticks $processes) proxy_before=$(cpu_ticks $proxy)
    line=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$url" | grep '^RESULT')
    after=$(cpu_ticks $processes) proxy_after=$(cpu_ticks $proxy)
    echo "$name $line $((after - before)) $((proxy_after - proxy_before))" >>"$results"
    echo "round $round: $name ${line#RESULT }" >&2
  done
done
cd "$root"

# V2 inference with h2load, the same tool for every row so that the rows compare: REST over HTTP/1.1
# (JSON for one flower, binary tensor data for 150, both without a Content-Type as tritonclient
# sends them) and gRPC over h2c, 64 connections with one request in flight each, as wrk above.
bodies="$work/bodies"
mkdir -p "$bodies"
python3 bench/inference/make-bodies.py "$bodies"
grpc_headers=(-H 'content-type: application/grpc' -H 'te: trailers')
rest_150_headers=(-H "inference-header-content-length: $(cat "$bodies/rest-150.header-length")")
infer=/v2/models/iris/infer
model_infer=/inference.GRPCInferenceService/ModelInfer
# name|rows|url|body|h1 or h2|processes
inference=(
  "v2-rest-1|1|http://127.0.0.1:$port_off$infer|rest-1.json|h1|$pid_off"
  "v2-rest-150|150|http://127.0.0.1:$port_off$infer|rest-150.bin|h1|$pid_off"
  "grpc-1|1|http://127.0.0.1:$grpc_off$model_infer|grpc-1.bin|h2|$pid_off"
  "grpc-150|150|http://127.0.0.1:$grpc_off$model_infer|grpc-150.bin|h2|$pid_off"
  "v2-rest-1-gateway|1|http://127.0.0.1:$port_gateway$infer|rest-1.json|h1|$pid_gateway $pid_off"
  "grpc-1-gateway|1|http://127.0.0.1:$grpc_gateway$model_infer|grpc-1.bin|h2|$pid_gateway $pid_off"
)
h2load_run() { # seconds name url body protocol
  local headers=()
  [[ $5 == h2 ]] && headers=("${grpc_headers[@]}")
  [[ $4 == rest-150.bin ]] && headers=("${rest_150_headers[@]}")
  local protocol=()
  [[ $5 == h1 ]] && protocol=(--h1)
  h2load "${protocol[@]}" -t"$threads" -c"$connections" -m1 -D "$1" -d "$bodies/$4" "${headers[@]}" "$3"
}
# Each body must be answered as intended before it is timed: h2load counts a gRPC error as a success.
for variant in "${inference[@]}"; do
  IFS='|' read -r name rows url body protocol processes <<<"$variant"
  if [[ $protocol == h2 ]]; then
    status=$(curl -s --http2-prior-knowledge "${grpc_headers[@]}" --data-binary "@$bodies/$body" -o /dev/null -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "grpc-status" {print $2}')
    [[ $status == 0 ]] || { echo "$name: grpc-status '$status'" >&2; exit 1; }
  else
    extra=(); [[ $body == rest-150.bin ]] && extra=("${rest_150_headers[@]}")
    # No Content-Type, as tritonclient sends it (curl would otherwise claim a form).
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type:' "${extra[@]}" --data-binary "@$bodies/$body" "$url")
    [[ $code == 200 ]] || { echo "$name: HTTP $code" >&2; exit 1; }
  fi
done
echo "Warming up V2 inference" >&2
for variant in "${inference[@]}"; do
  IFS='|' read -r name rows url body protocol processes <<<"$variant"
  h2load_run "$warmup" "$name" "$url" "$body" "$protocol" >/dev/null
done
inference_results="$work/inference"
: >"$inference_results"
for round in $(seq 1 "$rounds"); do
  for variant in "${inference[@]}"; do
    IFS='|' read -r name rows url body protocol processes <<<"$variant"
    h2load_run "$warmup" "$name" "$url" "$body" "$protocol" >/dev/null
    before=$(cpu_ticks $processes)
    output=$(h2load_run "$duration" "$name" "$url" "$body" "$protocol")
    after=$(cpu_ticks $processes)
    # requests done, seconds, mean and max request time in ms, requests not 2xx or failed
    line=$(awk '
      function ms(t) { if (t ~ /us$/) return t / 1000; if (t ~ /ms$/) return t + 0; return t * 1000 }
      /^finished in/ { seconds = $3 + 0 }
      /^requests:/ { done = $8; failed = $10 + $12 + $14 }
      /^status codes:/ { bad = $5 + $7 + $9 }
      /^time for request:/ { mean = ms($6); max = ms($5) }
      END { printf "%d %.3f %.3f %.3f %d", done, seconds, mean, max, failed + bad }' <<<"$output")
    echo "$name $rows $line $((after - before))" >>"$inference_results"
    echo "round $round: $name $line" >&2
  done
done

peak_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
peak_bare=$(peak_mb "$pid_bare") peak_off=$(peak_mb "$pid_off") peak_gateway=$(peak_mb "$pid_gateway")
peaks="bare $peak_bare MB, predictor (cache off) $peak_off MB, predictor (cache on) $(peak_mb "$pid_on") MB, gateway $peak_gateway MB, traced predictor $(peak_mb "$pid_traced") MB, traced gateway $(peak_mb "$pid_gateway_traced") MB"
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
    -v peak_bare="$peak_bare" -v peak_off="$peak_off" -v peak_gateway="$peak_gateway" \
    -v cores="$(nproc)" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
    -v dotnet="$(dotnet --version)" -v runs="$rounds × ${duration} s, wrk -t$threads -c$connections" '
  { n[$1]++; requests[$1] += $3; seconds[$1] += $4; p50[$1] += $5; if ($6 > p99[$1]) p99[$1] = $6; bad[$1] += $7 + $8; ticks[$1] += $9; proxy_ticks[$1] += $10
    # Per round, for the spread of the cache ratios.
    round_rps[$1, n[$1]] = $3 / $4 }
  END {
    order = "bare direct direct-distinct cache-repeated cache-distinct gateway yarp nginx batch direct-traced gateway-traced"
    split(order, names, " ")
    printf "Machine: %s, %d cores, .NET SDK %s. Runs: %s.\n\n", cpu, cores, dotnet, runs
    printf "| Variant | Requests/s | p50 | p99 | CPU per request | Errors |\n|---|---:|---:|---:|---:|---:|\n"
    for (i = 1; i in names; i++) {
      v = names[i]; rps[v] = requests[v] / seconds[v]
      printf "| %s | %\047.0f%s | %.2f ms | %.2f ms | %.0f µs | %d |\n", v, rps[v], (v == "batch" ? sprintf(" (%\047.0f rows/s)", rps[v] * 1000) : ""), p50[v] / n[v] / 1000, p99[v] / 1000, ticks[v] / tps * 1e6 / requests[v], bad[v]
    }
    printf "\nPeak working set: %s. AppHost start to all healthy (warm): %s s.\n\n", peaks, apphost
    printf "| Ratio | Production settings (a tenth traced) | Development settings (all traced) | Target |\n|---|---:|---:|---|\n"
    printf "| predictor ÷ bare | %.2f | %.2f | ≥ 0.80 |\n", rps["direct"] / rps["bare"], rps["direct-traced"] / rps["bare"]
    printf "| gateway ÷ direct | %.2f | %.2f | ≥ 0.40 |\n", rps["gateway"] / rps["direct"], rps["gateway-traced"] / rps["direct-traced"]
    printf "| batch rows/s | %\047.0f | | ≥ 1,000,000 |\n", rps["batch"] * 1000
    printf "| peak working set ÷ bare, predictor / gateway | %.2f / %.2f | | ≤ 1.3 |\n", peak_off / peak_bare, peak_gateway / peak_bare
    for (r = 1; r <= n["direct"]; r++) {
      repeated = repeated sprintf("%s%.2f", r > 1 ? ", " : "", round_rps["cache-repeated", r] / round_rps["direct", r])
      distinct = distinct sprintf("%s%.2f", r > 1 ? ", " : "", round_rps["cache-distinct", r] / round_rps["direct-distinct", r])
    }
    printf "| cache on ÷ off, repeated | %.2f (rounds: %s) | | ≥ 0.95 |\n", rps["cache-repeated"] / rps["direct"], repeated
    printf "| cache on ÷ off, distinct | %.2f (rounds: %s) | | ≥ 0.95 |\n", rps["cache-distinct"] / rps["direct-distinct"], distinct
    printf "| p99 direct | %.2f ms | | ≤ 5 ms |\n", p99["direct"] / 1000
    # The edges: the CPU (user + system) of each proxy alone over the requests it forwarded.
    for (v in proxy_ticks) proxy_us[v] = proxy_ticks[v] / tps * 1e6 / requests[v]
    printf "\n| Edge in front of the predictor | Requests/s | Proxy\047s CPU per request |\n|---|---:|---:|\n"
    printf "| none (predictor direct) | %\047.0f | — |\n", rps["direct"]
    printf "| Iris.Gateway (Production settings, rate limit off) | %\047.0f | %.1f µs |\n", rps["gateway"], proxy_us["gateway"]
    printf "| bare YARP: one route, one destination, nothing else | %\047.0f | %.1f µs |\n", rps["yarp"], proxy_us["yarp"]
    printf "| nginx, 2 workers, keep-alive upstream | %\047.0f | %.1f µs |\n", rps["nginx"], proxy_us["nginx"]
    printf "\n| Ratio | This run | Target |\n|---|---:|---|\n"
    printf "| gateway CPU per request ÷ bare YARP\047s | %.2f | ≤ 1.10 |\n", proxy_us["gateway"] / proxy_us["yarp"]
    printf "| gateway requests/s ÷ bare YARP\047s | %.2f | ≥ 0.90 |\n", rps["gateway"] / rps["yarp"]
    printf "| gateway CPU per request ÷ nginx\047s | %.2f | report; below 2.5 |\n", proxy_us["gateway"] / proxy_us["nginx"]
  }' "$results"

awk -v tps="$ticks_per_second" -v runs="$rounds × ${duration} s, h2load -t$threads -c$connections -m1" '
  { n[$1]++; rows[$1] = $2; requests[$1] += $3; seconds[$1] += $4; mean[$1] += $5; if ($6 > max[$1]) max[$1] = $6; bad[$1] += $7; ticks[$1] += $8 }
  END {
    order = "v2-rest-1 grpc-1 v2-rest-150 grpc-150 v2-rest-1-gateway grpc-1-gateway"
    split(order, names, " ")
    printf "\nV2 inference, REST and gRPC. Runs: %s.\n\n", runs
    printf "| Variant | Flowers a request | Requests/s | Flowers/s | Mean | Max | CPU per request | HTTP errors |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i in names; i++) {
      v = names[i]; rps = requests[v] / seconds[v]
      printf "| %s | %d | %\047.0f | %\047.0f | %.2f ms | %.2f ms | %.0f µs | %d |\n", v, rows[v], rps, rps * rows[v], mean[v] / n[v], max[v], ticks[v] / tps * 1e6 / requests[v], bad[v]
    }
  }' "$inference_results"
