# What bench/run.sh and bench/profile.sh share: their tools, the Release build, and services started
# from it on loopback, ended on exit. Source it from the repository's root.

# require COMMAND:PACKAGE ...: installs, with apt-get, the Debian packages of the commands missing.
require() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} with apt-get" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build_release() {
  echo "Building Release" >&2
  dotnet build Iris.sln -c Release -nologo -v quiet >&2
}

release=bin/Release/net10.0
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

# start NAME DLL PORT GRPC_PORT [VAR=VALUE ...]: a service from its Release build, in Production, on
# loopback (its named Kestrel endpoints: http, and grpc for the predictor and the gateway; - for none).
start() {
  local name=$1 dll=$2 port=$3 grpc=$4; shift 4
  local endpoints=(Kestrel__Endpoints__http__Url="http://127.0.0.1:$port")
  [[ $grpc == - ]] || endpoints+=(Kestrel__Endpoints__grpc__Url="http://127.0.0.1:$grpc")
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production "${endpoints[@]}" "$@" dotnet "$(basename "$dll")" \
    >"$work/$name.log" 2>&1) &
  pids+=($!)
  eval "pid_$name=$!"
}

# start_nginx PORT PREDICTOR_PORT: Debian's nginx in front of the predictor, set up as a platform team
# would for this load: a worker a core, a pool of keep-alive connections upstream, no access log. It
# strips /api as the gateway's route does. Its master process is $pid_nginx; the workers are its children.
start_nginx() {
  local dir="$work/nginx"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  upstream predictor { server 127.0.0.1:$2; keepalive 64; }
  server {
    listen 127.0.0.1:$1;
    location /api/ {
      proxy_pass http://predictor/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$work/nginx.log" 2>&1 &
  pids+=($!)
  pid_nginx=$!
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

ticks_per_second=$(getconf CLK_TCK)
# The CPU time, in clock ticks, the processes have used so far (user + system).
cpu_ticks() { local total=0; for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $total; }
