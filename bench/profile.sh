#!/usr/bin/env bash
# A CPU profile, native frames included, of one service under bench/run.sh's load, split into the stages
# of a request (bench/profile/stages.py): where each microsecond of a request goes. Loopback only.
#
#   bench/profile.sh direct     the predictor's POST /predict (cache off), as run.sh's "direct"
#   bench/profile.sh batch      the predictor's POST /predict/batch of 1,000 rows
#   bench/profile.sh gateway    the gateway's POST /api/predict, in front of the predictor (the gateway's samples)
#   bench/profile.sh yarp       the bare YARP proxy's, in front of the predictor, for comparison with the gateway
#   bench/profile.sh bare       the bare Kestrel endpoint, for comparison
#
# The profiled process runs with DOTNET_PerfMapEnabled=1 (perf reads JIT-compiled code's names from
# /tmp/perf-PID.map) and W^X off (otherwise perf sees that code through an anonymous double mapping).
# Both change what is measured slightly; compare stages within one profile, not across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
variant=${1:-direct}
settle=${SETTLE:-20} seconds=${SECONDS_PROFILED:-10} connections=64 threads=2

source bench/lib.sh
require wrk:wrk perf:linux-perf python3:python3
build_release

profiled=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
port_bare=$(free_port) port_predictor=$(free_port) grpc_predictor=$(free_port) port_gateway=$(free_port) grpc_gateway=$(free_port) port_yarp=$(free_port)
predictor_env=(PredictionCache__Enabled=false)
case $variant in
  direct|batch) predictor_env+=("${profiled[@]}") ;;
  gateway|yarp|bare) ;;
  *) echo "unknown variant '$variant': direct, batch, gateway, yarp or bare" >&2; exit 2 ;;
esac
bare_env=(); [[ $variant == bare ]] && bare_env=("${profiled[@]}")
start bare "bench/Iris.Bench.Bare/$release/Iris.Bench.Bare.dll" "$port_bare" - "${bare_env[@]}"
start predictor "Iris.Predictor/$release/Iris.Predictor.dll" "$port_predictor" "$grpc_predictor" "${predictor_env[@]}"
if [[ $variant == gateway ]]; then
  start gateway "Iris.Gateway/$release/Iris.Gateway.dll" "$port_gateway" "$grpc_gateway" "${profiled[@]}" \
    Gateway__RateLimit__TokensPerSecond=0 services__predictor__http__0="http://127.0.0.1:$port_predictor" \
    services__predictor__grpc__0="http://127.0.0.1:$grpc_predictor" services__web__http__0="http://127.0.0.1:$port_bare"
fi
if [[ $variant == yarp ]]; then
  start yarp "bench/Iris.Bench.Yarp/$release/Iris.Bench.Yarp.dll" "$port_yarp" - "${profiled[@]}" Predictor="http://127.0.0.1:$port_predictor"
fi

case $variant in
  direct) url="http://127.0.0.1:$port_predictor/predict" script=predict-repeated.lua pid=$pid_predictor ;;
  batch) url="http://127.0.0.1:$port_predictor/predict/batch" script=batch.lua pid=$pid_predictor ;;
  gateway) url="http://127.0.0.1:$port_gateway/api/predict" script=predict-repeated.lua pid=$pid_gateway ;;
  yarp) url="http://127.0.0.1:$port_yarp/api/predict" script=predict-repeated.lua pid=$pid_yarp ;;
  bare) url="http://127.0.0.1:$port_bare/predict" script=predict-repeated.lua pid=$pid_bare ;;
esac
wait_until_answering "$url"
trap 'cleanup; rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"' EXIT

cd bench/wrk
echo "Settling $variant for ${settle} s" >&2
wrk -t"$threads" -c"$connections" -d"${settle}s" -s "$script" "$url" >/dev/null
echo "Profiling $variant for ${seconds} s" >&2
perf record -q -F 999 -g -p "$pid" -o "$work/perf.data" -- sleep $((seconds + 1)) 2>/dev/null &
recorder=$!
sleep 0.5
before=$(cpu_ticks "$pid")
requests=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$script" "$url" | awk '/requests in/ {print $1}')
after=$(cpu_ticks "$pid")
wait "$recorder" || true
cd "$root"

per_request=$(awk -v t=$((after - before)) -v tps="$ticks_per_second" -v n="$requests" 'BEGIN {printf "%.1f", t / tps * 1e6 / n}')
echo "$variant: $requests requests in ${seconds} s, $(awk -v n="$requests" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}') requests/s, ${per_request} µs of CPU a request"
echo
[[ -n "${KEEP:-}" ]] && cp "$work/perf.data" "$KEEP"
perf script -i "$work/perf.data" -F comm,tid,period,ip,sym,dso 2>/dev/null | python3 bench/profile/stages.py "$per_request"
